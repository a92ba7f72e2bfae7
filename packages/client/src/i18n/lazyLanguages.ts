import type { BackendModule, i18n as I18n } from 'i18next';
import type { Language } from '@kenes/shared';
import type { Resources } from './en.js';
import { initI18n, isLanguage, startingLanguage } from './i18n.js';

/** One language's strings, each language a chunk of its own (~10 KiB gzip each). */
export function loadLanguage(lang: Language): Promise<Resources> {
  switch (lang) {
    case 'ru':
      return import('./ru.js').then((m) => m.ru);
    case 'kk':
      return import('./kk.js').then((m) => m.kk);
    default:
      return import('./en.js').then((m) => m.en);
  }
}

/** i18next loads a language on `changeLanguage` through this, and switches once it is in. */
const languageBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) return callback(null, {});
    loadLanguage(language).then(
      (resources) => callback(null, resources),
      (error: unknown) =>
        callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * The app's i18next instance: the starting language loaded first (so the
 * first paint is in it, with no flash), the others on demand.
 *
 * @example const i18n = await startI18n(); render(<App i18n={i18n} />)
 */
export async function startI18n(lang: Language = startingLanguage()): Promise<I18n> {
  return initI18n(lang, { [lang]: await loadLanguage(lang) }, languageBackend);
}
