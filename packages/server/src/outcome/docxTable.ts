/**
 * Column widths for the Word tables, from what the columns hold. Word and
 * LibreOffice give a table of unset widths equal columns, which broke words
 * mid-word ("Длительнос|ть", "Международн|ая"); here every column first gets
 * room for its longest word, and what is left goes to the columns with the
 * most text (names, organisations).
 */

/** The text width of the default page (A4, 1" margins), in twips: what a table may fill. */
export const TEXT_WIDTH = 11_906 - 2 * 1_440;

/** The font size of table text, in half-points (the unit of `w:sz`): 9 pt. */
export const TABLE_FONT_HALF_POINTS = 18;

/**
 * A generous average glyph width, as a share of the font size: Liberation
 * Serif/Times capitals and Cyrillic run near 0.55–0.7 em, lower case lower.
 */
const EM_SHARE = 0.58;
/** Left plus right cell margins Word applies by default (108 twips each). */
const CELL_PADDING = 2 * 108;
/** No column's longest word may claim more than this share of the width. */
const MAX_WORD_SHARE = 0.3;

/** Twips a string of `chars` characters takes at the table's font size. */
function textTwips(chars: number): number {
  // half-points → points (/2) → twips (×20)
  return Math.ceil(chars * EM_SHARE * (TABLE_FONT_HALF_POINTS / 2) * 20);
}

const longestWord = (text: string) =>
  Math.max(0, ...text.split(/[\s/-]+/).map((w) => [...w].length));

/**
 * Widths in twips of the columns of `rows` (header included), adding up to
 * at most `total`: each column gets its longest word (capped, so one long
 * word cannot starve the rest), the remainder is shared by how much text
 * each column holds beyond that.
 *
 * @example columnWidths([['#', 'Speaker'], ['1', 'Aigerim Nurlanovna']]) // [~380, ~8600]
 */
export function columnWidths(rows: readonly (readonly string[])[], total = TEXT_WIDTH): number[] {
  const count = Math.max(0, ...rows.map((r) => r.length));
  const columns = Array.from({ length: count }, (_, c) => rows.map((r) => r[c] ?? ''));
  const min = columns.map((cells) =>
    Math.min(
      Math.floor(total * MAX_WORD_SHARE),
      textTwips(Math.max(1, ...cells.map(longestWord))) + CELL_PADDING,
    ),
  );
  const used = min.reduce((a, b) => a + b, 0);
  if (used >= total) return min.map((w) => Math.floor((w * total) / used));
  // What a column would like beyond its minimum: its longest cell on one line.
  const wish = columns.map((cells, c) =>
    Math.max(
      0,
      textTwips(Math.max(0, ...cells.map((t) => [...t].length))) + CELL_PADDING - min[c]!,
    ),
  );
  const wishes = wish.reduce((a, b) => a + b, 0);
  const spare = total - used;
  return min.map((w, c) =>
    Math.floor(w + (wishes > 0 ? (spare * wish[c]!) / wishes : spare / count)),
  );
}
