/** A device as the sessions list names it: browser and system, no version. */
export interface DeviceName {
  browser: string | null;
  os: string | null;
  mobile: boolean;
}

// Order matters: browsers built on Chromium also say "Chrome" and "Safari",
// and Chrome says "Safari"; the more specific token is tried first.
const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bYaBrowser\//, 'Yandex Browser'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrom(?:e|ium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * Names the browser and operating system of a `User-Agent` string, for the
 * profile's list of sessions ("Firefox on Windows"). Only the common ones are
 * known; anything else is null, never a guess. Pure.
 *
 * @example describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) … Chrome/131.0 Safari/537.36')
 * // { browser: 'Chrome', os: 'Windows', mobile: false }
 */
export function describeUserAgent(ua: string | null | undefined): DeviceName {
  if (!ua) return { browser: null, os: null, mobile: false };
  const find = (table: ReadonlyArray<readonly [RegExp, string]>) =>
    table.find(([re]) => re.test(ua))?.[1] ?? null;
  const browser = /\bHeadlessChrome\//.test(ua) ? 'Chrome' : find(BROWSERS);
  return { browser, os: find(SYSTEMS), mobile: /\bMobile\b|\biPhone\b|\bAndroid\b/.test(ua) };
}
