import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@kenes/shared';
import { useAuth } from '../auth/AuthContext.js';
import { isLanguage } from './i18n.js';

/** Each language named in itself, so a reader finds theirs whatever is showing. */
export const NATIVE_NAME: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
};

/**
 * The language picker: a labelled select. The choice is remembered on this
 * device and, when signed in, saved to the account (see `chooseLanguage`).
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const { chooseLanguage } = useAuth();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={isLanguage(i18n.language) ? i18n.language : 'en'}
        onChange={(e) => {
          const lang = e.target.value;
          if (isLanguage(lang)) void chooseLanguage(lang);
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
