import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import type { GuardContext, GuardVerdict } from '../sync/interfaces.js';
import { createUpdateGuard } from './createGuard.js';
import {
  buildRoom,
  capture,
  controlJson,
  craftUpdate,
  ctx,
  firstText,
  joinClient,
} from '../test-support/guardFixtures.js';

const guard = createUpdateGuard();

/** Checks `update` and asserts the room's doc is byte-for-byte unchanged by the check. */
function check(
  room: Y.Doc,
  update: Uint8Array,
  context: GuardContext = ctx(),
  g = guard,
): GuardVerdict {
  const before = Y.encodeStateAsUpdate(room);
  const roots = [...room.share.keys()];
  const verdict = g.check(room, update, context);
  expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  expect([...room.share.keys()]).toEqual(roots);
  return verdict;
}

function expectRefused(verdict: GuardVerdict, reason: RegExp): void {
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toMatch(reason);
}

/** Accepts, applies to the room and checks nothing was left pending. */
function expectAccepted(room: Y.Doc, update: Uint8Array, context: GuardContext = ctx()): number[] {
  const verdict = check(room, update, context);
  expect(verdict).toMatchObject({ ok: true, empty: false });
  const controls = controlJson(room);
  Y.applyUpdate(room, update);
  expect(room.store.pendingStructs).toBeNull();
  expect(room.store.pendingDs).toBeNull();
  expect(controlJson(room)).toBe(controls);
  return verdict.ok ? verdict.clientIds : [];
}

describe('legal text edits are accepted', () => {
  it('typing into a paragraph', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, () => firstText(client).insert(5, ','));
    expect(expectAccepted(room, update)).toEqual([client.clientID]);
    expect(firstText(room).toString()).toBe('Hello, world');
  });

  it('bold formatting, deleting text, element attributes', () => {
    const room = buildRoom();
    const client = joinClient(room);
    expectAccepted(
      room,
      capture(client, () => firstText(client).format(0, 5, { bold: {} })),
    );
    expectAccepted(
      room,
      capture(client, () => firstText(client).delete(0, 6)),
    );
    expectAccepted(
      room,
      capture(client, (doc) => {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', 2 as unknown as string);
        (meetingRoots(doc).texts.get('r1') as Y.XmlFragment).insert(1, [heading]);
      }),
    );
    expectAccepted(
      room,
      capture(client, (doc) =>
        ((meetingRoots(doc).texts.get('r1') as Y.XmlFragment).get(1) as Y.XmlElement).setAttribute(
          'level',
          3 as unknown as string,
        ),
      ),
    );
    expect(firstText(room).toDelta()).toEqual([{ insert: 'world' }]);
  });

  it('nested lists, and edits deep inside them', () => {
    const room = buildRoom();
    const client = joinClient(room);
    let deepest!: Y.XmlText;
    expectAccepted(
      room,
      capture(client, (doc) => {
        let parent: Y.XmlFragment | Y.XmlElement = meetingRoots(doc).texts.get(
          'r2',
        ) as Y.XmlFragment;
        for (let level = 0; level < 8; level++) {
          const list = new Y.XmlElement('bulletList');
          const item = new Y.XmlElement('listItem');
          const p = new Y.XmlElement('paragraph');
          const text = new Y.XmlText();
          parent.insert(parent.length, [list]);
          list.insert(0, [item]);
          item.insert(0, [p]);
          p.insert(0, [text]);
          text.insert(0, `level ${level}`);
          parent = item;
          deepest = text;
        }
      }),
    );
    expectAccepted(
      room,
      capture(client, () => deepest.insert(0, 'deep ')),
    );
    expectAccepted(
      room,
      capture(client, () => deepest.format(0, 4, { italic: {} })),
    );
    expect((meetingRoots(room).texts.get('r2') as Y.XmlFragment).toString()).toContain(
      '<italic>deep</italic> level 7',
    );
  });

  it('a deleted paragraph (with GC structs) sent in sync step 2 after editing offline', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const fragment = meetingRoots(client).texts.get('r1') as Y.XmlFragment;
    const p = new Y.XmlElement('paragraph');
    fragment.insert(1, [p]);
    p.insert(0, [new Y.XmlText('offline')]);
    fragment.delete(1, 1);
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(room));
    expect(Y.decodeUpdate(step2).structs.some((s) => s instanceof Y.GC)).toBe(true);
    expectAccepted(room, step2);
  });

  it('a partly known struct (a resend that overlaps the room state)', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const first = capture(client, () => firstText(client).insert(0, 'a'));
    capture(client, () => firstText(client).insert(1, 'b')); // merged with 'a' locally
    expectAccepted(room, first);
    const resend = Y.encodeStateAsUpdate(client); // one struct a..b, 'a' already known
    expectAccepted(room, resend);
    expect(firstText(room).toString()).toBe('abHello world');
  });

  it('typing into a paragraph another user deleted meanwhile (inert, not refused)', () => {
    const room = buildRoom();
    const alice = joinClient(room);
    const bob = joinClient(room);
    const del = capture(alice, (doc) =>
      (meetingRoots(doc).texts.get('r1') as Y.XmlFragment).delete(0, 1),
    );
    const typing = capture(bob, () => firstText(bob).insert(3, 'XYZ'));
    expectAccepted(room, del);
    expectAccepted(room, typing);
    expect((meetingRoots(room).texts.get('r1') as Y.XmlFragment).length).toBe(0);
  });
});

