import type { AppendEntry, Appended, ClientBinding } from './Store.js';

/** Which entries of an append may bind their client ids, and the bindings to write. */
export interface Admitted {
  refused: Appended['refused'];
  /** The new bindings of the admitted entries (an id its user already holds is left out). */
  bind: ClientBinding[];
}

/** Every client id the entries ask to bind (what the store must look up first). */
export function requestedClientIds(entries: readonly AppendEntry[]): number[] {
  return [...new Set(entries.flatMap((e) => e.binds?.clientIds ?? []))];
}

/**
 * Decides, in the append transaction, which entries commit: one binding a
 * client id that `bound` (the stored bindings of the requested ids) or an
 * earlier entry of the same append gives another user is refused whole.
 * Both backends use it, so they refuse alike.
 */
export function admitBindings(
  entries: readonly AppendEntry[],
  bound: ReadonlyMap<number, string>,
): Admitted {
  const owners = new Map(bound);
  const refused: Admitted['refused'] = [];
  const bind: ClientBinding[] = [];
  entries.forEach((entry, index) => {
    if (!entry.binds) return;
    const { userId, clientIds } = entry.binds;
    const taken: ClientBinding[] = [];
    for (const clientId of clientIds) {
      const owner = owners.get(clientId);
      if (owner !== undefined && owner !== userId) taken.push({ clientId, userId: owner });
    }
    if (taken.length > 0) {
      refused.push({ entry: index, taken });
      return;
    }
    for (const clientId of clientIds) {
      if (owners.has(clientId)) continue;
      owners.set(clientId, userId);
      bind.push({ clientId, userId });
    }
  });
  return { refused, bind };
}

/** The entries not refused, in order. */
export function admittedEntries<T>(entries: readonly T[], refused: Appended['refused']): T[] {
  const out = new Set(refused.map((r) => r.entry));
  return entries.filter((_, i) => !out.has(i));
}
