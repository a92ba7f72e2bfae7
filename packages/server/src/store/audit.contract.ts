import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAuditRow, Store } from './Store.js';
import type { OpenedStore } from './docs.contract.js';

const row = (over: Partial<NewAuditRow> = {}): NewAuditRow => ({
  meetingId: 'm1',
  userId: 'obs',
  action: 'rec.setStatus',
  payload: '{"type":"rec.setStatus"}',
  result: 'forbidden',
  at: 60_000,
  ...over,
});

/**
 * The {@link AuditStore} folding and paging contract, run unchanged on every
 * backend: `describeAuditStoreContract('sqlite', open)`.
 */
export function describeAuditStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`AuditStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('folds repeated refusals into one row per member, action, result and window', async () => {
      for (let i = 0; i < 50; i++) await store.audit.addRefused(row({ at: 60_000 + i }), 60_000);
      await store.audit.addRefused(row({ result: 'validation_failed', at: 60_100 }), 60_000);
      await store.audit.addRefused(row({ userId: 'other', at: 60_200 }), 60_000);
      // The next window starts a new row.
      await store.audit.addRefused(row({ at: 120_000 }), 60_000);
      const rows = await store.audit.list('m1');
      expect(rows.map((r) => [r.userId, r.result, r.at, r.count])).toEqual([
        ['obs', 'forbidden', 120_000, 1],
        ['other', 'forbidden', 60_200, 1],
        ['obs', 'validation_failed', 60_100, 1],
        ['obs', 'forbidden', 60_000, 50],
      ]);
    });

    it('never folds ordinary rows, which count 1', async () => {
      await store.audit.add(row({ result: 'ok' }));
      await store.audit.add(row({ result: 'ok' }));
      await store.audit.addRefused(row(), 60_000);
      const rows = await store.audit.list('m1');
      expect(rows.map((r) => [r.result, r.count])).toEqual([
        ['forbidden', 1],
        ['ok', 1],
        ['ok', 1],
      ]);
    });

    it('filters by result and pages with a cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await store.audit.add(row({ result: 'ok', at: i, payload: `{"n":${i}}` }));
        await store.audit.addRefused(row({ at: i * 60_000 }), 60_000);
      }
      const first = await store.audit.list('m1', {
        action: 'rec.setStatus',
        result: 'ok',
        limit: 2,
      });
      expect(first.map((r) => r.payload)).toEqual(['{"n":4}', '{"n":3}']);
      const next = await store.audit.list('m1', {
        action: 'rec.setStatus',
        result: 'ok',
        limit: 2,
        beforeId: first.at(-1)!.id,
      });
      expect(next.map((r) => r.payload)).toEqual(['{"n":2}', '{"n":1}']);
    });

    it('answers ping only while it can write', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
}
