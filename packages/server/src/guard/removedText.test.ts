import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WriteRefusal, meetingRoots, setRecommendationRemoved } from '@kenes/shared';
import type { GuardContext, GuardVerdict } from '../sync/interfaces.js';
import { createUpdateGuard } from './createGuard.js';
import {
  buildRoom,
  capture,
  craftUpdate,
  ctx,
  firstText,
  joinClient,
} from '../test-support/guardFixtures.js';

/**
 * A recommendation the chair removed keeps its record (with `removedAt`) and
 * its text fragment, so that `rec.restore` can bring it back. The room hides
 * it; the guard makes its text read-only until it is restored.
 */

const guard = createUpdateGuard();

/** Checks `update` and asserts the check left the room's doc unchanged. */
function check(room: Y.Doc, update: Uint8Array, context: GuardContext = ctx()): GuardVerdict {
  const before = Y.encodeStateAsUpdate(room);
  const verdict = guard.check(room, update, context);
  expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  return verdict;
}

function expectRemovedRefusal(verdict: GuardVerdict): void {
  expect(verdict).toMatchObject({ ok: false, kind: WriteRefusal.refused });
  if (!verdict.ok) expect(verdict.reason).toMatch(/removed recommendation 'r1'/);
}

/** What the server's `rec.remove` / `rec.restore` write: `removedAt` on the record. */
function setRemoved(room: Y.Doc, removed: boolean): void {
  const rec = meetingRoots(room)
    .recommendations.toArray()
    .find((m) => m.get('id') === 'r1');
  if (!rec) throw new Error('no r1');
  setRecommendationRemoved(rec, removed ? 1_700_000_000_000 : null);
}

/** The first undeleted item of `text` holding `content` (the room's cleanup deleted the duplicates). */
function liveItem(text: Y.XmlText, content: abstract new (...args: never[]) => unknown): Y.Item {
  for (let item = text._start; item !== null; item = item.right)
    if (!item.deleted && item.content instanceof content) return item;
  throw new Error('no such item');
}

function fragment(doc: Y.Doc, recId = 'r1'): Y.XmlFragment {
  return meetingRoots(doc).texts.get(recId) as Y.XmlFragment;
}

describe("a removed recommendation's text is read-only", () => {
  it('typing into it is refused (write-refused), and accepted again once restored', () => {
    const room = buildRoom();
    setRemoved(room, true);
    const client = joinClient(room);
    const typing = capture(client, () => firstText(client).insert(5, ','));
    expectRemovedRefusal(check(room, typing));

    setRemoved(room, false);
    expect(check(room, typing)).toMatchObject({ ok: true, empty: false });
    Y.applyUpdate(room, typing);
    expect(firstText(room).toString()).toBe('Hello, world');
  });

  it('a new paragraph, element attributes and formatting are refused', () => {
    const room = buildRoom();
    setRemoved(room, true);
    // A fresh client per edit: each update must depend on the room's state alone.
    const client = (): Y.Doc => joinClient(room);
    const paragraph = capture(client(), (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('injected')]);
      fragment(doc).insert(1, [p]);
    });
    expectRemovedRefusal(check(room, paragraph));
    const attribute = capture(client(), (doc) =>
      (fragment(doc).get(0) as Y.XmlElement).setAttribute('textAlign', 'center'),
    );
    expectRemovedRefusal(check(room, attribute));
    expectRemovedRefusal(
      check(
        room,
        capture(client(), (doc) => firstText(doc).format(0, 5, { bold: {} })),
      ),
    );
  });

  it('deleting text or a whole paragraph is refused', () => {
    const room = buildRoom();
    setRemoved(room, true);
    const client = joinClient(room);
    expectRemovedRefusal(
      check(
        room,
        capture(client, () => firstText(client).delete(0, 6)),
      ),
    );
    expectRemovedRefusal(
      check(
        room,
        capture(client, (doc) => fragment(doc).delete(0, 1)),
      ),
    );
    // Hand-crafted: a bare delete set naming one character of the text.
    const char = firstText(room)._start as Y.Item;
    const bare = craftUpdate([], [{ client: char.id.client, ranges: [[char.id.clock, 1]] }]);
    expectRemovedRefusal(check(room, bare));
  });

  it('an edit typed before the removal arrives after it: refused, the text is unchanged', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const late = capture(client, () => firstText(client).insert(0, 'Late: '));
    setRemoved(room, true);
    expectRemovedRefusal(check(room, late));
    expect(firstText(room).toString()).toBe('Hello world');
  });

  it('other texts stay writable', () => {
    const room = buildRoom();
    setRemoved(room, true);
    const client = joinClient(room);
    const update = capture(client, () => firstText(client, 'r2').insert(0, 'Still '));
    expect(check(room, update)).toMatchObject({ ok: true, empty: false });
  });

  it('an empty sync step 2 is fine', () => {
    const room = buildRoom();
    const client = joinClient(room);
    Y.applyUpdate(
      room,
      capture(client, () => firstText(client).delete(0, 2)),
    );
    setRemoved(room, true);
    const step2 = Y.encodeStateAsUpdate(joinClient(room), Y.encodeStateVector(room));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0); // carries the room's deletions
    expect(check(room, step2)).toEqual({ ok: true, empty: true, clientIds: [] });
  });

  it("Yjs's own format cleanup in it is ignored, as in a closed meeting; mixed with a real deletion it is refused", () => {
    const room = buildRoom();
    const a = joinClient(room);
    const b = joinClient(room);
    const reader = joinClient(room);
    const cleanup: Uint8Array[] = [];
    reader.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && cleanup.push(u));
    // Two participants bold the same word at once: duplicate format items,
    // which every receiving Y.Doc deletes in a transaction of its own.
    const ua = capture(a, () => firstText(a).format(0, 5, { bold: {} }));
    const ub = capture(b, () => firstText(b).format(0, 5, { bold: {} }));
    Y.applyUpdate(room, ua);
    Y.applyUpdate(room, ub);
    setRemoved(room, true);
    Y.applyUpdate(reader, ua, 'remote');
    Y.applyUpdate(reader, ub, 'remote');
    expect(cleanup.length).toBeGreaterThan(0);
    for (const u of cleanup)
      expect(check(room, u)).toEqual({ ok: true, empty: true, clientIds: [] });

    const format = liveItem(firstText(room), Y.ContentFormat);
    const text = liveItem(firstText(room), Y.ContentString);
    // A format item's deletion alone reads as that cleanup: ignored, not applied.
    const formatOnly = craftUpdate(
      [],
      [{ client: format.id.client, ranges: [[format.id.clock, 1]] }],
    );
    expect(check(room, formatOnly)).toEqual({ ok: true, empty: true, clientIds: [] });
    const mixed = craftUpdate(
      [],
      [
        { client: format.id.client, ranges: [[format.id.clock, 1]] },
        { client: text.id.client, ranges: [[text.id.clock, 1]] },
      ],
    );
    expectRemovedRefusal(check(room, mixed));
  });
});
