import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './Store.js';
import type { NewDisplayLink } from './DisplayLinkStore.js';
import type { OpenedStore } from './docs.contract.js';
import { userRow } from './accounts.contract.js';

const link = (over: Partial<NewDisplayLink> = {}): NewDisplayLink => ({
  tokenHash: 'h1',
  meetingId: 'm1',
  label: 'Hall A',
  createdBy: 'chair',
  createdAt: 1_000,
  ...over,
});

/**
 * The {@link DisplayLinkStore} contract (migration 8), run unchanged on every
 * backend: `describeDisplayLinkStoreContract('sqlite', open)`.
 */
export function describeDisplayLinkStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
): void {
  describe(`DisplayLinkStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      await store.accounts.createUser(userRow({ id: 'chair' }));
      for (const id of ['m1', 'm2']) {
        await store.meetings.createMeeting({
          id,
          title: id,
          startsAt: null,
          createdBy: 'chair',
          createdAt: 1,
        });
      }
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('stores a link by its hash, unused and live, and lists live links newest first', async () => {
      expect(await store.displayLinks.create(link(), 5)).toBe(true);
      expect(await store.displayLinks.create(link({ tokenHash: 'h2', createdAt: 2_000 }), 5)).toBe(
        true,
      );
      expect(await store.displayLinks.create(link({ tokenHash: 'h3', meetingId: 'm2' }), 5)).toBe(
        true,
      );
      expect(await store.displayLinks.byHash('h1')).toEqual({
        ...link(),
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      });
      expect(await store.displayLinks.byHash('nope')).toBeNull();
      expect((await store.displayLinks.live('m1')).map((l) => l.tokenHash)).toEqual(['h2', 'h1']);
      expect((await store.displayLinks.live('m2')).map((l) => l.tokenHash)).toEqual(['h3']);
    });

    it('refuses a link past the live limit; a revoked one frees its place', async () => {
      for (const h of ['a', 'b', 'c']) {
        expect(await store.displayLinks.create(link({ tokenHash: h }), 3)).toBe(true);
      }
      expect(await store.displayLinks.create(link({ tokenHash: 'd' }), 3)).toBe(false);
      expect(await store.displayLinks.byHash('d')).toBeNull();
      // Another meeting's links do not count.
      expect(await store.displayLinks.create(link({ tokenHash: 'x', meetingId: 'm2' }), 3)).toBe(
        true,
      );
      await store.displayLinks.revoke('m1', 'b', 5_000, 'chair');
      expect(await store.displayLinks.create(link({ tokenHash: 'd' }), 3)).toBe(true);
    });

    it('lets concurrent creations through only up to the limit', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.displayLinks.create(link({ tokenHash: `c${i}` }), 5),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await store.displayLinks.live('m1')).toHaveLength(5);
    });

    it('revokes once, only within its meeting, and keeps the row', async () => {
      await store.displayLinks.create(link(), 5);
      expect(await store.displayLinks.revoke('m2', 'h1', 5_000, 'chair')).toBeNull();
      expect(await store.displayLinks.revoke('m1', 'nope', 5_000, 'chair')).toBeNull();
      const before = await store.displayLinks.revoke('m1', 'h1', 5_000, 'chair');
      expect(before).toMatchObject({ tokenHash: 'h1', revokedAt: null });
      const again = await store.displayLinks.revoke('m1', 'h1', 9_000, 'other');
      expect(again).toMatchObject({ revokedAt: 5_000, revokedBy: 'chair' });
      expect(await store.displayLinks.byHash('h1')).toMatchObject({
        revokedAt: 5_000,
        revokedBy: 'chair',
      });
      expect(await store.displayLinks.live('m1')).toEqual([]);
    });

    it('records uses of live links only, moving forward', async () => {
      await store.displayLinks.create(link(), 5);
      await store.displayLinks.touch('h1', 3_000);
      await store.displayLinks.touch('h1', 2_000);
      expect((await store.displayLinks.byHash('h1'))?.lastUsedAt).toBe(3_000);
      await store.displayLinks.revoke('m1', 'h1', 4_000, 'chair');
      await store.displayLinks.touch('h1', 6_000);
      expect((await store.displayLinks.byHash('h1'))?.lastUsedAt).toBe(3_000);
      await store.displayLinks.touch('unknown', 6_000);
    });
  });
}
