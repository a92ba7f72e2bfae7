import type { Block, Inline, Marks } from '@kenes/shared';

/**
 * Rich text to CommonMark (with GFM strikethrough). Text people wrote is
 * escaped, so a `*` or `#` they typed stays a character, not markup.
 */

/**
 * Escapes Markdown syntax in plain text (inline position).
 * @example escapeMarkdown('1. *a*') // '1\\. \\*a\\*'
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_{}[\]<>#|~!]/g, (c) => `\\${c}`)
      // A line start that would open a block: list markers, numbered lists, quotes, headings.
      .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])(?=\s)/gm, '$1\\$2')
  );
}

function wrap(text: string, marks: Marks): string {
  if (marks.code) {
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

/** Inline content as Markdown; a hard break is a backslash line end. */
export function inlinesToMarkdown(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'break' ? '\\\n' : wrap(i.text, i.marks))).join('');
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
