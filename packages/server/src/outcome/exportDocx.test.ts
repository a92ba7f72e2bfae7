import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Language } from '@kenes/shared';
import { minutesDocx } from './exportDocx.js';
import { exportMinutes, exportSuggestions } from '../test-support/exportFixture.js';

async function documentXml(lang: Language, minutes = exportMinutes()): Promise<string> {
  const bytes = await minutesDocx(minutes, {
    lang,
    timeZone: 'UTC',
    generatedAt: Date.UTC(2030, 0, 15, 10, 0),
  });
  return strFromU8(unzipSync(bytes)['word/document.xml']!);
}

/** The text of some document XML, run by run. */
function plain(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The text of each cell of the table's rows. */
function rows(xml: string): string[][] {
  return (xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) =>
    (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(plain),
  );
}

describe('minutes as Word', () => {
  it('gives the interventions table columns sized for what they hold', async () => {
    const xml = await documentXml('en');
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(7);
    const [num, started, speaker, organisation, type, kind, duration] = grid as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // A4 less 1" margins: 9026 twips of text width; the grid fills it.
    expect(grid.reduce((a, b) => a + b, 0)).toBeGreaterThan(8900);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9026);
    expect(num).toBeLessThan(started);
    expect(started).toBeLessThan(speaker);
    expect(organisation).toBeGreaterThanOrEqual(speaker);
    expect(Math.min(type, kind, duration)).toBeGreaterThan(num);
    // Every cell states its width (Word and LibreOffice lay out from it), fixed layout.
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    const cellWidths = [...xml.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) =>
      Number(m[1]),
    );
    expect(cellWidths.slice(0, 7)).toEqual(grid);
  });

  it('prints the web UI’s kind words and durations (en, ru, kk)', async () => {
    const want: Record<Language, string[][]> = {
      en: [
        ['Speak', '6 min 21 sec'],
        ['Reply', '45 sec'],
      ],
      ru: [
        ['Выступление', '6 мин 21 с'],
        ['Реплика', '45 с'],
      ],
      kk: [
        ['Сөз сөйлеу', '6 мин 21 с'],
        ['Реплика', '45 с'],
      ],
    };
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const xml = await documentXml(lang);
      expect(
        rows(xml)
          .slice(1)
          .map((r) => r.slice(5)),
        lang,
      ).toEqual(want[lang]);
    }
    const en = plain(await documentXml('en'));
    expect(en).toContain('Actual: 9 min 30 sec');
    expect(en).toContain('Speaking time: 7 min 6 sec');
    expect(en).not.toMatch(/Statement|9\.5 min/);
  });

  it('tables the suggestions by organisation (en, ru, kk), and leaves them out when none', async () => {
    const minutes = { ...exportMinutes(), suggestions: exportSuggestions() };
    const heads: Record<Language, string[]> = {
      en: ['Organisation', 'Made', 'Accepted', 'Rejected', 'Pending'],
      ru: ['Организация', 'Внесено', 'Принято', 'Отклонено', 'На рассмотрении'],
      kk: ['Ұйым', 'Енгізілді', 'Қабылданды', 'Қабылданбады', 'Қаралмаған'],
    };
    const unknown: Record<Language, string> = { en: 'Unknown', ru: 'Неизвестно', kk: 'Белгісіз' };
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const xml = await documentXml(lang, minutes);
      // The interventions' table (header + 2 rows), then the suggestions' (header + 3).
      const table = rows(xml).slice(3);
      expect(table, lang).toEqual([
        heads[lang],
        ['National Centre for Human Rights of the Republic of Kazakhstan', '3', '1', '1', '1'],
        ['Union of Crisis Centres', '2', '2', '0', '0'],
        [unknown[lang], '1', '0', '0', '1'],
      ]);
    }
    const en = plain(await documentXml('en', minutes));
    expect(en).toContain('Suggestions by organisation');
    expect(en).toContain('Made = accepted + rejected + pending');
    expect(en.indexOf('Suggestions by organisation')).toBeLessThan(en.lastIndexOf('Total'));
    expect(plain(await documentXml('en'))).not.toContain('Suggestions by organisation');
  });
});
