import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listSuggestions, meetingRoots, suggestingPlugin, type Role } from '@kenes/shared';
import { toggleMark } from '@tiptap/pm/commands';
import { createUpdateGuard } from './createGuard.js';
import { buildRoom, capture, ctx, firstText, joinClient } from '../test-support/guardFixtures.js';
import { HeadlessEditor } from '../test-support/headlessEditor.js';
import { editorSchema } from '../test-support/headlessEditor.js';
import { suggestionFormat, suggestionKey } from '../test-support/suggestionFormat.js';

/** The room with r1 "suggestions only" (as `rec.suggestionSettings` writes it). */
function strictRoom(): Y.Doc {
  const room = buildRoom();
  const rec = meetingRoots(room).recommendations.get(0);
  rec.set('suggestionsOnly', true);
  return room;
}

/** Checks `update` as the room would and applies it when accepted; returns the verdict. */
function send(
  room: Y.Doc,
  guard: ReturnType<typeof createUpdateGuard>,
  update: Uint8Array,
  opts: { userId?: string; role?: Role } = {},
) {
  const verdict = guard.check(room, update, ctx(opts));
  if (verdict.ok && !verdict.empty) Y.applyUpdate(room, update);
  return verdict;
}

function suggestingEditor(room: Y.Doc, clientId: number, userId: string, suggesting = true) {
  const editor = new HeadlessEditor(room, clientId, 'r1');
  let n = 0;
  editor.plugins = [
    suggestingPlugin({
      userId: () => userId,
      suggesting: () => suggesting,
      isRemote: () => false,
      random: () => (n++ * 0.377) % 1,
    }),
  ];
  editor.sync();
  return editor;
}

const text = (room: Y.Doc) => firstText(room).toString();
const fragment = (room: Y.Doc) => meetingRoots(room).texts.get('r1') as Y.XmlFragment;

describe('suggesting editor (the real binding) against the guard in suggestions-only', () => {
  it('typing, deleting, withdrawing: every update is accepted and the marks name the sender', () => {
    const room = strictRoom();
    const guard = createUpdateGuard();
    const editor = suggestingEditor(room, 9001, 'u1');
    // Type " dear" after "Hello".
    editor.select(editor.posOf('Hello'));
    editor.type(' dear', (u) => expect(send(room, guard, u)).toMatchObject({ ok: true }));
    // Backspace over "d" of "world" (existing text): it stays, struck.
    const update = editor.apply(
      (e) => e.select(e.posOf('world', true) + 1),
      (s) => s.tr.delete(s.selection.from - 1, s.selection.from),
    );
    expect(send(room, guard, update)).toMatchObject({ ok: true });
    // Backspace over the last typed "r" of " dear": it is simply gone (withdrawn).
    const own = editor.apply(
      (e) => e.select(e.posOf(' dear')),
      (s) => s.tr.delete(s.selection.from - 1, s.selection.from),
    );
    expect(send(room, guard, own)).toMatchObject({ ok: true });
    expect(text(room).replace(/<[^>]+>/g, '')).toBe('Hello dea world');
    const suggestions = listSuggestions(fragment(room));
    expect(suggestions.map((s) => [s.kind, s.by, s.text])).toEqual([
      ['insertion', 'u1', ' dea'],
      ['deletion', 'u1', 'w'],
    ]);
    // Typing continues one suggestion (one id, listed once), not one per key; ids differ.
    expect(new Set(suggestions.map((s) => s.id)).size).toBe(2);
  });

  it('replacing a selection suggests the deletion and the insertion', () => {
    const room = strictRoom();
    const guard = createUpdateGuard();
    const editor = suggestingEditor(room, 9002, 'u1');
    const update = editor.apply(
      (e) => e.select(e.posOf('world', true), e.posOf('world')),
      (s) => s.tr.insertText('there'),
    );
    expect(send(room, guard, update)).toMatchObject({ ok: true });
    expect(listSuggestions(fragment(room)).map((s) => [s.kind, s.text])).toEqual([
      ['deletion', 'world'],
      ['insertion', 'there'],
    ]);
  });

  it('a new paragraph (Enter) is not applied at all in suggesting mode', () => {
    const room = strictRoom();
    const editor = suggestingEditor(room, 9003, 'u1');
    expect(() =>
      editor.apply(
        (e) => e.select(e.posOf('Hello')),
        (s) => s.tr.split(s.selection.from),
      ),
    ).toThrow('the change wrote nothing');
  });

  it('in direct mode, typing inside another member’s insertion is plain text, not theirs', () => {
    const room = buildRoom();
    const guard = createUpdateGuard();
    const nora = suggestingEditor(room, 9004, 'u2');
    nora.select(nora.posOf('Hello'));
    nora.type(' big', (u) =>
      expect(send(room, guard, u, { userId: 'u2' })).toMatchObject({ ok: true }),
    );
    const me = suggestingEditor(room, 9005, 'u1', false);
    me.select(me.posOf(' b'));
    me.type('x', (u) => expect(send(room, guard, u)).toMatchObject({ ok: true }));
    expect(listSuggestions(fragment(room)).map((s) => [s.by, s.text])).toEqual([['u2', ' big']]);
  });

  it('bold in suggesting mode is not applied (formatting is not a suggestion yet)', () => {
    const room = strictRoom();
    const editor = suggestingEditor(room, 9006, 'u1');
    const bold = editorSchema().marks.bold!;
    expect(() =>
      editor.run((e) => e.select(e.posOf('Hello', true), e.posOf('Hello')), toggleMark(bold)),
    ).toThrow('the change wrote nothing');
  });
});

