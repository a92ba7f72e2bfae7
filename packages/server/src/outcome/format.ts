/**
 * How the exports print times and durations: the same in Markdown and Word.
 */

/**
 * A duration as `m:ss`, or `h:mm:ss` from an hour on; seconds rounded.
 * @example formatDuration(95_400) // '1:35'
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Minutes with at most one decimal, for planned-versus-actual figures. */
export function formatMinutes(ms: number): string {
  return String(Math.round(ms / 6_000) / 10);
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
