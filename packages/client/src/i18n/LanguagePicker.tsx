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

/** The `<option>`s of a language select, each language named in itself. */
export function LanguageOptions() {
  return (
    <>
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {NATIVE_NAME[l]}
        </option>
      ))}
    </>
  );
}

/**
 * A labelled select of the UI language, showing the one in use; `onChoose`
 * decides where a choice is kept.
 */
export function LanguageSelect({ onChoose }: { onChoose: (lang: Language) => void }) {
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
          if (isLanguage(lang)) onChoose(lang);
        }}
      >
        <LanguageOptions />
      </select>
    </div>
  );
}

/**
 * The language picker. The choice is remembered on this device and, when
 * signed in, saved to the account (see `chooseLanguage`).
 */
export function LanguagePicker() {
  const { chooseLanguage } = useAuth();
  return <LanguageSelect onChoose={(lang) => void chooseLanguage(lang)} />;
}
