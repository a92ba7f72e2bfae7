import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  forgetIntlProbes,
  formatDateTime,
  formatDuration,
  formatMinutes,
  intlDatesFallBack,
  intlUnitsFallBack,
} from './localeFormat.js';

/** `Intl` without Kazakh data, as Chromium ships it (root-locale months "M12", English units). */
function withoutKazakhData(): typeof Intl {
  const real = Intl;
  const kk = (lang: unknown) => String(lang ?? '').startsWith('kk');
  class DateTimeFormat extends real.DateTimeFormat {
    constructor(lang?: string | string[], opts?: Intl.DateTimeFormatOptions) {
      super(kk(lang) ? 'en-US' : lang, opts);
      if (kk(lang)) {
        const n = new real.DateTimeFormat('en-US', { month: 'numeric', timeZone: opts?.timeZone });
        this.formatToParts = (d?: number | Date) =>
          super
            .formatToParts(d)
            .map((p) => (p.type === 'month' ? { ...p, value: `M${n.format(d)}` } : p));
      }
    }
  }
  class NumberFormat extends real.NumberFormat {
    constructor(lang?: string | string[], opts?: Intl.NumberFormatOptions) {
      super(kk(lang) ? 'en' : lang, opts);
    }
  }
  return { ...real, DateTimeFormat, NumberFormat, ListFormat: real.ListFormat } as typeof Intl;
}

afterEach(() => {
  vi.unstubAllGlobals();
  forgetIntlProbes();
});

describe('locale formatting', () => {
  it('uses Intl where it has the data (Node carries full ICU, Kazakh included)', () => {
    expect(intlDatesFallBack('kk')).toBe(false);
    expect(intlUnitsFallBack('kk')).toBe(false);
    expect(intlUnitsFallBack('en')).toBe(false);
    expect(formatDuration('en', 381_000)).toBe('6 min 21 sec');
    expect(formatDuration('ru', 381_000)).toBe('6 мин 21 с');
    expect(formatDuration('en', 3_725_000)).toBe('1 hr 2 min');
  });

  it('makes one formatter per language and kind, however often a room draws a duration or a time', () => {
    const made = { number: 0, date: 0, list: 0 };
    const real = Intl;
    class NumberFormat extends real.NumberFormat {
      constructor(lang?: string | string[], opts?: Intl.NumberFormatOptions) {
        super(lang, opts);
        made.number++;
      }
    }
    class DateTimeFormat extends real.DateTimeFormat {
      constructor(lang?: string | string[], opts?: Intl.DateTimeFormatOptions) {
        super(lang, opts);
        made.date++;
      }
    }
    class ListFormat extends real.ListFormat {
      constructor(lang?: string | string[], opts?: Intl.ListFormatOptions) {
        super(lang, opts);
        made.list++;
      }
    }
    vi.stubGlobal('Intl', { ...real, NumberFormat, DateTimeFormat, ListFormat });
    for (let i = 0; i < 50; i++) {
      formatMinutes('ru', i);
      formatDuration('ru', i * 61_000);
      formatDateTime('ru', Date.UTC(2026, 11, 7, 10, i), 'UTC');
    }
    expect(formatDuration('ru', 381_000)).toBe('6 мин 21 с');
    // The probe asks for hour, minute and second in Russian and English; then one per unit.
    expect(made.number).toBeLessThanOrEqual(6 + 3);
    expect(made.date).toBe(1);
    expect(made.list).toBe(1);
  });

  it('detects a runtime without Kazakh data and prints what CLDR (full ICU) prints', () => {
    const times = Array.from({ length: 12 }, (_, m) => Date.UTC(2026, m, 1 + m * 2, m * 2, 7 * m));
    const durations = [0, 999, 15_000, 381_000, 3_600_000, 3_725_000, 36_061_000];
    const cldr = {
      dates: times.map((t) => formatDateTime('kk', t, 'UTC')),
      durations: durations.map((d) => formatDuration('kk', d)),
      minutes: formatMinutes('kk', 10),
    };
    expect(cldr.dates[0]).toBe('2026 ж. 01 қаң., 00:00');
    forgetIntlProbes();
    vi.stubGlobal('Intl', withoutKazakhData());
    expect(intlDatesFallBack('kk')).toBe(true);
    expect(intlUnitsFallBack('kk')).toBe(true);
    expect(intlUnitsFallBack('ru')).toBe(false);
    expect(times.map((t) => formatDateTime('kk', t, 'UTC'))).toEqual(cldr.dates);
    expect(durations.map((d) => formatDuration('kk', d))).toEqual(cldr.durations);
    expect(formatMinutes('kk', 10)).toBe(cldr.minutes);
    expect(cldr.durations[3]).toBe('6 мин 21 с');
  });
});