describe('raw updates in suggestions-only: refused whole', () => {
  const cases: Array<[string, (t: Y.XmlText, doc: Y.Doc) => void, string]> = [
    ['a direct deletion of existing text', (t) => t.delete(0, 5), 'suggestion_direct_delete'],
    ['an unmarked insertion', (t) => t.insert(5, ' plain'), 'suggestion_unmarked'],
    [
      'an insertion in another member’s name',
      (t) => t.insert(5, ' forged', suggestionFormat('insertion', { id: 'u2:abc', by: 'u2' })),
      'suggestion_forged',
    ],
    [
      'a deletion mark in another member’s name',
      (t) => t.format(0, 5, suggestionFormat('deletion', { id: 'u2:abc', by: 'u2' })),
      'suggestion_forged',
    ],
    [
      'a mark whose id is not tied to its author',
      (t) => t.insert(5, ' x', suggestionFormat('insertion', { id: 'u2:abc', by: 'u1' })),
      'suggestion_bad_id',
    ],
    ['bold on existing text', (t) => t.format(0, 5, { bold: {} }), 'suggestion_direct_edit'],
    [
      'marking existing text as one’s own insertion',
      // Own insertions may be withdrawn: this would make existing text deletable.
      (t) => t.format(0, 5, suggestionFormat('insertion', { id: 'u1:abc', by: 'u1' })),
      'suggestion_direct_delete',
    ],
    [
      'a new paragraph',
      (_t, doc) => {
        const p = new Y.XmlElement('paragraph');
        (meetingRoots(doc).texts.get('r1') as Y.XmlFragment).insert(1, [p]);
      },
      'suggestion_structure',
    ],
  ];
  for (const [what, edit, code] of cases) {
    it(`${what}: ${code}, the room unchanged`, () => {
      const room = strictRoom();
      const guard = createUpdateGuard();
      const before = Y.encodeStateAsUpdate(room);
      const client = joinClient(room);
      const update = capture(client, (doc) => edit(firstText(doc), doc));
      expect(send(room, guard, update)).toMatchObject({ ok: false, code });
      expect(Y.encodeStateAsUpdate(room)).toEqual(before);
      // The shadow was dropped: a legal suggestion right after is accepted.
      const next = joinClient(room);
      const legal = capture(next, (doc) =>
        firstText(doc).insert(
          5,
          ' ok',
          suggestionFormat('insertion', { id: 'u1:legal', by: 'u1' }),
        ),
      );
      expect(send(room, guard, legal)).toMatchObject({ ok: true, empty: false });
    });
  }

  it('a participant’s own deletion mark, and withdrawing it, are accepted', () => {
    const room = strictRoom();
    const guard = createUpdateGuard();
    const client = joinClient(room);
    const mark = capture(client, (doc) =>
      firstText(doc).format(0, 5, suggestionFormat('deletion', { id: 'u1:d1', by: 'u1' })),
    );
    expect(send(room, guard, mark)).toMatchObject({ ok: true });
    const undo = capture(client, (doc) =>
      firstText(doc).format(0, 5, { [suggestionKey('deletion', 'u1:d1')]: null }),
    );
    expect(send(room, guard, undo)).toMatchObject({ ok: true });
    // Someone else may not withdraw it.
    const again = capture(client, (doc) =>
      firstText(doc).format(0, 5, suggestionFormat('deletion', { id: 'u1:d2', by: 'u1' })),
    );
    expect(send(room, guard, again)).toMatchObject({ ok: true });
    const other = joinClient(room);
    const steal = capture(other, (doc) =>
      firstText(doc).format(0, 5, { [suggestionKey('deletion', 'u1:d2')]: null }),
    );
    expect(send(room, guard, steal, { userId: 'u2' })).toMatchObject({
      ok: false,
      code: 'suggestion_direct_edit',
    });
  });

  it('the chair edits directly; another text of the meeting is not suggestions-only', () => {
    const room = strictRoom();
    const guard = createUpdateGuard();
    const client = joinClient(room);
    const chair = capture(client, (doc) => firstText(doc).delete(0, 5));
    expect(send(room, guard, chair, { role: 'chair' })).toMatchObject({ ok: true });
    const r2 = capture(client, (doc) => firstText(doc, 'r2').delete(0, 5));
    expect(send(room, guard, r2)).toMatchObject({ ok: true });
  });

  it('the whole meeting suggestions-only covers every text', () => {
    const room = buildRoom();
    meetingRoots(room).meeting.set('suggestionsOnly', true);
    const guard = createUpdateGuard();
    const client = joinClient(room);
    const update = capture(client, (doc) => firstText(doc, 'r2').delete(0, 5));
    expect(send(room, guard, update)).toMatchObject({
      ok: false,
      code: 'suggestion_direct_delete',
    });
  });
});

