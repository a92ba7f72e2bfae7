import * as Y from 'yjs';

/** What an update would add to a doc. */
export interface UpdateInfo {
  /** True when the doc already holds every struct and deletion of the update. */
  empty: boolean;
  /** Client ids with structs the doc lacks. */
  clientIds: number[];
}

/**
 * Decodes a whole update (throws when malformed) and compares it with the
 * doc: which client ids bring new structs, and whether anything is new at
 * all (structs past the doc's state vector, or deletions not yet in its
 * delete set). Test-only: the permissive test guard's check (the real guard
 * in guard/ decodes updates itself).
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateInfo {
  const decoded = Y.decodeUpdate(update);
  const clientIds = new Set<number>();
  for (const s of decoded.structs) {
    const known = Y.getState(doc.store, s.id.client);
    // Skip structs are placeholders for gaps, not content.
    if (!(s instanceof Y.Skip) && s.id.clock + s.length > known) clientIds.add(s.id.client);
  }
  let newDeletes = false;
  if (decoded.ds.clients.size > 0) {
    const docDs = Y.createDeleteSetFromStructStore(doc.store);
    outer: for (const [client, items] of decoded.ds.clients) {
      const have = docDs.clients.get(client) ?? [];
      for (const item of items) {
        if (!covered(have, item.clock, item.len)) {
          newDeletes = true;
          break outer;
        }
      }
    }
  }
  return { empty: clientIds.size === 0 && !newDeletes, clientIds: [...clientIds] };
}

/** True when [clock, clock+len) lies inside the sorted, merged ranges `have`. */
function covered(
  have: ReadonlyArray<{ clock: number; len: number }>,
  clock: number,
  len: number,
): boolean {
  let pos = clock;
  const end = clock + len;
  for (const r of have) {
    if (r.clock > pos) break;
    if (r.clock + r.len > pos) pos = r.clock + r.len;
    if (pos >= end) return true;
  }
  return pos >= end;
}
