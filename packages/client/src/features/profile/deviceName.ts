import type { TFunction } from 'i18next';
import type { SessionInfo } from '@kenes/shared';

/**
 * A session's device in words: "Firefox on Windows", "Safari on iOS (phone)",
 * or the unknown-device sentence when the User-Agent named neither.
 */
export function deviceName(t: TFunction, s: SessionInfo): string {
  const browser = s.browser ?? t('profile.unknownBrowser');
  const base = s.os
    ? t('profile.browserOnOs', { browser, os: s.os })
    : s.browser
      ? browser
      : t('profile.unknownDevice');
  return s.mobile ? t('profile.mobileDevice', { device: base }) : base;
}
