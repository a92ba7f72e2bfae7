import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { meetingRoots } from '@kenes/shared';
import type { GuardVerdict } from '../sync/interfaces.js';
import { createUpdateGuard } from './createGuard.js';
import { buildRoom, capture, ctx, firstText, joinClient } from '../test-support/guardFixtures.js';
import { joinBackward, setBlockType, splitBlock, toggleMark } from '@tiptap/pm/commands';
import { splitListItem, wrapInList } from '@tiptap/pm/schema-list';
import { HeadlessEditor } from '../test-support/headlessEditor.js';

/**
 * What lies inside a texts fragment is checked against the editor's schema
 * (issue 15, finding 1): the Yjs binding deletes what it cannot build, in
 * every other member's browser, so the guard refuses it whole.
 */
const guard = createUpdateGuard();

function verdictOf(edit: (doc: Y.Doc) => void, room = buildRoom()): GuardVerdict {
  const client = joinClient(room);
  const update = capture(client, edit);
  const before = Y.encodeStateAsUpdate(room);
  const verdict = guard.check(room, update, ctx());
  expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  return verdict;
}

function expectRefused(edit: (doc: Y.Doc) => void, reason: RegExp): void {
  const verdict = verdictOf(edit);
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toMatch(reason);
}

function expectAccepted(edit: (doc: Y.Doc) => void, room = buildRoom()): void {
  const client = joinClient(room);
  const update = capture(client, edit);
  expect(guard.check(room, update, ctx())).toMatchObject({ ok: true, empty: false });
  Y.applyUpdate(room, update);
}

const fragment = (doc: Y.Doc, id = 'r1'): Y.XmlFragment =>
  meetingRoots(doc).texts.get(id) as Y.XmlFragment;
const firstParagraph = (doc: Y.Doc): Y.XmlElement => fragment(doc).get(0) as Y.XmlElement;

/** An element as the binding writes it: attributes set before it is filled. */
function element(
  name: string,
  attrs: Record<string, unknown> = {},
  children: Array<Y.XmlElement | Y.XmlText> = [],
): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, children);
  return el;
}

