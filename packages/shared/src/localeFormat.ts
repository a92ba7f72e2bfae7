/**
 * Dates, times and durations in a UI language, for the web UI and the
 * exports alike (so "6 min 21 sec" on screen is "6 min 21 sec" in the Word
 * file). `Intl` does the work where it has the language's data; where it
 * falls back to the root locale — Chromium ships `kk` without its date and
 * unit data and prints "2026 M12 6 23:51" and "10 min" — our own patterns
 * (CLDR's, written out here) take over. Fallback is detected from what
 * `Intl` prints, not from the browser's name, so a runtime that gains the
 * data uses it.
 */

/** A language's own patterns, used only where `Intl` has no data for it. */
interface OwnPatterns {
  /** Abbreviated month names, January first (CLDR `format/abbreviated`). */
  months: readonly string[];
  /** The medium date from its numeric parts. */
  date(p: DateParts): string;
  /** How a date and a time join (CLDR `dateTimeFormat` medium). */
  dateTime(date: string, time: string): string;
  /** Short unit forms: `{n} сағ`. */
  units: Readonly<Record<DurationUnit, (n: number) => string>>;
  /** How the units of a duration join (CLDR list `unit-narrow`). */
  join(parts: readonly string[]): string;
}

type DurationUnit = 'hour' | 'minute' | 'second';

interface DateParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Kazakh, as CLDR (and Node's full ICU) have it: "2026 ж. 06 жел., 23:51", "2 сағ 5 мин". */
const KAZAKH: OwnPatterns = {
  months: [
    'қаң.',
    'ақп.',
    'нау.',
    'сәу.',
    'мам.',
    'мау.',
    'шіл.',
    'там.',
    'қыр.',
    'қаз.',
    'қар.',
    'жел.',
  ],
  date: (p) => `${p.year} ж. ${pad2(p.day)} ${KAZAKH.months[p.month - 1]!}`,
  dateTime: (date, time) => `${date}, ${time}`,
  units: {
    hour: (n) => `${n} сағ`,
    minute: (n) => `${n} мин`,
    second: (n) => `${n} с`,
  },
  join: (parts) => parts.join(' '),
};

/** Languages with patterns of our own; the others always use `Intl`. */
const OWN: Readonly<Record<string, OwnPatterns>> = { kk: KAZAKH };

const baseLanguage = (lang: string) => lang.toLowerCase().split('-')[0]!;

const dateFallbacks = new Map<string, boolean>();
const unitFallbacks = new Map<string, boolean>();
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

/**
 * One `Intl` formatter per kind, language and options, made on first use:
 * making one costs far more than formatting with it (a room drew its agenda's
 * durations and its clock through a new formatter per call).
 */
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  key: string,
  make: () => F,
): F {
  let formatter = formatters.get(key) as F | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

const dateTimeFormat = (lang: string, options: Intl.DateTimeFormatOptions) =>
  cached(`date|${lang}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(lang, options));

/**
 * True when `Intl` prints dates of `lang` from the root locale: its month
 * names are then "M1".."M12" (ICU's root symbols), which no language uses.
 */
export function intlDatesFallBack(lang: string): boolean {
  let known = dateFallbacks.get(lang);
  if (known === undefined) {
    const month = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' })
      .formatToParts(Date.UTC(2026, 11, 15))
      .find((p) => p.type === 'month')?.value;
    known = month === undefined || /^M\d+$/.test(month);
    dateFallbacks.set(lang, known);
  }
  return known;
}

/**
 * True when `Intl` prints units of a non-English `lang` with the English
 * (root) words — "10 min" for Kazakh — i.e. it has no unit data for it.
 */
export function intlUnitsFallBack(lang: string): boolean {
  if (baseLanguage(lang) === 'en') return false;
  let known = unitFallbacks.get(lang);
  if (known === undefined) {
    const unit = (l: string, u: DurationUnit) =>
      new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay: 'short' }).format(2);
    known = (['hour', 'minute', 'second'] as const).some((u) => unit(lang, u) === unit('en', u));
    unitFallbacks.set(lang, known);
  }
  return known;
}

/**
 * Forgets what the probes found, so the next call asks `Intl` again: for
 * tests that swap `Intl`, and a runtime whose data changed.
 */
export function forgetIntlProbes(): void {
  dateFallbacks.clear();
  unitFallbacks.clear();
  formatters.clear();
}

/** Our patterns for `lang` when `Intl` lacks its data of `kind`, else null. */
function own(lang: string, kind: 'dates' | 'units'): OwnPatterns | null {
  const patterns = OWN[baseLanguage(lang)];
  if (!patterns) return null;
  return (kind === 'dates' ? intlDatesFallBack(lang) : intlUnitsFallBack(lang)) ? patterns : null;
}

/** Numeric parts of a moment in `timeZone` (the runtime's zone when undefined). */
function dateParts(epochMs: number, timeZone: string | undefined): DateParts {
  const parts = dateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(epochMs);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
  };
}

/**
 * A date and time, e.g. "12 Mar 2030, 10:00", "2030 ж. 12 нау., 10:00".
 * `timeZone` defaults to the runtime's own.
 */
export function formatDateTime(lang: string, epochMs: number, timeZone?: string): string {
  const patterns = own(lang, 'dates');
  if (patterns) {
    const p = dateParts(epochMs, timeZone);
    return patterns.dateTime(patterns.date(p), `${pad2(p.hour)}:${pad2(p.minute)}`);
  }
  return dateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(epochMs);
}

/** A time of day, e.g. "10:05" (or "10:05 AM" in English). */
export function formatTime(lang: string, epochMs: number, timeZone?: string): string {
  if (own(lang, 'dates')) {
    const p = dateParts(epochMs, timeZone);
    return `${pad2(p.hour)}:${pad2(p.minute)}`;
  }
  return dateTimeFormat(lang, {
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(epochMs);
}

function unit(lang: string, u: DurationUnit, n: number): string {
  const patterns = own(lang, 'units');
  if (patterns) return patterns.units[u](n);
  return cached(
    `unit|${lang}|${u}`,
    () =>
      new Intl.NumberFormat(lang, {
        style: 'unit',
        unit: u,
        unitDisplay: 'short',
        maximumFractionDigits: 0,
      }),
  ).format(n);
}

/** Whole minutes as a unit, e.g. "15 min", "15 мин". */
export function formatMinutes(lang: string, minutes: number): string {
  return unit(lang, 'minute', Math.round(minutes));
}

/**
 * A duration in ms as hours/minutes/seconds joined as the language joins
 * units, e.g. "2 min 5 sec", "2 мин 5 с". Seconds are dropped from an hour
 * on; partial seconds are cut (a clock never shows a second before it ends).
 */
export function formatDuration(lang: string, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(unit(lang, 'hour', h));
  if (m > 0 || h > 0) parts.push(unit(lang, 'minute', m));
  if (h === 0 && (s > 0 || parts.length === 0)) parts.push(unit(lang, 'second', s));
  const patterns = own(lang, 'units');
  if (patterns) return patterns.join(parts);
  return cached(
    `list|${lang}`,
    () => new Intl.ListFormat(lang, { style: 'narrow', type: 'unit' }),
  ).format(parts);
}
