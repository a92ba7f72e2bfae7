import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@kenes/shared';
import { isLanguage, storeLanguage } from '../../i18n/i18n.js';
import { NATIVE_NAME } from '../../i18n/LanguagePicker.js';

/**
 * The hall display's language: remembered on this PC only. Unlike the app's
 * picker it never saves to an account, so a person signed in on the same
 * browser keeps their own setting.
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
          storeLanguage(lang);
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
