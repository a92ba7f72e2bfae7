import type { i18n as I18n } from 'i18next';
import type { Language } from '@kenes/shared';
import { en } from './en.js';
import { ru } from './ru.js';
import { kk } from './kk.js';
import { initI18n, startingLanguage } from './i18n.js';

/** Every language's resources, keyed by language code. */
export const RESOURCES = { en, ru, kk } as const;

/**
 * An i18next instance with all three languages bundled, ready at once: for
 * tests. The app loads only the language in use (`lazyLanguages.ts`).
 */
export function createI18n(lang?: Language): I18n {
  return initI18n(lang ?? startingLanguage(), RESOURCES);
}
