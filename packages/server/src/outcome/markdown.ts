import type { Block, Inline, Marks } from '@kenes/shared';

/**
 * Rich text to CommonMark (with GFM strikethrough). Text people wrote is
 * escaped, so a `*` or `#` they typed stays a character, not markup.
 */

/** Line breaks in people's text: only breaks the exporter writes itself may end a Markdown line. */
const NEWLINES = /\r\n?|\n|\u2028|\u2029/g;

/**
 * Escapes Markdown syntax in plain text (inline position). A newline in the
 * text becomes a space: a line break there could start a block (a `===`
 * line making the line above a heading, a blank line ending a table cell).
 * @example escapeMarkdown('1. *a*') // '1\\. \\*a\\*'
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(NEWLINES, ' ')
      .replace(/[\\`*_{}[\]<>#|~!]/g, (c) => `\\${c}`)
      // A run start that would open a block: list markers, numbered lists (see also guardLineStarts).
      .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])(?=\s)/gm, '$1\\$2')
  );
}

/**
 * Makes every line of a paragraph's Markdown plain paragraph text: its
 * leading whitespace goes (a paragraph renders without it anyway, and four
 * spaces would open a code block), and a first character that could open
 * or underline a block (`=`/`-` setext underlines and thematic breaks, `+`
 * list markers, digits of a numbered list) is escaped. The rest of the
 * block syntax (`#`, `>`, `*`, `_`, backticks, `~`, `|`, `<`, `[`) is
 * escaped wherever it occurs by {@link escapeMarkdown}.
 */
function guardLineStarts(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const trimmed = line.replace(/^[ \t]+/, '');
      if (/^[=+-]/.test(trimmed)) return `\\${trimmed}`;
      // `12.` or `3)` at a line start: a numbered list, even without a space when the line ends there.
      return trimmed.replace(/^(\d+)([.)])/, '$1\\$2');
    })
    .join('\n');
}

/**
 * Plain text of several lines (a description) as one Markdown paragraph:
 * each non-empty line escaped, lines joined by hard breaks, no line able to
 * open a block.
 * @example escapeMarkdownLines('Title\n===') // 'Title\\\n\\==='
 */
export function escapeMarkdownLines(text: string): string {
  const lines = text
    .split(NEWLINES)
    .map((l) => escapeMarkdown(l))
    .filter((l) => l.trim() !== '');
  return guardLineStarts(lines.join('\\\n'));
}

function wrap(text: string, marks: Marks): string {
  if (marks.code) {
    text = text.replace(NEWLINES, ' ');
    // A backtick fence longer than any run inside it.
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
  }
  let out = escapeMarkdown(text);
  // Delimiters must touch non-space characters: keep surrounding spaces outside them.
  const lead = /^\s*/.exec(out)?.[0] ?? '';
  const trail = /\s*$/.exec(out.slice(lead.length))?.[0] ?? '';
  let core = out.slice(lead.length, out.length - trail.length);
  if (core === '') return out;
  if (marks.strike) core = `~~${core}~~`;
  if (marks.italic) core = `*${core}*`;
  if (marks.bold) core = `**${core}**`;
  out = `${lead}${core}${trail}`;
  return out;
}

/** Inline content as Markdown; a hard break is a backslash line end, and no line can open a block. */
export function inlinesToMarkdown(inlines: readonly Inline[]): string {
  return guardLineStarts(
    inlines.map((i) => (i.kind === 'break' ? '\\\n' : wrap(i.text, i.marks))).join(''),
  );
}

/** Prefixes every line after the first with `indent`, the first with `first`. */
function indentLines(text: string, first: string, indent: string): string {
  return text
    .split('\n')
    .map((line, n) => (n === 0 ? first + line : line === '' ? '' : indent + line))
    .join('\n');
}

function blockToMarkdown(block: Block, headingOffset: number): string {
  switch (block.type) {
    case 'paragraph':
      return inlinesToMarkdown(block.inlines);
    case 'heading': {
      const level = Math.min(6, block.level + headingOffset);
      return `${'#'.repeat(level)} ${inlinesToMarkdown(block.inlines).replace(/\\\n/g, ' ')}`;
    }
    case 'list':
      return block.items
        .map((item, n) => {
          const marker = block.ordered ? `${block.start + n}. ` : '- ';
          const body = blocksToMarkdown(item, headingOffset) || '';
          return indentLines(body, marker, ' '.repeat(marker.length));
        })
        .join('\n');
    case 'blockquote':
      return blocksToMarkdown(block.blocks, headingOffset)
        .split('\n')
        .map((l) => (l === '' ? '>' : `> ${l}`))
        .join('\n');
    case 'codeBlock': {
      const longest = Math.max(2, ...(block.text.match(/`+/g) ?? []).map((r) => r.length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}\n${block.text}\n${fence}`;
    }
    case 'rule':
      return '---';
  }
}

/**
 * Blocks as Markdown, separated by blank lines. `headingOffset` pushes the
 * body's own headings down below the document's (a body `# H` under a `###`
 * recommendation title becomes `####`).
 */
export function blocksToMarkdown(blocks: readonly Block[], headingOffset = 0): string {
  return blocks
    .map((b) => blockToMarkdown(b, headingOffset))
    .filter((s) => s !== '')
    .join('\n\n');
}
