import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './Store.js';
import type { OpenedStore } from './docs.contract.js';
import { userRow } from './accounts.contract.js';
import { RESET_ROW_KEEP_MS } from './records.js';

const HOUR = 3_600_000;

/**
 * The {@link PasswordResetStore} contract, run unchanged on every backend:
 * `describePasswordResetStoreContract('sqlite', open)`.
 */
export function describePasswordResetStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
): void {
  describe(`PasswordResetStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      await store.accounts.createUser(userRow({ id: 'a', passwordHash: 'old-a' }));
      await store.accounts.createUser(userRow({ id: 'b', passwordHash: 'old-b' }));
      for (const [id, userId] of [
        ['sa1', 'a'],
        ['sa2', 'a'],
        ['sb', 'b'],
      ] as const) {
        await store.accounts.createSession({ id, userId, expiresAt: 9 * HOUR, createdAt: 0 });
      }
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('stores a link by hash and reads it back unused', async () => {
      await store.passwordResets.create({
        tokenHash: 'h1',
        userId: 'a',
        createdAt: 1_000,
        expiresAt: 1_000 + HOUR,
      });
      expect(await store.passwordResets.byHash('h1')).toEqual({
        tokenHash: 'h1',
        userId: 'a',
        createdAt: 1_000,
        expiresAt: 1_000 + HOUR,
        usedAt: null,
      });
      expect(await store.passwordResets.byHash('nope')).toBeNull();
    });

    it('redeems once: sets the password, spends every link of the user, ends every session', async () => {
      for (const h of ['h1', 'h2'])
        await store.passwordResets.create({
          tokenHash: h,
          userId: 'a',
          createdAt: 1_000,
          expiresAt: 1_000 + HOUR,
        });
      await store.passwordResets.create({
        tokenHash: 'hb',
        userId: 'b',
        createdAt: 1_000,
        expiresAt: 1_000 + HOUR,
      });
      const outcome = await store.passwordResets.redeem('h1', 'new-a', 2_000);
      expect(outcome.ok && outcome.userId).toBe('a');
      expect(outcome.ok && [...outcome.endedSessions].sort()).toEqual(['sa1', 'sa2']);
      expect((await store.accounts.userById('a'))?.passwordHash).toBe('new-a');
      expect(await store.accounts.sessionById('sa1')).toBeNull();
      // Another user is untouched.
      expect((await store.accounts.userById('b'))?.passwordHash).toBe('old-b');
      expect(await store.accounts.sessionById('sb')).not.toBeNull();
      expect(await store.passwordResets.byHash('hb')).toMatchObject({ usedAt: null });
      // Used, and the user's other link is spent with it.
      expect(await store.passwordResets.byHash('h1')).toMatchObject({ usedAt: 2_000 });
      expect(await store.passwordResets.redeem('h1', 'again', 2_500)).toEqual({
        ok: false,
        reason: 'used',
      });
      expect(await store.passwordResets.redeem('h2', 'again', 2_500)).toEqual({
        ok: false,
        reason: 'used',
      });
      expect((await store.accounts.userById('a'))?.passwordHash).toBe('new-a');
    });

    it('refuses an expired or unknown link and changes nothing', async () => {
      await store.passwordResets.create({
        tokenHash: 'h1',
        userId: 'a',
        createdAt: 1_000,
        expiresAt: 1_000 + HOUR,
      });
      expect(await store.passwordResets.redeem('h1', 'x', 1_000 + HOUR)).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await store.passwordResets.redeem('zzz', 'x', 1_500)).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect((await store.accounts.userById('a'))?.passwordHash).toBe('old-a');
      expect(await store.accounts.sessionById('sa1')).not.toBeNull();
      expect(await store.passwordResets.byHash('h1')).toMatchObject({ usedAt: null });
    });

    it('two concurrent redemptions of one link: exactly one wins', async () => {
      await store.passwordResets.create({
        tokenHash: 'h1',
        userId: 'a',
        createdAt: 1_000,
        expiresAt: 1_000 + HOUR,
      });
      const results = await Promise.all([
        store.passwordResets.redeem('h1', 'one', 2_000),
        store.passwordResets.redeem('h1', 'two', 2_000),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'used' }]);
    });

    it("drops a user's rows a day after they expired when a new link is made", async () => {
      await store.passwordResets.create({
        tokenHash: 'old',
        userId: 'a',
        createdAt: 0,
        expiresAt: HOUR,
      });
      await store.passwordResets.create({
        tokenHash: 'recent',
        userId: 'a',
        createdAt: 2 * HOUR,
        expiresAt: 3 * HOUR,
      });
      // The first expired only an hour ago: kept (it still reads as expired).
      expect(await store.passwordResets.byHash('old')).not.toBeNull();
      await store.passwordResets.create({
        tokenHash: 'new',
        userId: 'a',
        createdAt: HOUR + RESET_ROW_KEEP_MS,
        expiresAt: 2 * HOUR + RESET_ROW_KEEP_MS,
      });
      expect(await store.passwordResets.byHash('old')).toBeNull();
      expect(await store.passwordResets.byHash('recent')).not.toBeNull();
    });
  });
}
