import * as Y from 'yjs';

/**
 * What a discarded local copy of a meeting's doc holds that the server does
 * not, rewritten so it can be applied to a fresh doc synced from the server
 * and sent again — under a new client id when the old one was taken by
 * another user (issue 15: a client-id clash must never lose the victim's
 * edits).
 *
 * Why rewrite rather than resend: when another user's structs were
 * accepted under our client id, the server holds *their* items at our ids.
 * Our items with the same ids look known to every Yjs peer and would be
 * skipped, the rest refused. So our items get a fresh client id, and every
 * reference to them (left and right origins, parents, deletions) follows,
 * while references to other clients' items stay: those items are the
 * server's too. Applied to the fresh doc, Yjs merges them with whatever
 * others wrote meanwhile, exactly as it would have merged the original
 * update: nobody's concurrent edit is overwritten.
 */

/** A client id that another user took, and how far our own items under it go. */
export interface Clash {
  /** The client id the server says belongs to another user. */
  clientId: number;
  /** The id our items move to (a fresh random id). */
  newClientId: number;
  /**
   * Our items under `clientId` end before this clock; beyond it the local
   * doc holds the other user's items, integrated before the clash was seen.
   * Omitted: every item under `clientId` is ours.
   */
  ownEnd?: number;
}

/** Encodes a state vector map the way `Y.encodeStateVector` does (v1). */
export function encodeStateVectorMap(sv: ReadonlyMap<number, number>): Uint8Array {
  const enc = new Y.UpdateEncoderV1();
  enc.writeLen(sv.size);
  for (const [client, clock] of sv) {
    enc.writeLen(client);
    enc.writeLen(clock);
  }
  return enc.toUint8Array();
}

/**
 * The update that brings a doc at `serverStateVector` to everything `local`
 * holds, with the clashed client's items moved to a new id; null when there
 * is nothing to carry (no struct the server lacks and no deletion at all).
 *
 * @example
 * const update = carryOverUpdate(oldDoc, Y.decodeStateVector(Y.encodeStateVector(fresh)), clash);
 * if (update) Y.applyUpdate(fresh, update); // the provider sends it under the new id
 */
export function carryOverUpdate(
  local: Y.Doc,
  serverStateVector: ReadonlyMap<number, number>,
  clash?: Clash,
): Uint8Array | null {
  const sv = new Map(serverStateVector);
  // The server's clocks under the clashed id are the other user's: ours all go.
  if (clash) sv.delete(clash.clientId);
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(local, encodeStateVectorMap(sv)));
  const move = (id: Y.ID): Y.ID =>
    clash && id.client === clash.clientId ? Y.createID(clash.newClientId, id.clock) : id;

  const byClient = new Map<number, Array<Y.Item | Y.GC>>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (clash?.ownEnd !== undefined && s.id.client === clash.clientId) {
      if (s.id.clock >= clash.ownEnd) continue;
      // Yjs merges our last item with the other user's tail integrated right
      // after it (same client, adjacent clocks): keep only our part.
      const ours = clash.ownEnd - s.id.clock;
      if (ours < s.length) {
        if (s instanceof Y.Item) s.content.splice(ours);
        s.length = ours;
      }
    }
    s.id = move(s.id);
    if (s instanceof Y.Item) {
      if (s.origin) s.origin = move(s.origin);
      if (s.rightOrigin) s.rightOrigin = move(s.rightOrigin);
      if (s.parent instanceof Y.ID) s.parent = move(s.parent);
    }
    const list = byClient.get(s.id.client) ?? [];
    list.push(s);
    byClient.set(s.id.client, list);
  }

  // Our deletions of the server's items, and of our own items (moved).
  const deletions = new Map<number, Array<{ clock: number; len: number }>>();
  for (const [client, items] of ds.clients) {
    const target = clash && client === clash.clientId ? clash.newClientId : client;
    const kept = items.filter(
      (d) => !(clash?.ownEnd !== undefined && client === clash.clientId && d.clock >= clash.ownEnd),
    );
    if (kept.length > 0) deletions.set(target, kept);
  }

  // A local doc carries its whole delete set, most of it long known: applied
  // to the fresh doc, known deletions change nothing and send nothing.
  if (byClient.size === 0 && deletions.size === 0) return null;

  const enc = new Y.UpdateEncoderV1();
  enc.writeLen(byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    enc.writeLen(list.length);
    enc.writeClient(client);
    enc.writeLen(list[0]!.id.clock);
    for (const s of list) s.write(enc, 0);
  }
  enc.writeLen(deletions.size);
  for (const [client, items] of deletions) {
    enc.resetDsCurVal();
    enc.writeLen(client);
    enc.writeLen(items.length);
    for (const d of items) {
      enc.writeDsClock(d.clock);
      enc.writeDsLen(d.len);
    }
  }
  return enc.toUint8Array();
}
