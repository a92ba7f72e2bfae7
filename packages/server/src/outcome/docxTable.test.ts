import { describe, expect, it } from 'vitest';
import { columnWidths, TEXT_WIDTH } from './docxTable.js';

describe('Word table column widths', () => {
  const rows = [
    ['#', 'Начало', 'Выступающий', 'Организация', 'Тип', 'Вид', 'Длительность'],
    [
      '1',
      '09:01',
      'Aigerim Nurlanovna',
      'National Centre for Human Rights of the Republic of Kazakhstan',
      'Национальное правозащитное учреждение',
      'По порядку ведения',
      '6 мин 21 с',
    ],
  ];

  it('fill the text width and give no column less than its longest word', () => {
    const widths = columnWidths(rows);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(TEXT_WIDTH - 10);
    // "Длительность" (12 letters) needs more than "Вид" + "По порядку ведения" (longest word 7).
    expect(widths[6]).toBeGreaterThan(widths[5]!);
    // The organisation holds the most text, so it gets the most room.
    expect(Math.max(...widths)).toBe(widths[3]);
    expect(widths[0]).toBeLessThan(500);
  });

  it('shrinks proportionally when even the words do not fit', () => {
    const long = 'x'.repeat(200);
    const widths = columnWidths([[long, long, long, long, long]], 5_000);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5_000);
    expect(new Set(widths).size).toBe(1);
  });
});