describe('an agreed text in suggestions-only', () => {
  it('the agreed lock wins: a legal suggestion is denied agreed_text, a withdrawal not applied', () => {
    const room = strictRoom();
    const guard = createUpdateGuard();
    const client = joinClient(room);
    const mark = capture(client, (doc) =>
      firstText(doc).format(0, 5, suggestionFormat('deletion', { id: 'u1:d1', by: 'u1' })),
    );
    expect(send(room, guard, mark)).toMatchObject({ ok: true });
    // What the server's `rec.setStatus` writes.
    meetingRoots(room).recommendations.get(0).set('status', 'agreed');
    const before = Y.encodeStateAsUpdate(room);
    const insertion = capture(client, (doc) =>
      firstText(doc).insert(5, ' x', suggestionFormat('insertion', { id: 'u1:i1', by: 'u1' })),
    );
    const withdraw = capture(client, (doc) =>
      firstText(doc).format(0, 5, { [suggestionKey('deletion', 'u1:d1')]: null }),
    );
    for (const role of ['participant', 'chair'] as const) {
      expect(send(room, guard, insertion, { role })).toMatchObject({
        ok: false,
        code: 'agreed_text',
      });
      // Withdrawing deletes only format items: ignored as Yjs's cleanup is in a locked text.
      expect(send(room, guard, withdraw, { role })).toMatchObject({ ok: true, empty: true });
    }
    expect(listSuggestions(fragment(room)).map((x) => x.id)).toEqual(['u1:d1']);
    expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  });
});

describe('names on marks outside suggestions-only', () => {
  it('a mark in another member’s name is refused; one’s own is accepted', () => {
    const room = buildRoom();
    const guard = createUpdateGuard();
    const client = joinClient(room);
    const forged = capture(client, (doc) =>
      firstText(doc).insert(5, ' x', suggestionFormat('insertion', { id: 'u2:abc', by: 'u2' })),
    );
    expect(send(room, guard, forged)).toMatchObject({ ok: false, code: 'suggestion_forged' });
    const own = capture(joinClient(room), (doc) =>
      firstText(doc).insert(5, ' x', suggestionFormat('insertion', { id: 'u1:abc', by: 'u1' })),
    );
    expect(send(room, guard, own)).toMatchObject({ ok: true });
  });
});

