import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateEmailError, type SessionRow, type Store, type UserRow } from './Store.js';
import type { OpenedStore } from './docs.contract.js';

/** A user row with defaults; `over` replaces fields. */
export function userRow(over: Partial<UserRow> = {}): UserRow {
  const id = over.id ?? `u-${Math.random().toString(36).slice(2)}`;
  return {
    id,
    email: `${id}@x.example`,
    passwordHash: '$argon2id$fake',
    name: 'Name',
    organisation: 'Org',
    orgType: 'ngo',
    language: 'en',
    gender: null,
    createdAt: 1_000,
    ...over,
  };
}

/**
 * The {@link AccountStore} contract, run unchanged on every backend:
 * `describeAccountStoreContract('sqlite', open)`.
 */
export function describeAccountStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`AccountStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('creates and reads users by id, e-mail and ids', async () => {
      const a = userRow({
        id: 'a',
        email: 'a@x.example',
        gender: 'f',
        language: 'kk',
        orgType: 'nhri',
      });
      const b = userRow({ id: 'b', email: 'b@x.example' });
      await store.accounts.createUser(a);
      await store.accounts.createUser(b);
      expect(await store.accounts.userById('a')).toEqual(a);
      expect(await store.accounts.userByEmail('b@x.example')).toEqual(b);
      expect(await store.accounts.userByEmail('c@x.example')).toBeNull();
      expect(await store.accounts.userById('c')).toBeNull();
      const many = await store.accounts.usersByIds(['a', 'b', 'missing']);
      expect(many.map((u) => u.id).sort()).toEqual(['a', 'b']);
      expect(await store.accounts.usersByIds([])).toEqual([]);
    });

    it('updates only the profile fields a patch names; gender can be cleared', async () => {
      const a = userRow({ id: 'a', email: 'a@x.example', gender: 'f', language: 'en' });
      await store.accounts.createUser(a);
      expect(await store.accounts.updateUser('a', { language: 'ru', name: 'Aigerim' })).toEqual({
        ...a,
        language: 'ru',
        name: 'Aigerim',
      });
      expect(await store.accounts.updateUser('a', { gender: null })).toMatchObject({
        gender: null,
        language: 'ru',
      });
      expect(await store.accounts.userById('a')).toMatchObject({
        gender: null,
        name: 'Aigerim',
        email: 'a@x.example',
      });
      expect(await store.accounts.updateUser('nobody', { name: 'x' })).toBeNull();
    });

    it('rejects a duplicate e-mail with DuplicateEmailError', async () => {
      await store.accounts.createUser(userRow({ id: 'a', email: 'same@x.example' }));
      await expect(
        store.accounts.createUser(userRow({ id: 'b', email: 'same@x.example' })),
      ).rejects.toBeInstanceOf(DuplicateEmailError);
    });

    it('creates, reads, extends and deletes sessions', async () => {
      await store.accounts.createUser(userRow({ id: 'a' }));
      const s: SessionRow = {
        id: 'hash-1',
        userId: 'a',
        expiresAt: 5_000,
        createdAt: 1_000,
        lastUsedAt: 1_000,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
      };
      await store.accounts.createSession(s);
      expect(await store.accounts.sessionById('hash-1')).toEqual(s);
      await store.accounts.updateSessionExpiry('hash-1', 9_000);
      expect(await store.accounts.sessionById('hash-1')).toMatchObject({
        expiresAt: 9_000,
        createdAt: 1_000,
      });
      await store.accounts.deleteSession('hash-1');
      expect(await store.accounts.sessionById('hash-1')).toBeNull();
      await store.accounts.deleteSession('never-existed');
    });

    it("deletes all of a user's sessions and returns their ids", async () => {
      await store.accounts.createUser(userRow({ id: 'a' }));
      await store.accounts.createUser(userRow({ id: 'b' }));
      for (const [id, userId] of [
        ['s1', 'a'],
        ['s2', 'a'],
        ['s3', 'b'],
      ] as const) {
        await store.accounts.createSession({ id, userId, expiresAt: 5_000, createdAt: 1_000 });
      }
      expect((await store.accounts.deleteUserSessions('a')).sort()).toEqual(['s1', 's2']);
      expect(await store.accounts.sessionById('s1')).toBeNull();
      expect(await store.accounts.sessionById('s3')).not.toBeNull();
      expect(await store.accounts.deleteUserSessions('a')).toEqual([]);
    });

    it('deletes sessions expired at a given time', async () => {
      await store.accounts.createUser(userRow({ id: 'a' }));
      await store.accounts.createSession({
        id: 'old',
        userId: 'a',
        expiresAt: 2_000,
        createdAt: 1_000,
      });
      await store.accounts.createSession({
        id: 'new',
        userId: 'a',
        expiresAt: 8_000,
        createdAt: 1_000,
      });
      await store.accounts.deleteExpiredSessions(2_000);
      expect(await store.accounts.sessionById('old')).toBeNull();
      expect(await store.accounts.sessionById('new')).not.toBeNull();
    });
    it('a new session is last used at sign-in and names no device unless given', async () => {
      await store.accounts.createUser(userRow({ id: 'a' }));
      await store.accounts.createSession({
        id: 's',
        userId: 'a',
        expiresAt: 5_000,
        createdAt: 1_500,
      });
      expect(await store.accounts.sessionById('s')).toMatchObject({
        lastUsedAt: 1_500,
        userAgent: null,
      });
    });

    it("lists only a user's own sessions, most recently used first, and records uses", async () => {
      await store.accounts.createUser(userRow({ id: 'a' }));
      await store.accounts.createUser(userRow({ id: 'b' }));
      const at = (id: string, userId: string, createdAt: number) =>
        store.accounts.createSession({ id, userId, expiresAt: 90_000, createdAt });
      await at('s1', 'a', 1_000);
      await at('s2', 'a', 2_000);
      await at('s3', 'b', 3_000);
      expect((await store.accounts.sessionsOfUser('a')).map((s) => s.id)).toEqual(['s2', 's1']);
      await store.accounts.touchSession('s1', 4_000);
      await store.accounts.touchSession('missing', 4_000);
      const listed = await store.accounts.sessionsOfUser('a');
      expect(listed.map((s) => [s.id, s.lastUsedAt])).toEqual([
        ['s1', 4_000],
        ['s2', 2_000],
      ]);
      expect(await store.accounts.sessionsOfUser('nobody')).toEqual([]);
    });

    it('changes a password and ends every other session of that user in one step', async () => {
      await store.accounts.createUser(userRow({ id: 'a', passwordHash: 'old' }));
      await store.accounts.createUser(userRow({ id: 'b', passwordHash: 'b-hash' }));
      for (const [id, userId] of [
        ['keep', 'a'],
        ['other1', 'a'],
        ['other2', 'a'],
        ['b1', 'b'],
      ] as const) {
        await store.accounts.createSession({ id, userId, expiresAt: 5_000, createdAt: 1_000 });
      }
      const ended = await store.accounts.changePassword('a', 'new', 'keep');
      expect(ended?.sort()).toEqual(['other1', 'other2']);
      expect((await store.accounts.userById('a'))?.passwordHash).toBe('new');
      expect(await store.accounts.sessionById('keep')).not.toBeNull();
      expect(await store.accounts.sessionById('other1')).toBeNull();
      expect(await store.accounts.sessionById('b1')).not.toBeNull();
      expect((await store.accounts.userById('b'))?.passwordHash).toBe('b-hash');
      // Someone else's session id as the one to keep keeps nothing of theirs.
      expect(await store.accounts.changePassword('b', 'b-new', 'keep')).toEqual(['b1']);
      expect(await store.accounts.sessionById('keep')).not.toBeNull();
      expect(await store.accounts.changePassword('nobody', 'x', 'keep')).toBeNull();
    });
  });
}
