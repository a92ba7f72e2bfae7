import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.js';

/** The encoded empty state vector (no clients): what a fresh provider sends in its step 1. */
function isEmptyStateVector(sv: Uint8Array): boolean {
  return sv.byteLength === 1 && sv[0] === 0;
}

/**
 * The room doc's encoded state, kept warm between changes: the step 1 frame
 * (state vector) sent to every newcomer, and the step 2 frame answering an
 * empty state vector (a fresh provider, a reconnect storm) — encoded once
 * per doc change instead of once per newcomer, and the same bytes sent to
 * all of them. Any transaction that changes the doc drops both, whatever
 * its origin (client, server, fan-out, catch-up), so nothing stale is sent.
 */
export class WarmState {
  private step1: Uint8Array | null = null;
  private fullStep2: Uint8Array | null = null;
  /** Number of full encodes so far (tests check that newcomers share one). */
  encodes = 0;
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
   * Sync step 2 frame answering a client's state vector `sv`: the shared
   * full state for an empty one, else what the doc holds past `sv`.
   */
  syncStep2(sv: Uint8Array): Uint8Array {
    if (isEmptyStateVector(sv)) {
      if (!this.fullStep2) {
        this.encodes += 1;
        this.fullStep2 = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
      }
      return this.fullStep2;
    }
    // A returning client usually lacks little: encoding from the doc with its
    // state vector writes only that (diffUpdate would decode the whole history).
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sv));
  }

  /** Drops the encoded state (the doc changed). */
  invalidate(): void {
    this.step1 = null;
    this.fullStep2 = null;
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
