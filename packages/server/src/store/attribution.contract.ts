import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, TextAttribution } from './Store.js';
import type { OpenedStore } from './docs.contract.js';

const row = (clientId: number, clock: number, length: number, userId: string | null) =>
  ({ clientId, clock, length, userId }) satisfies TextAttribution;

/**
 * The moved-text attributions of {@link DocStore} (an append entry's `attributions`,
 * `loadAttributions`), run unchanged on every backend.
 */
export function describeAttributionContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`DocStore attributions contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('stores attributions with the updates they came with, per meeting, sorted', async () => {
      expect(await store.docs.loadAttributions('m1')).toEqual([]);
      await store.docs.append('m1', [
        { update: new Uint8Array([1]), attributions: [row(7, 40, 20, 'ngo'), row(3, 0, 5, null)] },
      ]);
      await store.docs.append('m1', [{ update: new Uint8Array([2]) }]);
      await store.docs.append('m2', [
        { update: new Uint8Array([3]), attributions: [row(7, 0, 1, 'other')] },
      ]);
      // Yjs client ids are unsigned 32-bit: the largest must survive.
      await store.docs.append('m1', [
        { update: new Uint8Array([4]), attributions: [row(0xffffffff, 9, 2, 'ngo')] },
      ]);
      expect(await store.docs.loadAttributions('m1')).toEqual([
        row(3, 0, 5, null),
        row(7, 40, 20, 'ngo'),
        row(0xffffffff, 9, 2, 'ngo'),
      ]);
      expect(await store.docs.loadAttributions('m2')).toEqual([row(7, 0, 1, 'other')]);
      expect((await store.docs.load('m1')).updates).toHaveLength(3);
    });

    it('loads the rows of the given clients only', async () => {
      await store.docs.append('m1', [
        {
          update: new Uint8Array([1]),
          attributions: [
            row(1, 0, 3, 'a'),
            row(2, 5, 3, 'b'),
            row(2, 1, 3, 'c'),
            row(4, 0, 1, 'd'),
          ],
        },
      ]);
      expect(await store.docs.loadAttributions('m1', [2, 4, 99])).toEqual([
        row(2, 1, 3, 'c'),
        row(2, 5, 3, 'b'),
        row(4, 0, 1, 'd'),
      ]);
      expect(await store.docs.loadAttributions('m1', [])).toEqual([]);
    });

    it('keeps the first author of an item range (a re-sent update changes nothing)', async () => {
      await store.docs.append('m1', [
        { update: new Uint8Array([1]), attributions: [row(5, 10, 4, 'first')] },
      ]);
      await store.docs.append('m1', [
        { update: new Uint8Array([1]), attributions: [row(5, 10, 4, 'second')] },
      ]);
      expect(await store.docs.loadAttributions('m1')).toEqual([row(5, 10, 4, 'first')]);
    });
  });
}