describe('only the stretch an update changed is read, yet a change reaching past it is caught', () => {
  /** u2's pending insertion in the middle of a long text, accepted as u2's. */
  function roomWithTheirs(strict: boolean) {
    const room = strict ? strictRoom() : buildRoom();
    const guard = createUpdateGuard();
    const theirs = capture(joinClient(room), (doc) => {
      const t = firstText(doc);
      t.insert(t.length, ' and more plain text after it. '.repeat(20));
      t.insert(5, ' kindly', suggestionFormat('insertion', { id: 'u2:theirs', by: 'u2' }));
    });
    expect(send(room, guard, theirs, { userId: 'u2', role: 'chair' })).toMatchObject({ ok: true });
    return { room, guard };
  }

  it('deleting the end of their mark (it would stretch over the rest of the text): forged', () => {
    const { room, guard } = roomWithTheirs(false);
    const before = Y.encodeStateAsUpdate(room);
    const client = joinClient(room);
    const update = capture(client, (doc) => {
      for (let item = firstText(doc)._start; item !== null; item = item.right) {
        const c = item.content;
        if (c instanceof Y.ContentFormat && c.value === null && c.key.startsWith('insertion--'))
          item.delete(doc._transaction!);
      }
    });
    expect(send(room, guard, update)).toMatchObject({ ok: false, code: 'suggestion_forged' });
    expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  });

  it('two distant edits in one update are both read: a direct deletion far from a legal suggestion', () => {
    const { room, guard } = roomWithTheirs(true);
    const update = capture(joinClient(room), (doc) => {
      const t = firstText(doc);
      t.insert(0, 'Yes. ', suggestionFormat('insertion', { id: 'u1:mine', by: 'u1' }));
      t.delete(t.length - 10, 5);
    });
    expect(send(room, guard, update)).toMatchObject({
      ok: false,
      code: 'suggestion_direct_delete',
    });
    // The legal half alone is accepted; their mark is untouched.
    const legal = capture(joinClient(room), (doc) =>
      firstText(doc).insert(0, 'Yes. ', suggestionFormat('insertion', { id: 'u1:mine', by: 'u1' })),
    );
    expect(send(room, guard, legal)).toMatchObject({ ok: true, empty: false });
    expect(listSuggestions(fragment(room)).map((s) => [s.by, s.text])).toEqual([
      ['u1', 'Yes. '],
      ['u2', ' kindly'],
    ]);
  });
});

