import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WriteRefusal, meetingRoots, patchRecommendation } from '@kenes/shared';
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
 * An agreed recommendation's text is read-only to every member, the chair
 * included, until the chair sets its status back (by command, which the
 * server writes; the guard reads the status at check time).
 */

const guard = createUpdateGuard();

function check(room: Y.Doc, update: Uint8Array, context: GuardContext = ctx()): GuardVerdict {
  const before = Y.encodeStateAsUpdate(room);
  const verdict = guard.check(room, update, context);
  expect(Y.encodeStateAsUpdate(room)).toEqual(before);
  return verdict;
}

function expectAgreedDenial(verdict: GuardVerdict, code = 'agreed_text'): void {
  expect(verdict).toMatchObject({ ok: false, code, kind: WriteRefusal.refused });
  if (!verdict.ok) expect(verdict.reason).toMatch(/agreed recommendation 'r1'/);
}

/** What the server's `rec.setStatus` writes. */
function setStatus(room: Y.Doc, status: 'agreed' | 'draft' | 'discussed'): void {
  const rec = meetingRoots(room)
    .recommendations.toArray()
    .find((m) => m.get('id') === 'r1');
  if (!rec) throw new Error('no r1');
  room.transact(() =>
    patchRecommendation(rec, { status, agreedAt: status === 'agreed' ? 1_700_000_000_000 : null }),
  );
}

function fragment(doc: Y.Doc, recId = 'r1'): Y.XmlFragment {
  return meetingRoots(doc).texts.get(recId) as Y.XmlFragment;
}

describe("an agreed recommendation's text is read-only", () => {
  it('typing is denied for a participant and for the chair, accepted again once set back', () => {
    const room = buildRoom();
    setStatus(room, 'agreed');
    const client = joinClient(room);
    const typing = capture(client, () => firstText(client).insert(5, ','));
    expectAgreedDenial(check(room, typing, ctx({ role: 'participant' })));
    expectAgreedDenial(check(room, typing, ctx({ role: 'chair' })));

    setStatus(room, 'discussed');
    expect(check(room, typing, ctx({ role: 'chair' }))).toMatchObject({ ok: true, empty: false });
    setStatus(room, 'draft');
    expect(check(room, typing)).toMatchObject({ ok: true, empty: false });
    Y.applyUpdate(room, typing);
    expect(firstText(room).toString()).toBe('Hello, world');
  });

  it('new paragraphs, attributes, formatting and deletions are denied', () => {
    const room = buildRoom();
    setStatus(room, 'agreed');
    const client = (): Y.Doc => joinClient(room);
    const paragraph = capture(client(), (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('slipped in')]);
      fragment(doc).insert(1, [p]);
    });
    expectAgreedDenial(check(room, paragraph));
    expectAgreedDenial(
      check(
        room,
        capture(client(), (doc) =>
          (fragment(doc).get(0) as Y.XmlElement).setAttribute('textAlign', 'center'),
        ),
      ),
    );
    expectAgreedDenial(
      check(
        room,
        capture(client(), (doc) => firstText(doc).format(0, 5, { bold: {} })),
      ),
    );
    const c = client();
    expectAgreedDenial(
      check(
        room,
        capture(c, () => firstText(c).delete(0, 6)),
      ),
      'delete_agreed_text',
    );
    const char = firstText(room)._start as Y.Item;
    const bare = craftUpdate([], [{ client: char.id.client, ranges: [[char.id.clock, 1]] }]);
    expectAgreedDenial(check(room, bare), 'delete_agreed_text');
  });

  it('an edit made before the agreement but checked after it is denied (status at check time)', () => {
    const room = buildRoom();
    const client = joinClient(room);
    const late = capture(client, () => firstText(client).insert(0, 'Late: '));
    setStatus(room, 'agreed');
    expectAgreedDenial(check(room, late));
    expect(firstText(room).toString()).toBe('Hello world');
  });

  it("Yjs's own format cleanup in it is ignored (an honest reader's update), not denied", () => {
    const room = buildRoom();
    const a = joinClient(room);
    const b = joinClient(room);
    const reader = joinClient(room);
    const cleanup: Uint8Array[] = [];
    reader.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && cleanup.push(u));
    // Two people bold the same word at once, then the text is agreed before a reader receives it.
    const ua = capture(a, () => firstText(a).format(0, 5, { bold: {} }));
    const ub = capture(b, () => firstText(b).format(0, 5, { bold: {} }));
    Y.applyUpdate(room, ua);
    Y.applyUpdate(room, ub);
    setStatus(room, 'agreed');
    Y.applyUpdate(reader, ua, 'remote');
    Y.applyUpdate(reader, ub, 'remote');
    expect(cleanup.length).toBeGreaterThan(0);
    for (const u of cleanup)
      expect(check(room, u, ctx({ role: 'chair' }))).toEqual({
        ok: true,
        empty: true,
        clientIds: [],
      });
  });

  it('other texts stay writable; an empty sync step 2 is fine', () => {
    const room = buildRoom();
    setStatus(room, 'agreed');
    const client = joinClient(room);
    const update = capture(client, () => firstText(client, 'r2').insert(0, 'Still '));
    expect(check(room, update)).toMatchObject({ ok: true, empty: false });
    const step2 = Y.encodeStateAsUpdate(joinClient(room), Y.encodeStateVector(room));
    expect(check(room, step2)).toEqual({ ok: true, empty: true, clientIds: [] });
  });
});
