import * as encoding from 'lib0/encoding';
import type { AwarenessEntry } from './awareness.js';

/**
 * How long a renewal that changes nothing (y-protocols' 15 s heartbeat) may
 * wait to share a frame with others. Peers drop a state only after 30 s
 * without renewal, so this costs nothing visible and divides the frames an
 * idle room sends by the renewals per window.
 */
export const RENEWAL_DELAY_MS = 100;

/**
 * Rooms smaller than this relay renewals at once: there, a frame per
 * renewal costs a few percent of a core (200 sockets: ~3 %), not worth any
 * delay; at 1000 sockets it costs most of one.
 */
export const RENEWAL_BATCH_MIN_SOCKETS = 256;

interface Queued<Owner> {
  entry: AwarenessEntry;
  from: Owner;
  /** The state as JSON, computed once for the comparison and the encoding. */
  json: string;
}

/** Encodes entries as y-protocols does, reusing each state's JSON. */
function encode(batch: ReadonlyArray<Queued<unknown>>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, batch.length);
  for (const q of batch) {
    encoding.writeVarUint(e, q.entry.clientId);
    encoding.writeVarUint(e, q.entry.clock);
    encoding.writeVarString(e, q.json);
  }
  return encoding.toUint8Array(e);
}

/** Where a flushed batch goes. */
export interface AwarenessSink<Owner> {
  /** Sends one frame payload to every socket of the room but those in `except`. */
  sendAll(payload: Uint8Array, except: ReadonlySet<Owner>): void;
  /** Sends one payload to one socket. */
  sendTo(owner: Owner, payload: Uint8Array): void;
  /** Tells the other processes (the whole batch, encoded once). */
  publish(payload: Uint8Array): void;
  /** How many sockets a flush reaches now. */
  audience(): number;
}

/**
 * The awareness changes of one tick, relayed together: entries that arrived
 * in the same I/O phase are encoded once into one frame for every socket
 * (a later entry for the same client id replaces an earlier one). A sender
 * never gets its own entries back: it receives a frame of the others'
 * entries only, and nothing when there are none.
 */
export class AwarenessBatch<Owner> {
  private entries = new Map<number, Queued<Owner>>();
  /** The JSON of the last state queued per client id, to tell renewals from changes. */
  private readonly lastJson = new Map<number, string>();
  private scheduled = false;
  private delayed = false;
  private stopped = false;

  /**
   * @param schedule runs the flush once the current tick's frames are read
   *   (`setImmediate`; tests pass their own).
   * @param later runs a flush after `ms` (unchanged renewals only; see {@link RENEWAL_DELAY_MS}).
   */
  constructor(
    private readonly sink: AwarenessSink<Owner>,
    private readonly schedule: (fn: () => void) => void = (fn) => void setImmediate(fn),
    private readonly later: (fn: () => void, ms: number) => void = (fn, ms) =>
      void setTimeout(fn, ms).unref(),
  ) {}

  /** Queues `entries` sent by `from`, to be relayed at the end of the tick. */
  add(from: Owner, entries: readonly AwarenessEntry[]): void {
    if (this.stopped || entries.length === 0) return;
    let changed = false;
    for (const entry of entries) {
      const json = JSON.stringify(entry.state);
      if (entry.state === null || this.lastJson.get(entry.clientId) !== json) changed = true;
      if (entry.state === null) this.lastJson.delete(entry.clientId);
      else this.lastJson.set(entry.clientId, json);
      // Re-insert so the map keeps arrival order of the latest entries.
      this.entries.delete(entry.clientId);
      this.entries.set(entry.clientId, { entry, from, json });
    }
    if (changed || this.sink.audience() < RENEWAL_BATCH_MIN_SOCKETS) {
      // A change (caret, join, leave), or any entry in a small room, goes out
      // with this tick, queued renewals with it.
      if (this.scheduled) return;
      this.scheduled = true;
      this.schedule(() => this.flush());
    } else if (!this.scheduled && !this.delayed) {
      this.delayed = true;
      this.later(() => {
        this.delayed = false;
        this.flush();
      }, RENEWAL_DELAY_MS);
    }
  }

  /** Relays what is queued now. */
  flush(): void {
    this.scheduled = false;
    if (this.stopped || this.entries.size === 0) return;
    const batch = [...this.entries.values()];
    this.entries.clear();
    const payload = encode(batch);
    const senders = new Set(batch.map((b) => b.from));
    this.sink.sendAll(payload, senders);
    // With one sender (the common case) there is nothing of the others to tell it.
    if (senders.size > 1) {
      for (const s of senders) {
        const others = batch.filter((b) => b.from !== s);
        if (others.length > 0) this.sink.sendTo(s, encode(others));
      }
    }
    this.sink.publish(payload);
  }

  /** Drops what is queued and ignores later entries (the room closed). */
  stop(): void {
    this.stopped = true;
    this.entries.clear();
    this.lastJson.clear();
  }
}
