import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '@kenes/shared';
import { blocksToMarkdown, escapeMarkdown, escapeMarkdownLines } from './markdown.js';

/** A CommonMark parser (with GFM tables, as GitHub renders exports) to see what a reader gets. */
const md = new MarkdownIt('commonmark').enable('table');

/** The block structure a renderer builds: opening tags of blocks, in order. */
function blockTags(markdown: string): string[] {
  return md
    .parse(markdown, {})
    .filter((t) => t.level === 0 && t.nesting >= 0 && t.type !== 'inline')
    .map((t) => t.tag);
}

const text = (s: string): Inline => ({ kind: 'text', text: s, marks: {} });
const para = (...inlines: Inline[]): Block => ({ type: 'paragraph', inlines });
const BR: Inline = { kind: 'break' };

/** Lines people type that Markdown would read as block structure. */
const HOSTILE_LINES = [
  '===',
  '---',
  '- - -',
  '***',
  '___',
  '# not a heading',
  '###### nor this',
  '> not a quote',
  '- not a list',
  '+ not a list',
  '* not a list',
  '1. not a list',
  '2) not a list',
  '```',
  '~~~',
  '    not code',
  '\tnot code',
  '| a | b |',
  '|---|---|',
  '<div>not html</div>',
  '[ref]: https://example.org',
];

describe('Markdown exports keep text as text', () => {
  it('a === or --- line under a paragraph line makes no heading (issue 15)', () => {
    for (const underline of ['===', '---', '  ===  ', '-']) {
      const out = blocksToMarkdown([para(text('Agreed'), BR, text(underline))]);
      expect(blockTags(out), `${underline}: ${out}`).toEqual(['p']);
    }
  });

  it('no typed line opens a block, at the start of a paragraph or after a break', () => {
    for (const line of HOSTILE_LINES) {
      for (const blocks of [
        [para(text(line))],
        [para(text('before'), BR, text(line))],
        [para(text('before'), BR, text(line), BR, text('|---|---|'))],
      ]) {
        const out = blocksToMarkdown(blocks);
        expect(blockTags(out), `${JSON.stringify(line)} → ${JSON.stringify(out)}`).toEqual(['p']);
      }
    }
  });

  it('a newline inside a text run is no line break of the Markdown', () => {
    // Editors never put one there, but a client may: it must not start a block.
    for (const line of HOSTILE_LINES) {
      const out = blocksToMarkdown([para(text(`before\n${line}\n\n${line}`))]);
      expect(blockTags(out), `${JSON.stringify(line)} → ${JSON.stringify(out)}`).toEqual(['p']);
    }
  });

  it('keeps what the text says', () => {
    const out = blocksToMarkdown([para(text('=== 3 > 2 # ok'), BR, text('    - indented'))]);
    const html = md.render(out);
    expect(html).toContain('=== 3 &gt; 2 # ok');
    expect(html).toContain('- indented');
  });

  it('escapes inline text and multi-line plain text', () => {
    expect(escapeMarkdown('a\n===')).not.toContain('\n');
    for (const line of HOSTILE_LINES) {
      const out = escapeMarkdownLines(`Title\n${line}\n\n${line}`);
      expect(blockTags(out), `${JSON.stringify(line)} → ${JSON.stringify(out)}`).toEqual(['p']);
    }
  });
});