describe('the control roots are refused', () => {
  const cases: Array<[string, (doc: Y.Doc) => void, RegExp]> = [
    [
      'meeting: set a key',
      (d) => meetingRoots(d).meeting.set('status', 'closed'),
      /control root 'meeting'/,
    ],
    [
      'meeting: delete a key',
      (d) => meetingRoots(d).meeting.delete('title'),
      /control root 'meeting'/,
    ],
    ['agenda: insert', (d) => meetingRoots(d).agenda.push([new Y.Map()]), /control root 'agenda'/],
    [
      'agenda: edit an entry',
      (d) => meetingRoots(d).agenda.get(0).set('title', 'x'),
      /control root 'agenda'/,
    ],
    [
      'agenda: delete an entry',
      (d) => meetingRoots(d).agenda.delete(0, 1),
      /control root 'agenda'/,
    ],
    [
      'queue: insert',
      (d) => meetingRoots(d).queue.insert(0, [new Y.Map()]),
      /control root 'queue'/,
    ],
    [
      'queue: edit an entry',
      (d) => meetingRoots(d).queue.get(0).set('status', 'speaking'),
      /control root 'queue'/,
    ],
    [
      'recommendations: insert',
      (d) => meetingRoots(d).recommendations.push([new Y.Map()]),
      /control root 'recommendations'/,
    ],
    [
      'recommendations: edit an entry',
      (d) => meetingRoots(d).recommendations.get(0).set('status', 'agreed'),
      /control root 'recommendations'/,
    ],
    [
      'a new root',
      // eslint-disable-next-line no-restricted-syntax -- a hostile client's own root is the point here
      (d) => d.getMap('evil').set('a', 1),
      /new root 'evil'/,
    ],
    [
      'creating a texts entry',
      (d) => meetingRoots(d).texts.set('r3', new Y.XmlFragment()),
      /texts map itself/,
    ],
    ['deleting a texts entry', (d) => meetingRoots(d).texts.delete('r1'), /texts map itself/],
    [
      'replacing a texts entry',
      (d) => meetingRoots(d).texts.set('r1', new Y.XmlFragment()),
      /texts map itself/,
    ],
    [
      'a text edit and a control edit in one update',
      (d) => {
        firstText(d).insert(0, 'ok ');
        meetingRoots(d).meeting.set('title', 'mine');
      },
      /control root 'meeting'/,
    ],
    [
      'a key on a texts fragment',
      (d) =>
        (meetingRoots(d).texts.get('r1') as Y.XmlFragment)._map.size === 0 && setFragmentKey(d),
      /key on a texts fragment/,
    ],
    [
      'a Y.Map inside a fragment',
      (d) =>
        (firstText(d).parent as Y.XmlElement).setAttribute('x', new Y.Map() as unknown as string),
      /content kind 7\/1/,
    ],
  ];
  for (const [name, edit, reason] of cases) {
    it(name, () => {
      const room = buildRoom();
      const client = joinClient(room);
      expectRefused(check(room, capture(client, edit)), reason);
    });
  }

  it('a deleted range spanning a text item and a control-root item', () => {
    const room = buildRoom();
    // The server wrote both planes with one client id: find a text item and a control item.
    const text = firstText(room)._start as Y.Item;
    const title = meetingRoots(room).meeting._map.get('title') as Y.Item;
    const lo = Math.min(text.id.clock, title.id.clock);
    const hi = Math.max(text.id.clock, title.id.clock);
    const update = craftUpdate([], [{ client: room.clientID, ranges: [[lo, hi - lo + 1]] }]);
    expectRefused(check(room, update), /deletion writes (control root|the texts map)/);
    // The text item alone may be deleted.
    expectAccepted(
      room,
      craftUpdate([], [{ client: room.clientID, ranges: [[text.id.clock, text.length]] }]),
    );
  });

  it('a partly known struct whose written origin is under another parent', () => {
    const room = buildRoom();
    const client = joinClient(room);
    expectAccepted(
      room,
      capture(client, () => firstText(client).insert(0, 'a')),
    );
    const other = firstText(room, 'r2')._start as Y.Item;
    const forged = craftUpdate([
      {
        client: client.clientID,
        clock: 0,
        structs: [{ origin: [other.id.client, other.id.clock], text: 'ab' }],
      },
    ]);
    expectRefused(check(room, forged), /partly known struct/);
  });
});

