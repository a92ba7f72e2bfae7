import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@kenes/shared';
import { isLanguage } from '../../i18n/i18n.js';

/**
 * The hall display's own language, kept on this PC apart from the app's
 * (`kenes.language`): a person signed in on the same browser keeps theirs,
 * and the display keeps the hall's even when that person's account language
 * is applied at sign-in.
 */
const KEY = 'kenes.display.language';

/** The language chosen for the hall display on this PC, or null. */
export function storedKioskLanguage(): Language | null {
  try {
    const v = localStorage.getItem(KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the hall display's language on this PC. */
export function storeKioskLanguage(lang: Language): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Storage off: the choice holds until the page reloads.
  }
}

/** Keeps the page in the display's language whenever something else switched it. */
export function useKioskLanguage(): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const chosen = storedKioskLanguage();
    if (chosen !== null && i18n.language !== chosen) void i18n.changeLanguage(chosen);
  }, [i18n, i18n.language]);
}