describe('the time a suggestion carries (`at`)', () => {
  const NOW = Date.UTC(2030, 0, 15, 12, 41);
  const MIN = 60_000;

  /** A guard on a fixed clock, and a raw insertion of u1's with `at`. */
  function timed(at: number | undefined, id = 'u1:t1') {
    const room = buildRoom();
    let clock = NOW;
    const guard = createUpdateGuard({ now: () => clock });
    const mark = at === undefined ? { id, by: 'u1' } : { id, by: 'u1', at };
    const update = capture(joinClient(room), (doc) =>
      firstText(doc).insert(5, ' x', suggestionFormat('insertion', mark)),
    );
    return { room, guard, update, mark, tick: (ms: number) => (clock += ms) };
  }

  it('a new mark dated far from the server’s clock is refused, the room unchanged', () => {
    for (const at of [NOW - 60 * MIN, NOW + 11 * MIN, 0]) {
      const { room, guard, update } = timed(at);
      const before = Y.encodeStateAsUpdate(room);
      expect(send(room, guard, update), String(at)).toMatchObject({
        ok: false,
        code: 'suggestion_bad_time',
        reason: "a new insertion suggestion dated far from the server's clock",
      });
      expect(Y.encodeStateAsUpdate(room)).toEqual(before);
    }
  });

  it('a mark dated within the tolerance is accepted, and so is one with no time (old clients)', () => {
    for (const at of [NOW, NOW - 9 * MIN, NOW + 30_000, undefined]) {
      const { room, guard, update } = timed(at);
      expect(send(room, guard, update), String(at)).toMatchObject({ ok: true, empty: false });
      expect(listSuggestions(fragment(room)).map((s) => [s.by, s.at])).toEqual([
        ['u1', at ?? null],
      ]);
    }
  });

  it('in suggestions-only too, and a deletion mark the same way', () => {
    const room = strictRoom();
    const guard = createUpdateGuard({ now: () => NOW });
    const far = capture(joinClient(room), (doc) =>
      firstText(doc).format(0, 5, suggestionFormat('deletion', { id: 'u1:d', by: 'u1', at: 1 })),
    );
    expect(send(room, guard, far)).toMatchObject({ ok: false, code: 'suggestion_bad_time' });
    const near = capture(joinClient(room), (doc) =>
      firstText(doc).format(0, 5, suggestionFormat('deletion', { id: 'u1:d', by: 'u1', at: NOW })),
    );
    expect(send(room, guard, near)).toMatchObject({ ok: true });
  });

  it('an existing mark keeps its time: continuing it an hour later is accepted', () => {
    const { room, guard, update, mark, tick } = timed(NOW);
    expect(send(room, guard, update)).toMatchObject({ ok: true });
    tick(60 * MIN);
    // The same mark (id, suggester, time) on more text, as the editor continues a run.
    const more = capture(joinClient(room), (doc) =>
      firstText(doc).insert(7, 'yz', suggestionFormat('insertion', mark)),
    );
    expect(send(room, guard, more)).toMatchObject({ ok: true });
    // Re-dating it to an hour ago is not: a mark (id, time) the text did not hold.
    const redated = capture(joinClient(room), (doc) =>
      firstText(doc).insert(9, 'w', suggestionFormat('insertion', { ...mark, at: NOW - 50 * MIN })),
    );
    expect(send(room, guard, redated)).toMatchObject({ ok: false, code: 'suggestion_bad_time' });
    expect(listSuggestions(fragment(room)).map((s) => [s.text, s.at])).toEqual([[' xyz', NOW]]);
  });

  it('nobody may re-date someone else’s mark, near or far', () => {
    const { room, guard, update, mark } = timed(NOW - 5 * MIN);
    expect(send(room, guard, update)).toMatchObject({ ok: true });
    const client = joinClient(room);
    const redate = capture(client, (doc) =>
      firstText(doc).format(5, 2, suggestionFormat('insertion', { ...mark, at: NOW })),
    );
    expect(send(room, guard, redate, { userId: 'u2' })).toMatchObject({
      ok: false,
      code: 'suggestion_forged',
    });
  });

  it('the suggesting editor stamps the server’s time and keeps it as the member types on', () => {
    const room = strictRoom();
    let clock = NOW;
    const guard = createUpdateGuard({ now: () => clock });
    const editor = new HeadlessEditor(room, 9100, 'r1');
    editor.plugins = [
      suggestingPlugin({
        userId: () => 'u1',
        suggesting: () => true,
        isRemote: () => false,
        // The client's clock corrected by the measured offset: a few seconds off the server's.
        now: () => clock + 3_000,
      }),
    ];
    editor.sync();
    editor.select(editor.posOf('Hello'));
    editor.type(' de', (u) => expect(send(room, guard, u)).toMatchObject({ ok: true }));
    clock += 30 * MIN;
    editor.type('ar', (u) => expect(send(room, guard, u)).toMatchObject({ ok: true }));
    const deletion = editor.apply(
      (e) => e.select(e.posOf('world', true), e.posOf('world')),
      (s) => s.tr.delete(s.selection.from, s.selection.to),
    );
    expect(send(room, guard, deletion)).toMatchObject({ ok: true });
    expect(listSuggestions(fragment(room)).map((s) => [s.kind, s.text, s.at])).toEqual([
      ['insertion', ' dear', NOW + 3_000],
      ['deletion', 'world', clock + 3_000],
    ]);
  });

  it('a mark from before times were kept survives another member’s edit in its paragraph', () => {
    // u2's insertion as written before `at` existed: `{ id, by }` only.
    const room = buildRoom();
    const guard = createUpdateGuard({ now: () => NOW });
    const old = capture(joinClient(room), (doc) =>
      firstText(doc).insert(5, ' big', suggestionFormat('insertion', { id: 'u2:old', by: 'u2' })),
    );
    expect(send(room, guard, old, { userId: 'u2' })).toMatchObject({ ok: true });
    // u1's editor reads it as `{ id, by, at: null }` and writes the paragraph back when typing.
    for (const suggesting of [false, true]) {
      const editor = new HeadlessEditor(room, suggesting ? 9102 : 9101, 'r1');
      editor.plugins = [
        suggestingPlugin({
          userId: () => 'u1',
          suggesting: () => suggesting,
          isRemote: () => false,
          now: () => NOW,
        }),
      ];
      editor.sync();
      editor.select(editor.posOf('world'));
      editor.type('!', (u) =>
        expect(send(room, guard, u), String(suggesting)).toMatchObject({ ok: true }),
      );
    }
    expect(listSuggestions(fragment(room)).map((s) => [s.by, s.text, s.at])).toEqual([
      ['u2', ' big', null],
      ['u1', '!', NOW],
    ]);
  });
});
