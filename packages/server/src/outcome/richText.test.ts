import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots, recommendationText } from '@kenes/shared';
import { element, scriptMeeting, textNode } from '../test-support/outcomeScript.js';
import { blocksToMarkdown, escapeMarkdown, escapeMarkdownLines } from './markdown.js';
import { fragmentBlocks } from './richText.js';
import { suggestionFormat } from '../test-support/suggestionFormat.js';

function fragmentWith(...nodes: Array<Y.XmlElement | Y.XmlText>): Y.XmlFragment {
  const frag = new Y.XmlFragment();
  meetingRoots(new Y.Doc()).texts.set('r', frag);
  frag.insert(0, nodes);
  return frag;
}

describe('fragmentBlocks', () => {
  it('reads headings, lists, marks and breaks from a Tiptap fragment', () => {
    const m = scriptMeeting();
    expect(fragmentBlocks(recommendationText(m.doc, m.rec1))).toEqual([
      { type: 'heading', level: 2, inlines: [{ kind: 'text', text: 'Preamble', marks: {} }] },
      {
        type: 'paragraph',
        inlines: [
          { kind: 'text', text: 'The State shall ', marks: {} },
          { kind: 'text', text: 'adopt', marks: { bold: true } },
          { kind: 'text', text: ' a law on ', marks: {} },
          { kind: 'text', text: 'equal rights', marks: { italic: true } },
          { kind: 'text', text: '.', marks: {} },
        ],
      },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            {
              type: 'paragraph',
              inlines: [{ kind: 'text', text: 'Quotas in parliament by 2030', marks: {} }],
            },
          ],
          [{ type: 'paragraph', inlines: [{ kind: 'text', text: 'Equal pay audits', marks: {} }] }],
        ],
      },
    ]);
    expect(fragmentBlocks(undefined)).toEqual([]);
  });

  it('keeps quotes, code, rules, hard breaks and strike', () => {
    const frag = fragmentWith(
      element('blockquote', [
        element('paragraph', [
          textNode('a'),
          element('hardBreak', []),
          textNode('b', { strike: {} }),
        ]),
      ]),
      element('codeBlock', [textNode('x = 1')]),
      element('horizontalRule', []),
    );
    expect(fragmentBlocks(frag)).toEqual([
      {
        type: 'blockquote',
        blocks: [
          {
            type: 'paragraph',
            inlines: [
              { kind: 'text', text: 'a', marks: {} },
              { kind: 'break' },
              { kind: 'text', text: 'b', marks: { strike: true } },
            ],
          },
        ],
      },
      { type: 'codeBlock', text: 'x = 1' },
      { type: 'rule' },
    ]);
  });
});

/** "Adopt the law now." in one paragraph, with u2's pending insertion " gender" after "the". */
function withSuggestedGender(): { f: Y.XmlFragment; t: Y.XmlText } {
  const doc = new Y.Doc();
  const f = new Y.XmlFragment();
  meetingRoots(doc).texts.set('r1', f);
  const t = new Y.XmlText();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [t]);
  f.insert(0, [p]);
  t.insert(0, 'Adopt the law now.');
  t.insert(9, ' gender', suggestionFormat('insertion', { id: 'u2:i1', by: 'u2' }));
  return { f, t };
}

describe('fragmentBlocks and suggestions (issue 18)', () => {
  it('leaves pending insertions out and keeps pending deletions as the original text', () => {
    const { f, t } = withSuggestedGender();
    t.format(21, 3, suggestionFormat('deletion', { id: 'u2:d1', by: 'u2' }));
    expect(blocksToMarkdown(fragmentBlocks(f))).toBe('Adopt the law now.');
  });

  it('read `tracked`, keeps every suggested piece with who suggested it', () => {
    const { f, t } = withSuggestedGender();
    // "Adopt the gender law now.": u3 suggests deleting "law", u2 "now".
    t.format(17, 3, suggestionFormat('deletion', { id: 'u3:d1', by: 'u3' }));
    t.format(21, 3, suggestionFormat('deletion', { id: 'u2:d1', by: 'u2' }));
    t.format(24, 1, { bold: {} });
    // A malformed mark (its id not tied to `by`) is no suggestion: plain text.
    t.insert(25, '!', { 'insertion--abcdefgh': { id: 'x', by: 'u2' } });
    expect(fragmentBlocks(f, 'tracked')).toEqual([
      {
        type: 'paragraph',
        inlines: [
          { kind: 'text', text: 'Adopt the', marks: {} },
          { kind: 'text', text: ' gender', marks: {}, suggested: { insertedBy: 'u2' } },
          { kind: 'text', text: ' ', marks: {} },
          { kind: 'text', text: 'law', marks: {}, suggested: { deletedBy: 'u3' } },
          { kind: 'text', text: ' ', marks: {} },
          { kind: 'text', text: 'now', marks: {}, suggested: { deletedBy: 'u2' } },
          { kind: 'text', text: '.', marks: { bold: true } },
          { kind: 'text', text: '!', marks: {} },
        ],
      },
    ]);
  });
});

describe('blocksToMarkdown', () => {
  it('renders marks, headings below the document, lists and quotes', () => {
    const m = scriptMeeting();
    expect(blocksToMarkdown(fragmentBlocks(recommendationText(m.doc, m.rec1)), 3)).toBe(
      '##### Preamble\n\nThe State shall **adopt** a law on *equal rights*.' +
        '\n\n- Quotas in parliament by 2030\n- Equal pay audits',
    );
    expect(blocksToMarkdown(fragmentBlocks(recommendationText(m.doc, m.rec2)))).toBe(
      '1. Open shelters in every region\n2. Train the police\n\nFunded from the state budget.',
    );
    const frag = fragmentWith(
      element('blockquote', [
        element('paragraph', [textNode('quoted '), textNode(' spaced ', { bold: {}, italic: {} })]),
      ]),
      element('bulletList', [
        element('listItem', [
          element('paragraph', [textNode('outer')]),
          element('orderedList', [
            element('listItem', [element('paragraph', [textNode('inner')])]),
          ]),
        ]),
      ]),
    );
    expect(blocksToMarkdown(fragmentBlocks(frag))).toBe(
      '> quoted  ***spaced*** \n\n- outer\n\n  1. inner',
    );
  });

  it('escapes what people typed so it stays text', () => {
    expect(escapeMarkdown('*not bold* # [x](y) <b>')).toBe('\\*not bold\\* \\# \\[x\\](y) \\<b\\>');
    // Inline text has no line breaks of its own: one could start a block (issue 15).
    expect(escapeMarkdown('- not a list\n1. nor this')).toBe('\\- not a list 1. nor this');
    expect(escapeMarkdownLines('- not a list\n1. nor this')).toBe(
      '\\- not a list\\\n1\\. nor this',
    );
  });
});
