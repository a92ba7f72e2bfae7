import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, WriteRefusal, meetingRoots } from '@kenes/shared';
import type { Store } from '../src/store/Store.js';
import type { UpdateGuard } from '../src/sync/interfaces.js';
import { permissiveGuard } from '../src/test-support/permissiveGuard.js';
import { serverTest as it } from '../src/test-support/serverTest.js';
import {
  appendParagraph,
  docJson,
  fragmentText,
  waitFor,
  waitSynced,
} from '../src/test-support/clients.js';

/** A store whose doc operations can be made to fail, and which counts loads. */
function faultyStore(): {
  wrap: (s: Store) => Store;
  failAppend: boolean;
  failLoad: boolean;
  loads: number;
  loadDelayMs: number;
} {
  const ctl = {
    failAppend: false,
    failLoad: false,
    loads: 0,
    loadDelayMs: 0,
    wrap: (s: Store): Store => ({
      ...s,
      docs: {
        ...s.docs,
        load: async (id) => {
          ctl.loads += 1;
          if (ctl.loadDelayMs) await new Promise((r) => setTimeout(r, ctl.loadDelayMs));
          if (ctl.failLoad) throw new Error('disk on fire (load)');
          return s.docs.load(id);
        },
        append: async (id, u) => {
          if (ctl.failAppend) throw new Error('disk on fire (append)');
          return s.docs.append(id, u);
        },
      },
    }),
  };
  return ctl;
}