describe('content outside the editor schema is refused whole', () => {
  it('an unknown format on existing text (the 111-byte attack)', () => {
    expectRefused((d) => firstText(d).format(0, 1, { x: true }), /unknown mark 'x'/);
  });

  it('unknown elements: <image>, <script>', () => {
    expectRefused(
      (d) => fragment(d).insert(0, [new Y.XmlElement('image')]),
      /unknown element 'image'/,
    );
    expectRefused(
      (d) => fragment(d).insert(1, [element('script', {}, [new Y.XmlText('alert(1)')])]),
      /unknown element 'script'/,
    );
    // Also nested in a new, legal element.
    expectRefused(
      (d) => fragment(d).insert(0, [element('blockquote', {}, [element('image')])]),
      /unknown element 'image'/,
    );
  });

  it('a link mark (links are off)', () => {
    expectRefused(
      (d) => firstText(d).format(0, 5, { link: { href: 'javascript:alert(1)' } }),
      /unknown mark 'link'/,
    );
    expectRefused(
      (d) => firstText(d).insert(0, 'click', { link: { href: 'https://undp.org' } }),
      /unknown mark 'link'/,
    );
  });

  it('a heading inside a paragraph: existing and new', () => {
    expectRefused(
      (d) => firstParagraph(d).insert(1, [element('heading', { level: 1 })]),
      /'heading' not allowed in 'paragraph'/,
    );
    expectRefused(
      (d) =>
        fragment(d).insert(0, [
          element('paragraph', {}, [element('heading', { level: 1 }, [new Y.XmlText('h')])]),
        ]),
      /'heading' not allowed in 'paragraph'/,
    );
  });

  it('text where the schema has none: in the fragment, in a list, in an existing list item', () => {
    expectRefused((d) => fragment(d).insert(0, [new Y.XmlText('loose')]), /text in 'doc'/);
    expectRefused(
      (d) => fragment(d).insert(0, [element('bulletList', {}, [new Y.XmlText('x')])]),
      /text in 'bulletList'/,
    );
    const room = buildRoom();
    expectAccepted(
      (d) =>
        fragment(d, 'r2').insert(0, [
          element('bulletList', {}, [
            element('listItem', {}, [element('paragraph', {}, [new Y.XmlText('a')])]),
          ]),
        ]),
      room,
    );
    const v = verdictOf((d) => {
      const item = (fragment(d, 'r2').get(0) as Y.XmlElement).get(0) as Y.XmlElement;
      item.insert(0, [new Y.XmlText('x')]);
    }, room);
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/text in 'listItem'/) });
  });

  it('a list item outside a list, a paragraph inside a bullet list', () => {
    expectRefused(
      (d) => fragment(d).insert(0, [element('listItem')]),
      /'listItem' not allowed in 'doc'/,
    );
    expectRefused(
      (d) => fragment(d).insert(0, [element('bulletList', {}, [element('paragraph')])]),
      /'paragraph' not allowed in 'bulletList'/,
    );
  });

  it('bad attributes: unknown keys, wrong types, sizes', () => {
    expectRefused(
      (d) => firstParagraph(d).setAttribute('textAlign', 'center'),
      /unknown attribute 'textAlign'/,
    );
    expectRefused(
      (d) => firstParagraph(d).setAttribute('onclick', 'x'),
      /unknown attribute 'onclick'/,
    );
    expectRefused(
      (d) => fragment(d).insert(0, [element('heading', { level: '<script>' })]),
      /attribute 'level'/,
    );
    expectRefused(
      (d) => fragment(d).insert(0, [element('heading', { level: 7 })]),
      /attribute 'level'/,
    );
    expectRefused(
      (d) => fragment(d).insert(0, [element('orderedList', { type: 'x'.repeat(1000) })]),
      /attribute 'type' on 'orderedList': too long/,
    );
    expectRefused(
      (d) => fragment(d).insert(0, [element('orderedList', { start: { evil: 1 } })]),
      /attribute 'start'/,
    );
    expectRefused(
      (d) => fragment(d).insert(0, [element('codeBlock', { language: new Uint8Array(3) })]),
      /content kind 3|attribute/,
    );
  });

  it('formats: wrong values, marks a code block does not allow, attributes on text', () => {
    expectRefused((d) => firstText(d).format(0, 1, { bold: true }), /non-object/);
    expectRefused(
      (d) => firstText(d).format(0, 1, { bold: { weight: 900 } }),
      /unknown attribute 'weight'/,
    );
    expectRefused((d) => {
      const t = new Y.XmlText('x');
      fragment(d).insert(0, [element('codeBlock', {}, [t])]);
      t.format(0, 1, { bold: {} });
    }, /mark 'bold' not allowed in 'codeBlock'/);
    expectRefused((d) => firstText(d).setAttribute('k', 'v'), /attribute on text/);
  });

  it('embeds and strings outside text', () => {
    expectRefused((d) => firstText(d).insertEmbed(0, { image: 'x' }), /content kind 5|embed/);
    // A string item straight into a paragraph's child list (not inside its text).
    const room = buildRoom();
    const p = firstParagraph(room)._item as Y.Item;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, 4242);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 4); // ContentString, parent written
    encoding.writeVarUint(e, 0); // parent by id
    encoding.writeVarUint(e, p.id.client);
    encoding.writeVarUint(e, p.id.clock);
    encoding.writeVarString(e, 'loose');
    encoding.writeVarUint(e, 0); // empty delete set
    const v = guard.check(room, encoding.toUint8Array(e), ctx());
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/string outside text/) });
  });
});

describe('legal edits the editor makes still pass', () => {
  it('typing, marks, ending a mark, headings, lists, code blocks, hard breaks', () => {
    const room = buildRoom();
    expectAccepted((d) => firstText(d).insert(5, ','), room);
    expectAccepted((d) => firstText(d).format(0, 5, { bold: {}, italic: {} }), room);
    expectAccepted(
      (d) => firstText(d).insert(2, 'x', { underline: {}, strike: {}, code: {} }),
      room,
    );
    expectAccepted((d) => firstText(d).format(0, 5, { bold: null }), room);
    expectAccepted((d) => {
      const f = fragment(d, 'r2');
      f.insert(f.length, [
        element('heading', { level: 2 }, [new Y.XmlText('Title')]),
        element('orderedList', { start: 3, type: 'a' }, [
          element('listItem', {}, [
            element('paragraph', {}, [
              new Y.XmlText('one'),
              element('hardBreak'),
              new Y.XmlText('two'),
            ]),
            element('bulletList', {}, [element('listItem', {}, [element('paragraph')])]),
          ]),
        ]),
        element('codeBlock', { language: 'ts' }, [new Y.XmlText('let x = 1;')]),
        element('blockquote', {}, [element('paragraph', {}, [new Y.XmlText('q')])]),
        element('horizontalRule'),
      ]);
    }, room);
    // Changing a heading's level, removing an attribute, typing in a code block.
    expectAccepted(
      (d) =>
        (fragment(d, 'r2').get(1) as Y.XmlElement).setAttribute('level', 3 as unknown as string),
      room,
    );
    expectAccepted((d) => (fragment(d, 'r2').get(2) as Y.XmlElement).removeAttribute('type'), room);
    expectAccepted(
      (d) => ((fragment(d, 'r2').get(3) as Y.XmlElement).get(0) as Y.XmlText).insert(0, '// '),
      room,
    );
  });
});

