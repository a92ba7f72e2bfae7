import * as Y from 'yjs';
import type { DecodedUpdate } from './decodeUpdate.js';
import { deny } from './GuardDenial.js';
import type { StructLookup } from './StructLookup.js';

/**
 * Finds the doc items the update's delete set would delete now (those not
 * deleted yet) and denies deletions of ids nobody has.
 *
 * Why each item: one deleted range can span many items of one client under
 * different parents (a text character, then a control-root entry written by
 * the same client id), so the guard looks at every item a range covers.
 * GC structs and deleted items are skipped: deleting them again changes
 * nothing (this is what makes an observer's full delete set in sync step 2
 * a no-op).
 *
 * The part of a range past the doc's state must be covered by the update's
 * own new structs (deleting what it inserts, which the struct checks vet);
 * anything else would wait in `pendingDs` forever, so it is denied as a
 * missing dependency.
 *
 * Cost: ranges are sorted and disjoint per client (decodeUpdateStrict), so
 * every doc struct is visited at most once per update.
 */
export function scanDeletions(doc: Y.Doc, update: DecodedUpdate, lookup: StructLookup): Y.Item[] {
  const effective: Y.Item[] = [];
  for (const range of update.deletes) {
    const state = lookup.docState(range.client);
    if (range.end > state) {
      const group = update.byClient.get(range.client);
      if (group === undefined || group.structs.length === 0 || range.end > group.end) {
        deny('unknown_deleted', range.client, Math.max(range.clock, state));
      }
    }
    if (range.clock >= state) continue;
    const stop = Math.min(range.end, state);
    // The store's arrays hold Item | GC only.
    const structs = doc.store.clients.get(range.client) as Array<Y.Item | Y.GC>;
    for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
      const s = structs[i] as Y.Item | Y.GC;
      if (s.id.clock >= stop) break;
      if (s instanceof Y.Item && !s.deleted) effective.push(s);
    }
  }
  return effective;
}
