import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@kenes/shared';
import { isLanguage } from '../../i18n/i18n.js';
import { storeKioskLanguage } from './displayLanguage.js';
import { NATIVE_NAME } from '../../i18n/LanguagePicker.js';

/**
 * The hall display's language, remembered for the display on this PC only
 * (`displayLanguage.ts`). Unlike the app's picker it never saves to an account
 * nor the app's choice, so a person signed in on the same browser keeps theirs.
 */
export function KioskLanguage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={isLanguage(i18n.language) ? i18n.language : 'en'}
        onChange={(e) => {
          const lang = e.target.value;
          if (!isLanguage(lang)) return;
          storeKioskLanguage(lang);
          void i18n.changeLanguage(lang);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAME[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