/** Sets a key on the r1 fragment through the internal map API (Tiptap never does). */
function setFragmentKey(doc: Y.Doc): boolean {
  const fragment = meetingRoots(doc).texts.get('r1') as Y.XmlFragment;
  // XmlElement.setAttribute writes the type's key map; fragments have one too.
  Y.XmlElement.prototype.setAttribute.call(fragment, 'k', 'v');
  return true;
}

describe('senders', () => {
  it("another user's client id", () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, () => firstText(client).insert(0, 'x'));
    const owners = new Map([[client.clientID, 'u2']]);
    expectRefused(check(room, update, ctx({ owners })), /belongs to another user/);
    expect(check(room, update, ctx({ owners, userId: 'u2' })).ok).toBe(true);
  });

  it("the server's own client id", () => {
    const room = buildRoom();
    const client = joinClient(room);
    client.clientID = room.clientID;
    expectRefused(
      check(
        room,
        capture(client, () => firstText(client).insert(0, 'x')),
      ),
      /is the server's/,
    );
  });

  it("an observer's text edit is refused, its empty sync step 2 accepted as empty", () => {
    const room = buildRoom();
    const client = joinClient(room);
    const observer = ctx({ role: 'observer' });
    expectRefused(
      check(
        room,
        capture(client, () => firstText(client).insert(0, 'x')),
        observer,
      ),
      /observer/,
    );
    const step2 = Y.encodeStateAsUpdate(joinClient(room), Y.encodeStateVector(room));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0); // carries the room's deletions
    expect(check(room, step2, observer)).toEqual({ ok: true, empty: true, clientIds: [] });
  });

  it("a display link's text edit is refused (even labelled chair); its formatting cleanup is ignored", () => {
    const room = buildRoom();
    const client = joinClient(room);
    const display = ctx({ kind: 'display', role: 'chair', userId: 'display:ab' });
    expectRefused(
      check(
        room,
        capture(client, () => firstText(client).insert(0, 'x')),
        display,
      ),
      /display link may not edit/,
    );
    const step2 = Y.encodeStateAsUpdate(joinClient(room), Y.encodeStateVector(room));
    expect(check(room, step2, display)).toEqual({ ok: true, empty: true, clientIds: [] });
  });

  it("an observer's formatting cleanup (Yjs writes it on receiving formats) is not refused", () => {
    const room = buildRoom();
    const a = joinClient(room);
    const b = joinClient(room);
    const observer = joinClient(room);
    const cleanup: Uint8Array[] = [];
    observer.on(
      'update',
      (u: Uint8Array, origin: unknown) => origin !== 'remote' && cleanup.push(u),
    );
    // Two participants bold the same word at once: duplicate format items.
    const ua = capture(a, () => firstText(a).format(0, 5, { bold: {} }));
    const ub = capture(b, () => firstText(b).format(0, 5, { bold: {} }));
    expectAccepted(room, ua);
    expectAccepted(room, ub);
    Y.applyUpdate(observer, ua, 'remote');
    Y.applyUpdate(observer, ub, 'remote');
    expect(cleanup.length).toBeGreaterThan(0);
    for (const u of cleanup)
      expect(check(room, u, ctx({ role: 'observer' }))).toMatchObject({ ok: true, empty: true });
  });

  it('read-only senders: format-item deletions are ignored, any other deletion refused', () => {
    const room = buildRoom();
    const client = joinClient(room);
    expectAccepted(
      room,
      capture(client, () => firstText(client).format(0, 5, { bold: {} })),
    );
    const format = firstText(room)._start as Y.Item;
    expect(format.content).toBeInstanceOf(Y.ContentFormat);
    const delFormat = craftUpdate(
      [],
      [{ client: format.id.client, ranges: [[format.id.clock, 1]] }],
    );
    expect(check(room, delFormat, ctx({ role: 'observer' }))).toEqual({
      ok: true,
      empty: true,
      clientIds: [],
    });
    expect(check(room, delFormat, ctx({ status: 'closed' }))).toMatchObject({
      ok: true,
      empty: true,
    });
    const text = format.right as Y.Item;
    const delText = craftUpdate([], [{ client: text.id.client, ranges: [[text.id.clock, 1]] }]);
    expectRefused(check(room, delText, ctx({ role: 'observer' })), /observer/);
    expectRefused(check(room, delText, ctx({ status: 'closed' })), /closed/);
  });

  it('a closed meeting refuses edits, accepts empty sync', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const closed = ctx({ status: 'closed' });
    expectRefused(
      check(
        room,
        capture(client, () => firstText(client).insert(0, 'x')),
        closed,
      ),
      /closed/,
    );
    expect(
      check(room, Y.encodeStateAsUpdate(joinClient(room), Y.encodeStateVector(room)), closed),
    ).toMatchObject({ ok: true, empty: true });
  });

  it('an already applied update is empty', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, () => firstText(client).delete(0, 2));
    expectAccepted(room, update);
    expect(check(room, update, ctx({ role: 'observer' }))).toMatchObject({ ok: true, empty: true });
  });
});

