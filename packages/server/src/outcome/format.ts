/**
 * How the exports print times and durations: the same in Markdown and Word.
 */

import type { Language } from '@kenes/shared';
import { formatDuration as durationInWords, formatMinutes as minutesInWords } from '@kenes/shared';

/**
 * A duration as the web UI prints it, in words of `lang`: "6 min 21 sec",
 * "6 мин 21 с", "1 сағ 2 мин" (the same shared formatter, so the minutes on
 * screen and the exported minutes agree).
 * @example formatDuration('en', 381_000) // '6 min 21 sec'
 */
export function formatDuration(lang: Language, ms: number): string {
  return durationInWords(lang, ms);
}

/** Whole minutes as the UI prints them: "30 min", "30 мин". */
export function formatMinutes(lang: Language, minutes: number): string {
  return minutesInWords(lang, minutes);
}

/**
 * True when `timeZone` is an IANA zone name this runtime knows.
 * @example isTimeZone('Asia/Almaty') // true
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A moment as `YYYY-MM-DD HH:MM` in `timeZone` (language-neutral, so a
 * Russian and an English export show the same figures).
 * @example formatDateTime(Date.UTC(2030, 0, 1, 9, 5), 'UTC') // '2030-01-01 09:05'
 */
export function formatDateTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A moment as `HH:MM` in `timeZone`. */
export function formatClock(ms: number, timeZone: string): string {
  return formatDateTime(ms, timeZone).slice(11);
}