describe('room registry and pipeline', () => {
  it('store failure: sockets close with 1013, nothing is broadcast, clients recover without loss', async ({
    harness,
  }) => {
    const ctl = faultyStore();
    const server = await harness.start({ wrapStore: ctl.wrap });
    const a = harness.client('m', 'alice');
    const b = harness.client('m', 'bob');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    ctl.failAppend = true;
    appendParagraph(a.doc, 'rec', 'not yet durable');
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, 5000, 'closes');
    expect(a.closes[0]).toEqual({ code: CloseCode.tryAgainLater, reason: 'store unavailable' });
    expect(b.closes[0]!.code).toBe(CloseCode.tryAgainLater);
    expect(fragmentText(b.doc, 'rec')).toBeUndefined();
    expect(server.kenes.rooms.loadedMeetings()).not.toContain('m');
    // The store comes back: providers reconnect, a re-sends its edit, b gets it.
    ctl.failAppend = false;
    await waitFor(() => fragmentText(b.doc, 'rec') === 'not yet durable', 10_000, 'recovery');
    expect((await server.store.docs.load('m')).updates.length).toBeGreaterThan(0);
  });

  it('a failed load refuses with 1013, is not cached, and never replaces the stored doc', async ({
    harness,
  }) => {
    const ctl = faultyStore();
    const server = await harness.start({ wrapStore: ctl.wrap, sync: { roomIdleGraceMs: 10 } });
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    appendParagraph(a.doc, 'rec', 'precious');
    await waitFor(
      () =>
        server.kenes.rooms.roomOf('m') !== undefined &&
        fragmentText(server.kenes.rooms.roomOf('m')!.doc, 'rec') === 'precious',
    );
    a.destroy();
    await waitFor(() => server.kenes.rooms.loadedMeetings().length === 0, 5000, 'unload');
    const before = await server.store.docs.load('m');

    ctl.failLoad = true;
    const b = harness.client('m', 'bob');
    await waitFor(() => b.closes.length > 0, 5000, 'refusal');
    expect(b.closes[0]).toEqual({ code: CloseCode.tryAgainLater, reason: 'room unavailable' });
    expect(server.kenes.rooms.loadedMeetings()).toEqual([]);
    ctl.failLoad = false;
    expect(await server.store.docs.load('m')).toEqual(before);
    await waitFor(
      () => fragmentText(b.doc, 'rec') === 'precious',
      10_000,
      'retry loads from storage',
    );
  });

  it('concurrent first connections load the room once', async ({ harness }) => {
    const ctl = faultyStore();
    ctl.loadDelayMs = 100;
    await harness.start({ wrapStore: ctl.wrap });
    const many = Array.from({ length: 6 }, (_, i) => harness.client('m', `u${i}`));
    await Promise.all(many.map((c) => waitSynced(c)));
    expect(ctl.loads).toBe(1);
    appendParagraph(many[0]!.doc, 'rec', 'to all');
    await waitFor(() => many.every((c) => fragmentText(c.doc, 'rec') === 'to all'));
  });

  it('unloads a room after its last client left plus the grace period, not before', async ({
    harness,
  }) => {
    const server = await harness.start({ sync: { roomIdleGraceMs: 300 } });
    const a = harness.client('m');
    await waitSynced(a);
    expect(server.kenes.rooms.loadedMeetings()).toEqual(['m']);
    a.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.kenes.rooms.loadedMeetings()).toEqual(['m']);
    // Coming back within the grace keeps the same room.
    const room = server.kenes.rooms.roomOf('m');
    const b = harness.client('m');
    await waitSynced(b);
    expect(server.kenes.rooms.roomOf('m')).toBe(room);
    b.destroy();
    await waitFor(() => server.kenes.rooms.loadedMeetings().length === 0, 3000, 'unload');
  });

  it('a refused update closes that socket with 4403, is logged with the user, and is neither stored nor broadcast', async ({
    harness,
  }) => {
    const guard: UpdateGuard = {
      check(doc, update, ctx) {
        const v = permissiveGuard.check(doc, update, ctx);
        if (v.ok && !v.empty && ctx.principal.userId === 'eve')
          return {
            ok: false,
            code: 'read_only_role',
            reason: 'read-only',
            kind: WriteRefusal.refused,
          };
        return v;
      },
    };
    const server = await harness.start({ guard });
    const a = harness.client('m', 'alice');
    const eve = harness.client('m', 'eve');
    await Promise.all([waitSynced(a), waitSynced(eve)]);
    appendParagraph(eve.doc, 'rec', 'forbidden');
    await waitFor(() => eve.closes.length > 0);
    expect(eve.closes[0]).toEqual({
      code: CloseCode.forbidden,
      reason: 'write-refused: read-only',
    });
    expect(
      server.logs.lines.some(
        (l) =>
          l.msg === 'update refused' &&
          l.userId === 'eve' &&
          l.reason === 'read-only' &&
          l.code === 'read_only_role',
      ),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(fragmentText(a.doc, 'rec')).toBeUndefined();
    expect((await server.store.docs.load('m')).updates).toEqual([]);
    expect(a.closes).toEqual([]);
  });

  it('binds the client ids of accepted updates to their user', async ({ harness }) => {
    const server = await harness.start();
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    appendParagraph(a.doc, 'rec', 'mine');
    await waitFor(() => server.kenes.rooms.roomOf('m')?.owners.get(a.doc.clientID) === 'alice');
    expect(await server.store.docs.loadBindings('m')).toEqual([
      { clientId: a.doc.clientID, userId: 'alice' },
    ]);
  });

  it('an update whose client id the store holds for another user is written nothing of and refused client-id-taken', async ({
    harness,
  }) => {
    const server = await harness.start();
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    // Bound behind the room's back (another process, after this room loaded its bindings).
    await server.store.docs.bindClients('m', [a.doc.clientID], 'mallory');
    appendParagraph(a.doc, 'rec', 'not alice’s id');
    await waitFor(() => a.closes.length > 0, 5000, 'refused');
    expect(a.closes[0]).toEqual({
      code: CloseCode.forbidden,
      reason: 'client-id-taken: client id belongs to another user',
    });
    expect((await server.store.docs.load('m')).updates).toEqual([]);
    expect(await server.store.docs.loadBindings('m')).toEqual([
      { clientId: a.doc.clientID, userId: 'mallory' },
    ]);
    expect(fragmentText(server.kenes.rooms.roomOf('m')!.doc, 'rec')).toBeUndefined();
  });

  it('RoomAccess: a server transaction is committed, then broadcast; a throwing fn writes nothing', async ({
    harness,
  }) => {
    const server = await harness.start();
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    const rooms = server.kenes.rooms;
    const result = await rooms.transact('m', (doc) => {
      meetingRoots(doc).meeting.set('title', 'Council');
      return 'done';
    });
    expect(result).toBe('done');
    expect((await server.store.docs.load('m')).updates).toHaveLength(1);
    await waitFor(() => meetingRoots(a.doc).meeting.get('title') === 'Council');

    await expect(
      rooms.transact('m', () => {
        throw new Error('invalid command');
      }),
    ).rejects.toThrow('invalid command');
    expect((await server.store.docs.load('m')).updates).toHaveLength(1);
    expect(a.closes).toEqual([]);

    // Throwing after a change: the half change is dropped with the room, never stored or seen.
    await expect(
      rooms.transact('m', (doc) => {
        meetingRoots(doc).meeting.set('title', 'Half');
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect((await server.store.docs.load('m')).updates).toHaveLength(1);
    expect(await rooms.read('m', (doc) => meetingRoots(doc).meeting.get('title'))).toBe('Council');
    await waitFor(
      () => a.provider.synced && meetingRoots(a.doc).meeting.get('title') === 'Council',
    );

    // On a meeting nobody has open: loads, writes, and unloads later.
    await rooms.transact('other', (doc) => meetingRoots(doc).meeting.set('title', 'Cold'));
    const stored = await server.store.docs.load('other');
    const rebuilt = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u);
    expect(meetingRoots(rebuilt).meeting.get('title')).toBe('Cold');
  });

  it('a server transaction whose commit fails is never broadcast and the room reloads from storage', async ({
    harness,
  }) => {
    const ctl = faultyStore();
    const server = await harness.start({ wrapStore: ctl.wrap });
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    ctl.failAppend = true;
    await expect(
      server.kenes.rooms.transact('m', (doc) => meetingRoots(doc).meeting.set('title', 'Lost')),
    ).rejects.toThrow('store unavailable');
    await waitFor(() => a.closes.length > 0);
    expect(a.closes[0]!.code).toBe(CloseCode.tryAgainLater);
    expect(meetingRoots(a.doc).meeting.get('title')).toBeUndefined();
    ctl.failAppend = false;
    expect(
      await server.kenes.rooms.read('m', (doc) => meetingRoots(doc).meeting.get('title')),
    ).toBeUndefined();
  });

  it('compaction bounds the log and leaves the document equal', async ({ harness }) => {
    const dataDir = (await import('node:fs')).mkdtempSync(
      (await import('node:path')).join((await import('node:os')).tmpdir(), 'kenes-compact-'),
    );
    const server = await harness.start({ dataDir, sync: { compactAfterUpdates: 10 } });
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    for (let i = 0; i < 45; i++) {
      appendParagraph(a.doc, `rec${i % 3}`, `edit ${i}`);
      // Separate commits (updates of one tick are merged into one).
      await new Promise((r) => setTimeout(r, 5));
    }
    const room = () => server.kenes.rooms.roomOf('m')!;
    await waitFor(
      () => JSON.stringify(docJson(room().doc)) === JSON.stringify(docJson(a.doc)),
      5000,
      'server caught up',
    );
    await room().drain();
    const stored = await server.store.docs.load('m');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(10);

    // Byte-for-byte in content: the server state, re-encoded into a fresh doc, equals the client's.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room().doc));
    expect(docJson(fresh)).toEqual(docJson(a.doc));
    const rebuilt = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u);
    expect(docJson(rebuilt)).toEqual(docJson(a.doc));

    // And after a restart on the same data dir.
    const expected = docJson(a.doc);
    await harness.stop();
    await harness.start({ dataDir });
    const late = harness.client('m');
    await waitSynced(late);
    expect(docJson(late.doc)).toEqual(expected);
    await harness.stop();
    (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  });

  it('compacts a large document only once its log holds a quarter of the snapshot: re-encoding it costs its size', async ({
    harness,
  }) => {
    const dataDir = (await import('node:fs')).mkdtempSync(
      (await import('node:path')).join((await import('node:os')).tmpdir(), 'kenes-compact-'),
    );
    const server = await harness.start({ dataDir, sync: { compactAfterUpdates: 10 } });
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    const room = () => server.kenes.rooms.roomOf('m')!;
    const settle = async (): Promise<void> => {
      await waitFor(
        () => JSON.stringify(docJson(room().doc)) === JSON.stringify(docJson(a.doc)),
        5000,
        'server caught up',
      );
      await room().drain();
    };
    const typeLines = async (n: number, from: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        appendParagraph(a.doc, 'rec0', `edit ${from + i}`);
        // Separate commits (updates of one tick are merged into one).
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    // Long pasted texts, then enough edits for a first compaction.
    for (let i = 0; i < 4; i++) {
      appendParagraph(a.doc, `rec${i}`, 'Long text. '.repeat(4000));
      await new Promise((r) => setTimeout(r, 20));
    }
    await typeLines(12, 0);
    await settle();
    const first = await server.store.docs.load('m');
    expect(first.snapshot!.byteLength).toBeGreaterThan(160_000);
    expect(first.updates.length).toBeLessThan(10);
    // Far more than 10 small edits, far less than a quarter of 160 KB: no re-encoding yet.
    await typeLines(40, 12);
    await settle();
    const later = await server.store.docs.load('m');
    expect(later.snapshot).toEqual(first.snapshot);
    expect(later.updates.length).toBeGreaterThanOrEqual(40);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, later.snapshot!);
    for (const u of later.updates) Y.applyUpdate(rebuilt, u);
    expect(docJson(rebuilt)).toEqual(docJson(a.doc));
    // Still: a load never replays more than 20 × the update count (200 here).
    await typeLines(170, 52);
    await settle();
    const bounded = await server.store.docs.load('m');
    expect(bounded.snapshot).not.toEqual(first.snapshot);
    expect(bounded.updates.length).toBeLessThan(200);
    await harness.stop();
    (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  });
});
