import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { StaleCompactionError, type Store } from './Store.js';
import { appendUpdates } from '../test-support/appendUpdates.js';

/** What a backend hands the contract suite: a fresh, empty store and its teardown. */
export interface OpenedStore {
  store: Store;
  cleanup(): Promise<void>;
}

/** A Yjs update that inserts `text` into a fresh fragment of doc `doc`. */
function edit(doc: Y.Doc, key: string, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array): void => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  };
  doc.on('update', capture);
  doc.transact(() => {
    const texts = meetingRoots(doc).texts;
    let frag = texts.get(key);
    if (!frag) {
      frag = new Y.XmlFragment();
      texts.set(key, frag);
    }
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    frag.insert(frag.length, [p]);
  });
  doc.off('update', capture);
  if (!update) throw new Error('no update produced');
  return update;
}

/** Rebuilds a doc from what the store holds. */
function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

function textsJson(doc: Y.Doc): unknown {
  return meetingRoots(doc).texts.toJSON();
}

/**
 * The document-store contract: every backend (SQLite, Postgres) runs this
 * suite unchanged, so the sync layer can rely on the same behaviour.
 *
 * @example
 * describeDocStoreContract('sqlite', async () => { ...; return { store, cleanup } });
 */
export function describeDocStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`DocStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('loads an unknown meeting as empty', async () => {
      const d = await store.docs.load('nope');
      expect(d).toEqual({ snapshot: null, updates: [], lastSeq: 0, logBytes: 0 });
    });

    it('returns appended updates in commit order with growing seqs and byte counts', async () => {
      const doc = new Y.Doc();
      const a = edit(doc, 'r1', 'one');
      const b = edit(doc, 'r1', 'two');
      const c = edit(doc, 'r2', 'three');
      const s1 = await appendUpdates(store.docs, 'm1', [a]);
      const s2 = await appendUpdates(store.docs, 'm1', [b, c]);
      expect(s2).toBeGreaterThan(s1);
      const loaded = await store.docs.load('m1');
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates.map((u) => Array.from(u))).toEqual([a, b, c].map((u) => Array.from(u)));
      expect(loaded.lastSeq).toBe(s2);
      expect(loaded.logBytes).toBe(a.byteLength + b.byteLength + c.byteLength);
      expect(textsJson(rebuild(loaded))).toEqual(textsJson(doc));
    });

    it('appends many updates in one call', async () => {
      const doc = new Y.Doc();
      const updates = Array.from({ length: 500 }, (_, i) => edit(doc, `r${i % 7}`, `t${i}`));
      await appendUpdates(store.docs, 'm1', updates);
      const loaded = await store.docs.load('m1');
      expect(loaded.updates).toHaveLength(500);
      expect(textsJson(rebuild(loaded))).toEqual(textsJson(doc));
    });

    it('keeps meetings apart', async () => {
      const d1 = new Y.Doc();
      const d2 = new Y.Doc();
      await appendUpdates(store.docs, 'm1', [edit(d1, 'r', 'for m1')]);
      await appendUpdates(store.docs, 'm2', [edit(d2, 'r', 'for m2')]);
      await store.docs.compact(
        'm1',
        Y.encodeStateAsUpdate(d1),
        (await store.docs.load('m1')).lastSeq,
      );
      expect(textsJson(rebuild(await store.docs.load('m2')))).toEqual(textsJson(d2));
      expect(textsJson(rebuild(await store.docs.load('m1')))).toEqual(textsJson(d1));
      expect((await store.docs.load('m2')).updates).toHaveLength(1);
    });

    it('compacts into a snapshot plus the tail appended after it', async () => {
      const doc = new Y.Doc();
      for (let i = 0; i < 20; i++) await appendUpdates(store.docs, 'm1', [edit(doc, 'r', `x${i}`)]);
      const before = await store.docs.load('m1');
      await store.docs.compact('m1', Y.encodeStateAsUpdate(doc), before.lastSeq);
      const compacted = await store.docs.load('m1');
      expect(compacted.snapshot).not.toBeNull();
      expect(compacted.updates).toHaveLength(0);
      expect(compacted.logBytes).toBe(0);
      expect(compacted.lastSeq).toBe(before.lastSeq);
      expect(textsJson(rebuild(compacted))).toEqual(textsJson(doc));

      const tail = edit(doc, 'r', 'after');
      const seq = await appendUpdates(store.docs, 'm1', [tail]);
      expect(seq).toBeGreaterThan(before.lastSeq);
      const next = await store.docs.load('m1');
      expect(next.updates).toHaveLength(1);
      expect(next.lastSeq).toBe(seq);
      expect(next.logBytes).toBe(tail.byteLength);
      expect(textsJson(rebuild(next))).toEqual(textsJson(doc));
    });

    it('compaction through an earlier seq keeps the later updates', async () => {
      const doc = new Y.Doc();
      const s1 = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'a')]);
      const snap = Y.encodeStateAsUpdate(doc);
      await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'b')]);
      await store.docs.compact('m1', snap, s1);
      const loaded = await store.docs.load('m1');
      expect(loaded.updates).toHaveLength(1);
      expect(textsJson(rebuild(loaded))).toEqual(textsJson(doc));
    });

    it('refuses a stale compaction and leaves the stored state intact', async () => {
      const doc = new Y.Doc();
      const s1 = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'a')]);
      const old = Y.encodeStateAsUpdate(doc);
      const s2 = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'b')]);
      await store.docs.compact('m1', Y.encodeStateAsUpdate(doc), s2);
      await expect(store.docs.compact('m1', old, s1)).rejects.toBeInstanceOf(StaleCompactionError);
      expect(textsJson(rebuild(await store.docs.load('m1')))).toEqual(textsJson(doc));
    });

    it('loadSince returns only what a caught-up doc lacks', async () => {
      const doc = new Y.Doc();
      const s1 = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'a')]);
      const b = edit(doc, 'r', 'b');
      const s2 = await appendUpdates(store.docs, 'm1', [b]);
      await appendUpdates(store.docs, 'm2', [edit(new Y.Doc(), 'r', 'other meeting')]);
      const since = await store.docs.loadSince('m1', s1);
      expect(since.snapshot).toBeNull();
      expect(since.updates).toEqual([b]);
      expect(since.lastSeq).toBe(s2);
      const none = await store.docs.loadSince('m1', s2);
      expect(none).toEqual({ snapshot: null, updates: [], lastSeq: s2, logBytes: 0 });
      expect((await store.docs.loadSince('unknown', 0)).lastSeq).toBe(0);
    });

    it('append reports the seq of each entry it wrote, in order', async () => {
      const doc = new Y.Doc();
      const [a, b] = [edit(doc, 'r', 'a'), edit(doc, 'r', 'b')];
      const first = await store.docs.append('m1', [{ update: a }, { update: b }]);
      expect(first.seqs).toHaveLength(2);
      expect(first.seqs[0]!).toBeLessThan(first.seqs[1]!);
      expect(first.seqs[1]).toBe(first.lastSeq);
      await store.docs.append('m1', [
        { update: edit(doc, 'r', 'c'), binds: { userId: 'alice', clientIds: [7] } },
      ]);
      const refused = await store.docs.append('m1', [
        { update: edit(doc, 'r', 'd'), binds: { userId: 'bob', clientIds: [7] } },
      ]);
      expect(refused.seqs).toEqual([]);
    });

    it('loadSince leaves out the updates the caller already holds, and still counts them', async () => {
      const doc = new Y.Doc();
      const held = await store.docs.append('m1', [{ update: edit(doc, 'r', 'a') }]);
      const missing = edit(doc, 'r', 'b');
      const lost = await store.docs.append('m1', [{ update: missing }]);
      const alsoHeld = await store.docs.append('m1', [{ update: edit(doc, 'r', 'c') }]);
      const known = new Set([...held.seqs, ...alsoHeld.seqs]);
      const since = await store.docs.loadSince('m1', 0, known);
      expect(since.updates).toEqual([missing]);
      expect(since.lastSeq).toBe(alsoHeld.lastSeq);
      expect(lost.lastSeq).toBeLessThan(alsoHeld.lastSeq);
      const none = await store.docs.loadSince('m1', 0, new Set([...known, ...lost.seqs]));
      expect(none.updates).toEqual([]);
      expect(none.lastSeq).toBe(alsoHeld.lastSeq);
      // A compaction since: the snapshot comes whole (what it folded in cannot be told apart).
      await store.docs.compact('m1', Y.encodeStateAsUpdate(doc), alsoHeld.lastSeq);
      const behind = await store.docs.loadSince('m1', 0, known);
      expect(behind.snapshot).not.toBeNull();
      expect(behind.lastSeq).toBe(alsoHeld.lastSeq);
    });

    it('loadSince hands the snapshot when a compaction folded in what the caller lacks', async () => {
      const doc = new Y.Doc();
      const s1 = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'a')]);
      const s2 = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'b')]);
      await store.docs.compact('m1', Y.encodeStateAsUpdate(doc), s2);
      const tail = edit(doc, 'r', 'c');
      const s3 = await appendUpdates(store.docs, 'm1', [tail]);
      const behind = await store.docs.loadSince('m1', s1);
      expect(behind.snapshot).not.toBeNull();
      expect(behind.updates).toEqual([tail]);
      expect(behind.lastSeq).toBe(s3);
      expect(textsJson(rebuild(behind))).toEqual(textsJson(doc));
      const ahead = await store.docs.loadSince('m1', s2);
      expect(ahead.snapshot).toBeNull();
      expect(ahead.updates).toEqual([tail]);
    });

    it('binds client ids to their first user only', async () => {
      expect(await store.docs.loadBindings('m1')).toEqual([]);
      await store.docs.bindClients('m1', [1, 2], 'alice');
      await store.docs.bindClients('m1', [2, 3], 'bob');
      await store.docs.bindClients('m2', [1], 'carol');
      await store.docs.bindClients('m1', [], 'nobody');
      const b = await store.docs.loadBindings('m1');
      expect([...b].sort((x, y) => x.clientId - y.clientId)).toEqual([
        { clientId: 1, userId: 'alice' },
        { clientId: 2, userId: 'alice' },
        { clientId: 3, userId: 'bob' },
      ]);
      expect(await store.docs.loadBindings('m2')).toEqual([{ clientId: 1, userId: 'carol' }]);
    });

    it('binds client ids with the update in one transaction: a refused binding writes nothing of its entry', async () => {
      const doc = new Y.Doc();
      const [a, b, c] = [edit(doc, 'r', 'a'), edit(doc, 'r', 'b'), edit(doc, 'r', 'c')];
      const first = await store.docs.append('m1', [
        { update: a, binds: { userId: 'alice', clientIds: [1, 2] } },
      ]);
      expect(first.refused).toEqual([]);
      const second = await store.docs.append('m1', [
        {
          update: b,
          binds: { userId: 'bob', clientIds: [3, 2] },
          attributions: [{ clientId: 3, clock: 0, length: 1, userId: 'bob' }],
        },
        {
          update: c,
          binds: { userId: 'carol', clientIds: [4] },
          attributions: [{ clientId: 4, clock: 0, length: 1, userId: null }],
        },
      ]);
      expect(second.refused).toEqual([{ entry: 0, taken: [{ clientId: 2, userId: 'alice' }] }]);
      const bindings = await store.docs.loadBindings('m1');
      expect([...bindings].sort((x, y) => x.clientId - y.clientId)).toEqual([
        { clientId: 1, userId: 'alice' },
        { clientId: 2, userId: 'alice' },
        { clientId: 4, userId: 'carol' },
      ]);
      const loaded = await store.docs.load('m1');
      expect(loaded.updates).toEqual([a, c]);
      expect(loaded.lastSeq).toBe(second.lastSeq);
      expect(second.lastSeq).toBeGreaterThan(first.lastSeq);
      expect(await store.docs.loadAttributions('m1')).toEqual([
        { clientId: 4, clock: 0, length: 1, userId: null },
      ]);
    });

    it('refuses the later of two entries of one append binding one id for different users', async () => {
      const doc = new Y.Doc();
      const [a, b, c] = [edit(doc, 'r', 'a'), edit(doc, 'r', 'b'), edit(doc, 'r', 'c')];
      const appended = await store.docs.append('m1', [
        { update: a, binds: { userId: 'alice', clientIds: [7] } },
        { update: b, binds: { userId: 'bob', clientIds: [7] } },
        { update: c, binds: { userId: 'alice', clientIds: [7] } },
      ]);
      expect(appended.refused).toEqual([{ entry: 1, taken: [{ clientId: 7, userId: 'alice' }] }]);
      expect(await store.docs.loadBindings('m1')).toEqual([{ clientId: 7, userId: 'alice' }]);
      expect((await store.docs.load('m1')).updates).toEqual([a, c]);
    });

    it('an append whose every entry is refused writes nothing and reports where the log stands', async () => {
      const doc = new Y.Doc();
      const seq = await appendUpdates(store.docs, 'm1', [edit(doc, 'r', 'a')]);
      await store.docs.bindClients('m1', [5], 'alice');
      const appended = await store.docs.append('m1', [
        { update: edit(doc, 'r', 'b'), binds: { userId: 'bob', clientIds: [5, 6] } },
      ]);
      expect(appended).toEqual({
        lastSeq: seq,
        seqs: [],
        refused: [{ entry: 0, taken: [{ clientId: 5, userId: 'alice' }] }],
      });
      expect((await store.docs.load('m1')).updates).toHaveLength(1);
      expect(await store.docs.loadBindings('m1')).toEqual([{ clientId: 5, userId: 'alice' }]);
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
