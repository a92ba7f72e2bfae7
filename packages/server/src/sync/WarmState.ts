import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.js';

/** The encoded empty state vector (no clients): what a fresh provider sends in its step 1. */
function isEmptyStateVector(sv: Uint8Array): boolean {
  return sv.byteLength === 1 && sv[0] === 0;
}

/**
 * The room doc's encoded state, kept warm between changes: the step 1 frame
 * (state vector) sent to every newcomer, the step 2 frame answering an empty
 * state vector (a fresh provider, many newcomers at once), and the one
 * answering a client that already holds every struct (a provider
 * reconnecting after a restart or a network cut: it needs only the delete
 * set, which Yjs otherwise rebuilds from the whole history per client) —
 * each encoded once per doc change instead of once per client, and the same
 * bytes sent to all of them. Any transaction that changes the doc drops
 * them, whatever its origin (client, server, fan-out, catch-up), so nothing
 * stale is sent.
 */
export class WarmState {
  private step1: Uint8Array | null = null;
  private fullStep2: Uint8Array | null = null;
  /** Step 2 for a client holding every struct: no structs, the delete set. */
  private upToDateStep2: Uint8Array | null = null;
  /** Pending (not yet integrable) parts, which the full state also carries. */
  private pending: unknown[] = [null, null];
  private readonly onTransaction = (tr: Y.Transaction): void => {
    const { pendingStructs, pendingDs } = this.doc.store;
    const pending = pendingStructs?.update ?? null;
    if (changed(tr) || pending !== this.pending[0] || pendingDs !== this.pending[1]) {
      this.pending = [pending, pendingDs];
      this.invalidate();
    }
  };

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Sync step 1 frame: the doc's state vector. */
  syncStep1(): Uint8Array {
    return (this.step1 ??= encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  /**
   * Sync step 2 frame answering a client's state vector `sv` (`decoded`: the
   * same, already decoded): the shared full state for an empty one, the
   * shared delete-set-only answer when `sv` covers every struct of the doc,
   * else what the doc holds past `sv`.
   */
  syncStep2(sv: Uint8Array, decoded?: Map<number, number>): Uint8Array {
    if (isEmptyStateVector(sv)) {
      return (this.fullStep2 ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc)));
    }
    // Pending structs are diffed against each client's vector: nothing to share then.
    if (this.doc.store.pendingStructs === null && this.covers(decoded ?? Y.decodeStateVector(sv))) {
      // Past a covering vector, Yjs writes no structs and the whole delete
      // set: the same bytes for every such client.
      return (this.upToDateStep2 ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sv)));
    }
    // A returning client usually lacks little: encoding from the doc with its
    // state vector writes only that (diffUpdate would decode the whole history).
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sv));
  }

  /** True when a client at state vector `sv` holds every struct of the doc. */
  private covers(sv: Map<number, number>): boolean {
    const store = this.doc.store;
    for (const client of store.clients.keys())
      if ((sv.get(client) ?? 0) < Y.getState(store, client)) return false;
    return true;
  }

  /** Drops the encoded state (the doc changed). */
  invalidate(): void {
    this.step1 = null;
    this.fullStep2 = null;
    this.upToDateStep2 = null;
  }

  /** Stops listening to the doc. */
  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.invalidate();
  }
}

/** True when a transaction added structs or deleted something. */
function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  if (tr.beforeState.size !== tr.afterState.size) return true;
  for (const [client, clock] of tr.afterState)
    if (tr.beforeState.get(client) !== clock) return true;
  return false;
}
