/**
 * Dates, times and durations through `Intl`, in the UI language, so that
 * "15 min", "15 мин." and "15 мин" come from the platform, not from us.
 */

/** A date and time, e.g. "12 Mar 2030, 10:00". */
export function formatDateTime(lang: string, epochMs: number): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** A time of day, e.g. "10:05". */
export function formatTime(lang: string, epochMs: number): string {
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(epochMs);
}

/** Whole minutes as a unit, e.g. "15 min". */
export function formatMinutes(lang: string, minutes: number): string {
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  }).format(minutes);
}

/**
 * A duration in ms as hours/minutes/seconds units joined by the locale's
 * list format, e.g. "2 min, 5 sec". Seconds are dropped beyond an hour.
 */
export function formatDuration(lang: string, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = (u: 'hour' | 'minute' | 'second', n: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const parts: string[] = [];
  if (h > 0) parts.push(unit('hour', h));
  if (m > 0 || h > 0) parts.push(unit('minute', m));
  if (h === 0 && (s > 0 || parts.length === 0)) parts.push(unit('second', s));
  return new Intl.ListFormat(lang, { style: 'narrow', type: 'unit' }).format(parts);
}