describe('malformed and hostile updates', () => {
  it('every truncation of a valid update is refused', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, () => {
      firstText(client).insert(0, 'héllo ');
      firstText(client).format(0, 3, { bold: {}, italic: {} });
      firstText(client).delete(8, 2);
    });
    for (let len = 0; len < update.length; len++)
      expect(check(room, update.slice(0, len)).ok).toBe(false);
    expect(check(room, update).ok).toBe(true);
  });

  it('trailing bytes', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, () => firstText(client).insert(0, 'x'));
    expectRefused(check(room, new Uint8Array([...update, 0])), /trailing bytes/);
  });

  it('a truncated view over a larger buffer (pooled socket buffers)', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, () => firstText(client).insert(0, 'a long enough string'));
    const pool = new Uint8Array(update.length + 64);
    pool.set(update);
    expect(check(room, pool.subarray(0, update.length - 10)).ok).toBe(false);
  });

  it('a missing dependency: an intermediate update of the same client skipped', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const u1 = capture(client, () => firstText(client).insert(0, 'a'));
    capture(client, () => firstText(client).insert(1, 'b'));
    const u3 = capture(client, () => firstText(client).insert(2, 'c'));
    expectAccepted(room, u1);
    expectRefused(check(room, u3), /missing dependency/);
  });

  it("a missing dependency: an origin in another client's unsent update", () => {
    const room = buildRoom();
    const alice = joinClient(room);
    const a = capture(alice, () => firstText(alice).insert(0, 'a'));
    const bob = joinClient(room);
    Y.applyUpdate(bob, a);
    const b = capture(bob, () => firstText(bob).insert(1, 'b'));
    expectRefused(check(room, b), /missing dependency/);
    expectAccepted(room, Y.mergeUpdates([a, b]));
  });

  it('a skip struct (merged updates with a hole)', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const u1 = capture(client, () => firstText(client).insert(0, 'a'));
    capture(client, () => firstText(client).insert(1, 'b'));
    const u3 = capture(client, () => firstText(client).insert(2, 'c'));
    expectRefused(check(room, Y.mergeUpdates([u1, u3])), /skip struct/);
  });

  it('deleting ids the room does not have', () => {
    const room = buildRoom();
    expectRefused(
      check(room, craftUpdate([], [{ client: 424242, ranges: [[0, 3]] }])),
      /missing dependency/,
    );
  });

  it('too many client ids', () => {
    const room = buildRoom();
    const updates = Array.from({ length: 65 }, () => {
      const c = joinClient(room);
      return capture(c, () => firstText(c).insert(0, 'x'));
    });
    expectRefused(check(room, Y.mergeUpdates(updates)), /too many client ids/);
    // A forged header claiming 40,000 clients is refused before anything is read.
    expectRefused(check(room, new Uint8Array([0xc0, 0xb8, 0x02])), /too many client ids/);
  });

  it('too many structs', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const update = capture(client, (doc) => {
      const fragment = meetingRoots(doc).texts.get('r1') as Y.XmlFragment;
      for (let i = 0; i < 60; i++) fragment.insert(0, [new Y.XmlElement('paragraph')]);
    });
    expectRefused(
      check(room, update, ctx(), createUpdateGuard({ limits: { maxStructs: 50 } })),
      /too many structs/,
    );
    expect(check(room, update).ok).toBe(true);
    // A forged header claiming 2^40 structs for one client.
    expectRefused(
      check(room, new Uint8Array([1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 1, 0])),
      /too many structs/,
    );
  });

  it('an over-nested update, and an over-nested attribute value', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const nested = capture(client, (doc) => {
      let parent: Y.XmlFragment | Y.XmlElement = meetingRoots(doc).texts.get('r1') as Y.XmlFragment;
      for (let i = 0; i < 70; i++) {
        const el = new Y.XmlElement('blockquote');
        parent.insert(0, [el]);
        parent = el;
      }
    });
    expectRefused(check(room, nested), /nested too deeply/);
    let value: unknown = 'x';
    for (let i = 0; i < 100; i++) value = { v: value };
    const attr = capture(client, () =>
      (firstText(client).parent as Y.XmlElement).setAttribute('data', value as string),
    );
    expectRefused(check(room, attr), /nested too deeply/);
    const other = joinClient(room);
    const mark = capture(other, () => firstText(other).format(0, 2, { link: value }));
    expectRefused(check(room, mark), /nested too deeply/);
  });

  it('a root-key item even when its id is already known (Yjs would create the root while reading)', () => {
    const room = buildRoom();
    const known = craftUpdate([
      { client: room.clientID, clock: 0, structs: [{ parentKey: 'ghost', text: 'x' }] },
    ]);
    expectRefused(check(room, known, ctx({ role: 'observer' })), /new root 'ghost'/);
  });

  it('a hand-crafted item writing the texts map by root key', () => {
    const room = buildRoom();
    const update = craftUpdate([
      { client: 77, clock: 0, structs: [{ parentKey: 'texts', parentSub: 'r9', text: 'x' }] },
    ]);
    expectRefused(check(room, update), /texts map itself/);
  });

  it('a GC struct alone is inert and accepted; a client listed twice is refused', () => {
    const room = buildRoom();
    expectAccepted(room, craftUpdate([{ client: 88, clock: 0, structs: [{ gc: 5 }] }]));
    const twice = craftUpdate([
      { client: 89, clock: 0, structs: [{ gc: 1 }] },
      { client: 89, clock: 1, structs: [{ gc: 1 }] },
    ]);
    expectRefused(check(room, twice), /listed twice/);
  });
});
