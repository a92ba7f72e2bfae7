import * as Y from 'yjs';
import type { DecodedStruct, DecodedUpdate, StructId } from './decodeUpdate.js';

/** Where an id lives: in the room's doc, or among the update's new structs. */
export type Found =
  { where: 'doc'; struct: Y.Item | Y.GC } | { where: 'update'; struct: DecodedStruct };

/**
 * Finds structs by id in the room's doc and in the update being checked, the
 * way Yjs will find them while integrating: an id below the doc's state for
 * its client is in the doc's store; anything else must be a new struct of the
 * update. Read-only: it never splits doc items (Yjs's `getItemCleanEnd`
 * would).
 */
export class StructLookup {
  private readonly states = new Map<number, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: DecodedUpdate,
  ) {}

  /** The doc's next expected clock for `client` (0 when unknown), cached. */
  docState(client: number): number {
    let state = this.states.get(client);
    if (state === undefined) {
      state = Y.getState(this.doc.store, client);
      this.states.set(client, state);
    }
    return state;
  }

  /** True when the doc already holds the id. */
  inDoc(id: StructId): boolean {
    return id.clock < this.docState(id.client);
  }

  /** The doc struct holding `id`; the caller has checked {@link inDoc}. */
  docStruct(client: number, clock: number): Y.Item | Y.GC {
    // The store's arrays hold Item | GC only; yjs types them as such.
    const structs = this.doc.store.clients.get(client) as Array<Y.Item | Y.GC>;
    return structs[Y.findIndexSS(structs, clock)] as Y.Item | Y.GC;
  }

  /** The update struct holding `(client, clock)`, by binary search, or undefined. */
  updateStruct(client: number, clock: number): DecodedStruct | undefined {
    const group = this.update.byClient.get(client);
    if (group === undefined || clock < group.clock || clock >= group.end) return undefined;
    const structs = group.structs;
    let lo = 0;
    let hi = structs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = structs[mid] as DecodedStruct;
      if (clock < s.clock) hi = mid - 1;
      else if (clock >= s.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** Where `id` lives, or null when neither the doc nor the update has it. */
  find(id: StructId): Found | null {
    if (this.inDoc(id)) return { where: 'doc', struct: this.docStruct(id.client, id.clock) };
    const s = this.updateStruct(id.client, id.clock);
    return s === undefined ? null : { where: 'update', struct: s };
  }
}
