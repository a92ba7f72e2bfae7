import { useTranslation } from 'react-i18next';
import { storeKioskLanguage } from './displayLanguage.js';
import { LanguageSelect } from '../../i18n/LanguagePicker.js';

/**
 * The hall display's language, remembered for the display on this PC only
 * (`displayLanguage.ts`). Unlike the app's picker it never saves to an account
 * nor the app's choice, so a person signed in on the same browser keeps theirs.
 */
export function KioskLanguage() {
  const { i18n } = useTranslation();
  return (
    <LanguageSelect
      onChoose={(lang) => {
        storeKioskLanguage(lang);
        void i18n.changeLanguage(lang);
      }}
    />
  );
}
