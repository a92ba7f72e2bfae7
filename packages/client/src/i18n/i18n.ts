import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@kenes/shared';
import type { Resources } from './en.js';
import { memoizeTranslations } from './memoizedT.js';

/** Where the language a visitor picked is remembered on this device. */
const STORAGE_KEY = 'kenes.language';

/** True when `value` is a UI language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in before anyone is signed in: the one picked on
 * this device, else the browser's first supported one, else English. Once an
 * account is known its preferred language wins (see `AuthProvider`).
 */
export function initialLanguage(stored: string | null, browser: readonly string[] = []): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Remembers the picked language on this device. */
export function storeLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts this page only.
  }
}

/** The language to start in on this device (see {@link initialLanguage}). */
export function startingLanguage(): Language {
  return initialLanguage(readStored(), typeof navigator === 'undefined' ? [] : navigator.languages);
}

/**
 * Builds and initialises an i18next instance in `lang` with the languages
 * in `resources`; a `backend` loads any other one when the language changes
 * (i18next waits for it before switching). Keeps `<html lang>` in step.
 */
export function initI18n(
  lang: Language,
  resources: Partial<Record<Language, Resources>>,
  backend?: BackendModule,
): I18n {
  const instance = i18next.createInstance();
  if (backend) instance.use(backend);
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(
      Object.entries(resources).map(([l, r]) => [l, { translation: r }]),
    ),
    partialBundledLanguages: backend !== undefined,
    lng: lang,
    // Every key exists in every language (the i18n test): no fallback to load.
    fallbackLng: backend ? false : 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false,
    showSupportNotice: false,
  });
  const setLang = (l: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  };
  setLang(instance.language);
  instance.on('languageChanged', setLang);
  memoizeTranslations(instance);
  return instance;
}
