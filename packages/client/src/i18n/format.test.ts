import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatDuration, formatMinutes, formatTime } from './format.js';

/**
 * Chromium's `Intl` as it is for Kazakh: `kk` is "supported" but prints from
 * the root locale — months "M1".."M12", English units, comma-joined lists.
 * (Node and jsdom carry full ICU, so the browser's gap is recreated here.)
 */
function chromiumLikeIntl(): typeof Intl {
  const real = Intl;
  const root = (lang: string | string[] | undefined) =>
    String(lang ?? '')
      .toLowerCase()
      .startsWith('kk');
  class DateTimeFormat extends real.DateTimeFormat {
    private readonly fallback: boolean;
    private readonly monthOf: Intl.DateTimeFormat;
    constructor(lang?: string | string[], opts?: Intl.DateTimeFormatOptions) {
      super(root(lang) ? 'en-US' : lang, opts);
      this.fallback = root(lang);
      this.monthOf = new real.DateTimeFormat('en-US', {
        month: 'numeric',
        timeZone: opts?.timeZone,
      });
    }
    override formatToParts(d?: number | Date): Intl.DateTimeFormatPart[] {
      const parts = super.formatToParts(d);
      if (!this.fallback) return parts;
      return parts.map((p) =>
        p.type === 'month' ? { ...p, value: `M${this.monthOf.format(d)}` } : p,
      );
    }
    override format(d?: number | Date): string {
      return this.fallback
        ? this.formatToParts(d)
            .map((p) => p.value)
            .join('')
        : super.format(d);
    }
  }
  class NumberFormat extends real.NumberFormat {
    constructor(lang?: string | string[], opts?: Intl.NumberFormatOptions) {
      super(root(lang) ? 'en' : lang, opts);
    }
  }
  class ListFormat extends real.ListFormat {
    constructor(lang?: string | string[], opts?: Intl.ListFormatOptions) {
      super(root(lang) ? 'en' : lang, root(lang) ? { ...opts, style: 'short' } : opts);
    }
  }
  return { ...real, DateTimeFormat, NumberFormat, ListFormat } as unknown as typeof Intl;
}

// Before any formatting: what the formatters learn of `Intl` they keep.
vi.stubGlobal('Intl', chromiumLikeIntl());
afterAll(() => vi.unstubAllGlobals());

const DEC_6 = Date.UTC(2026, 11, 6, 23, 51);

describe('formatters where Intl has no Kazakh data (Chromium)', () => {
  it('the stub prints what Chromium prints', () => {
    expect(new Intl.NumberFormat('kk', { style: 'unit', unit: 'minute' }).format(10)).toBe(
      '10 min',
    );
    expect(new Intl.DateTimeFormat('kk', { month: 'short', timeZone: 'UTC' }).format(DEC_6)).toBe(
      'M12',
    );
  });

  it('prints Kazakh units: "10 мин", "6 мин 15 с", "1 сағ 5 мин"', () => {
    expect(formatMinutes('kk', 10)).toBe('10 мин');
    expect(formatDuration('kk', 6 * 60_000 + 15_000)).toBe('6 мин 15 с');
    expect(formatDuration('kk', 3_900_000)).toBe('1 сағ 5 мин');
    expect(formatDuration('kk', 0)).toBe('0 с');
  });

  it('prints Kazakh dates: "2026 ж. 06 жел., 23:51"', () => {
    expect(formatDateTime('kk', DEC_6, 'UTC')).toBe('2026 ж. 06 жел., 23:51');
    expect(formatDateTime('kk', Date.UTC(2026, 2, 1, 9, 5), 'Asia/Almaty')).toBe(
      '2026 ж. 01 нау., 14:05',
    );
    expect(formatTime('kk', DEC_6, 'UTC')).toBe('23:51');
  });

  it('leaves Russian and English to Intl', () => {
    expect(formatDuration('ru', 6 * 60_000 + 15_000)).toBe('6 мин 15 с');
    expect(formatDuration('en', 6 * 60_000 + 21_000)).toBe('6 min 21 sec');
    expect(formatDateTime('ru', DEC_6, 'UTC')).toBe('6 дек. 2026 г., 23:51');
  });
});
