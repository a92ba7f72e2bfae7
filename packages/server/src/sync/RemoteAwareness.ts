import type { AwarenessEntry } from './awareness.js';

interface RemoteState {
  clock: number;
  /** Null: removed (kept as a tombstone so an older message cannot revive it). */
  state: Record<string, unknown> | null;
  /** When it was last renewed, epoch ms. */
  seenAt: number;
}

/**
 * Awareness states of clients connected to OTHER processes, as their
 * processes relayed them (already stamped there). They follow y-protocols'
 * rules: a higher clock wins, and a state not renewed within the outdated
 * timeout (30 s; providers renew every 15 s) is removed, which is how the
 * clients of a process that died disappear.
 */
export class RemoteAwareness {
  private readonly entries = new Map<number, RemoteState>();

  constructor(private readonly timeoutMs: number) {}

  /**
   * Applies relayed entries; returns those to relay to local sockets.
   * `isLocal` ids belong to a socket of this process, which is the authority on them.
   */
  apply(
    entries: readonly AwarenessEntry[],
    now: number,
    isLocal: (clientId: number) => boolean,
  ): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const e of entries) {
      if (isLocal(e.clientId)) continue;
      const cur = this.entries.get(e.clientId);
      // y-protocols: an older clock loses; an equal one only to remove.
      if (
        cur &&
        (e.clock < cur.clock ||
          (e.clock === cur.clock && !(e.state === null && cur.state !== null)))
      )
        continue;
      this.entries.set(e.clientId, { clock: e.clock, state: e.state, seenAt: now });
      if (e.state !== null || (cur && cur.state !== null)) out.push(e);
    }
    return out;
  }

  /** Removes states not renewed within the timeout; returns the removals to relay (clock + 1, as y-protocols does). */
  expire(now: number): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const [clientId, s] of this.entries) {
      if (now - s.seenAt < this.timeoutMs) continue;
      if (s.state === null) {
        this.entries.delete(clientId);
        continue;
      }
      s.clock += 1;
      s.state = null;
      s.seenAt = now;
      out.push({ clientId, clock: s.clock, state: null });
    }
    return out;
  }

  /** The clock last seen for an id (a local socket claiming it must go above). */
  clockOf(clientId: number): number | undefined {
    return this.entries.get(clientId)?.clock;
  }

  /** Forgets an id (a local socket took it over). */
  delete(clientId: number): void {
    this.entries.delete(clientId);
  }

  /** Every present remote state. */
  states(): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const [clientId, s] of this.entries)
      if (s.state !== null) out.push({ clientId, clock: s.clock, state: s.state });
    return out;
  }
}