describe("what the real binding writes (y-prosemirror's updateYFragment) passes", () => {
  it('typing, Enter, marks, headings, lists, code blocks with a language, hard breaks, quotes, rules, joins', () => {
    const room = buildRoom();
    const editor = new HeadlessEditor(room, 7001, 'r1');
    const s = editor.pm.type.schema;
    let step = 0;
    const send = (update: Uint8Array): void => {
      step++;
      const verdict = guard.check(room, update, ctx());
      if (!verdict.ok) throw new Error(`refused a legal edit (step ${step}): ${verdict.reason}`);
      Y.applyUpdate(room, update);
    };
    const end = (e: HeadlessEditor): void => void e.select(e.posOf('world'));
    editor.type(' and peace', send);
    send(
      editor.run(
        (e) => e.select(e.posOf('Hello', true), e.posOf('Hello')),
        toggleMark(s.marks.bold!),
      ),
    );
    send(
      editor.run(
        (e) => e.select(e.posOf('peace', true), e.posOf('peace')),
        toggleMark(s.marks.italic!),
      ),
    );
    send(
      editor.run(
        (e) => e.select(e.posOf('and', true), e.posOf('and')),
        toggleMark(s.marks.underline!),
      ),
    );
    send(
      editor.run(
        (e) => e.select(e.posOf('and', true), e.posOf('and')),
        toggleMark(s.marks.strike!),
      ),
    );
    send(
      editor.run((e) => e.select(e.posOf('and', true), e.posOf('and')), toggleMark(s.marks.code!)),
    );
    send(editor.run(end, splitBlock));
    editor.type('Second line', send);
    send(
      editor.run((e) => e.select(e.posOf('Second')), setBlockType(s.nodes.heading!, { level: 2 })),
    );
    send(
      editor.run((e) => e.select(e.posOf('Second')), setBlockType(s.nodes.heading!, { level: 3 })),
    );
    send(editor.run((e) => e.select(e.posOf('Hello')), wrapInList(s.nodes.bulletList!)));
    send(editor.run((e) => e.select(e.posOf('Hello')), splitListItem(s.nodes.listItem!)));
    editor.type('Item two', send);
    send(
      editor.run(
        (e) => e.select(e.posOf('Second')),
        setBlockType(s.nodes.codeBlock!, { language: 'ts' }),
      ),
    );
    send(
      editor.apply(
        (e) => e.select(e.posOf('Item')),
        (st) => st.tr.replaceSelectionWith(s.nodes.hardBreak!.create()),
      ),
    );
    send(
      editor.apply(
        (e) => e.select(e.posOf('Second')),
        (st) => st.tr.insert(st.doc.content.size, s.nodes.horizontalRule!.create()),
      ),
    );
    send(
      editor.apply(
        () => undefined,
        (st) =>
          st.tr.insert(
            st.doc.content.size,
            s.nodes.blockquote!.create(
              null,
              s.nodes.paragraph!.create(null, s.text('quoted', [s.marks.bold!.create()])),
            ),
          ),
      ),
    );
    send(editor.run((e) => e.select(e.posOf('quoted', true)), joinBackward));
    const xml = (meetingRoots(room).texts.get('r1') as Y.XmlFragment).toString();
    // Y.XmlElement.toString writes names in lower case.
    for (const part of [
      '<bulletlist>',
      '<codeblock language="ts">',
      '<bold>',
      '<hardbreak>',
      '<horizontalrule>',
    ])
      expect(xml).toContain(part);
    expect(step).toBeGreaterThan(30);
  });
});
