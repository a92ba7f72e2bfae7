import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, VersionRow } from './Store.js';
import type { OpenedStore } from './docs.contract.js';

/** A version row with defaults; `over` replaces any field. */
export function versionRow(over: Partial<VersionRow> = {}): VersionRow {
  return {
    id: 'v1',
    meetingId: 'm1',
    label: 'Draft',
    kind: 'manual',
    snapshot: new Uint8Array([1, 2, 3]),
    createdBy: 'chair',
    createdAt: 1_000,
    ...over,
  };
}

/**
 * The {@link VersionStore} contract, run unchanged on every backend:
 * `describeVersionStoreContract('sqlite', open)`.
 */
export function describeVersionStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`VersionStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('lists nothing and gets null for a meeting without versions', async () => {
      expect(await store.versions.list('m1')).toEqual([]);
      expect(await store.versions.get('m1', 'v1')).toBeNull();
    });

    it('saves a version and gets it back byte for byte', async () => {
      const snapshot = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff);
      await store.versions.save(
        versionRow({ snapshot, createdBy: null, createdAt: 1_750_000_000_123 }),
      );
      const got = await store.versions.get('m1', 'v1');
      expect(got).toEqual(versionRow({ snapshot, createdBy: null, createdAt: 1_750_000_000_123 }));
      expect(got?.snapshot).toBeInstanceOf(Uint8Array);
      expect(got?.snapshot.byteLength).toBe(70_000);
    });

    it('stores a snapshot that is a view into a larger buffer as just that view', async () => {
      const backing = new Uint8Array([9, 9, 4, 5, 6, 9]);
      await store.versions.save(versionRow({ snapshot: backing.subarray(2, 5) }));
      expect((await store.versions.get('m1', 'v1'))?.snapshot).toEqual(new Uint8Array([4, 5, 6]));
    });

    it('lists a meeting’s versions newest first, without snapshots', async () => {
      await store.versions.save(versionRow({ id: 'a', label: 'First', createdAt: 1_000 }));
      await store.versions.save(versionRow({ id: 'c', label: 'Third', createdAt: 3_000 }));
      await store.versions.save(versionRow({ id: 'b', label: 'Second', createdAt: 2_000 }));
      await store.versions.save(versionRow({ id: 'x', meetingId: 'm2', createdAt: 5_000 }));
      const list = await store.versions.list('m1');
      expect(list.map((v) => v.label)).toEqual(['Third', 'Second', 'First']);
      expect(list[0]).toEqual({
        id: 'c',
        meetingId: 'm1',
        label: 'Third',
        kind: 'manual',
        createdBy: 'chair',
        createdAt: 3_000,
      });
      for (const v of list) expect(v).not.toHaveProperty('snapshot');
      expect((await store.versions.list('m2')).map((v) => v.id)).toEqual(['x']);
    });

    it('orders versions saved at the same time by id, descending, in byte order', async () => {
      for (const id of ['b', 'B', 'a', '_', 'A'])
        await store.versions.save(versionRow({ id, createdAt: 1_000 }));
      // Byte order: 'A' < 'B' < '_' < 'a' < 'b' (a locale collation would differ).
      expect((await store.versions.list('m1')).map((v) => v.id)).toEqual(['b', 'a', '_', 'B', 'A']);
    });

    it('gets a version only through its own meeting', async () => {
      await store.versions.save(versionRow({ id: 'v1', meetingId: 'm1' }));
      expect(await store.versions.get('m2', 'v1')).toBeNull();
      expect(await store.versions.get('m1', 'nope')).toBeNull();
    });

    it('keeps why each version was saved (its kind)', async () => {
      await store.versions.save(
        versionRow({ id: 'a', kind: 'agreed', label: 'Rec', createdAt: 1 }),
      );
      await store.versions.save(versionRow({ id: 'b', kind: 'closed', label: '', createdAt: 2 }));
      await store.versions.save(versionRow({ id: 'c', kind: 'restore', createdAt: 3 }));
      expect((await store.versions.list('m1')).map((v) => [v.id, v.kind, v.label])).toEqual([
        ['c', 'restore', 'Draft'],
        ['b', 'closed', ''],
        ['a', 'agreed', 'Rec'],
      ]);
      expect((await store.versions.get('m1', 'b'))?.kind).toBe('closed');
    });

    it('rejects a second version with the same id and keeps the first', async () => {
      await store.versions.save(versionRow({ label: 'Original' }));
      await expect(store.versions.save(versionRow({ label: 'Impostor' }))).rejects.toThrow();
      expect((await store.versions.get('m1', 'v1'))?.label).toBe('Original');
      expect(await store.versions.list('m1')).toHaveLength(1);
    });
  });
}
