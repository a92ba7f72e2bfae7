import type * as Y from 'yjs';
import { Limits } from '@kenes/shared';
import type { Connection } from './Connection.js';
import type { SyncConfig } from './SyncConfig.js';
import {
  RoomAwareness,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  type AwarenessEntry,
} from './awareness.js';
import { shapeClientState, shapeRelayedState } from './awarenessState.js';
import { CaretColours } from './awarenessColours.js';
import { encodeAwarenessFrame } from './protocol.js';
import { AwarenessBatch } from './AwarenessBatch.js';
import { RemoteAwareness } from './RemoteAwareness.js';

/** y-protocols' outdated timeout: a remote awareness state not renewed within it is gone. */
export const AWARENESS_TIMEOUT_MS = 30_000;

/** A socket's awareness queries are answered at most this often; others are ignored. */
export const AWARENESS_QUERY_INTERVAL_MS = 1000;

/** What presence needs from its room: its sockets, the doc, and a way out to each audience. */
export interface PresenceHost {
  readonly doc: Y.Doc;
  readonly config: SyncConfig;
  /** True when other processes serve the meeting too (their clients' states are relayed). */
  readonly distributed: boolean;
  now(): number;
  /** The room's open sockets. */
  readonly connections: ReadonlySet<Connection>;
  /** Client id → user id bindings of the document. */
  readonly owners: ReadonlyMap<number, string>;
  /** Sends a frame to every socket of the room but `except`. */
  broadcast(frame: Uint8Array, except?: Connection | ReadonlySet<Connection>): void;
  /** Sends an awareness payload to the other processes. */
  publish(payload: Uint8Array): void;
}

/**
 * Who is in the room and where their carets are (y-protocols awareness):
 * local sockets' states, stamped with their identity and shaped; other
 * processes' clients' states; caret colours; answers to queries. The room
 * hands it what arrives and stays ignorant of its rules.
 */
export class RoomPresence {
  readonly awareness: RoomAwareness<Connection>;
  /** States of clients on other processes. */
  private readonly remote = new RemoteAwareness(AWARENESS_TIMEOUT_MS);
  /** Local awareness changes of the current tick, relayed together. */
  private readonly batch: AwarenessBatch<Connection>;
  /** Caret colours of the people present. */
  private readonly colours = new CaretColours();
  /** When each socket's last awareness query was answered. */
  private readonly lastQuery = new WeakMap<Connection, number>();

  constructor(private readonly host: PresenceHost) {
    this.awareness = new RoomAwareness<Connection>(
      host.config.maxAwarenessIdsPerSocket,
      (id) => this.remote.clockOf(id),
      (id) => host.owners.get(id),
    );
    this.batch = new AwarenessBatch<Connection>({
      sendAll: (payload, except) => host.broadcast(encodeAwarenessFrame(payload), except),
      sendTo: (conn, payload) => conn.send(encodeAwarenessFrame(payload)),
      publish: (payload) => host.publish(payload),
      audience: () => host.connections.size,
    });
  }

  /** The largest awareness state relayed, in bytes. */
  get maxStateBytes(): number {
    return this.host.config.maxAwarenessStateBytes ?? Limits.maxAwarenessStateBytes;
  }

  /** Sends a newcomer the states present (if any). */
  welcome(conn: Connection): void {
    const states = this.presentStates(conn);
    if (states.length > 0) conn.send(encodeAwarenessFrame(encodeAwarenessUpdate(states)));
  }

  /** `conn` left: its states are gone for everyone; `lastOfMember` frees the member's colour. */
  left(conn: Connection, lastOfMember: boolean): void {
    this.relay(this.awareness.release(conn), conn);
    if (lastOfMember) this.colours.release(conn.principal.userId);
  }

  /** Shapes `conn`'s entries (identity stamped, invalid fields dropped) and relays them. */
  apply(conn: Connection, entries: AwarenessEntry[]): void {
    const p = conn.principal;
    const colour = this.colours.colourOf(p.userId);
    const shape = (state: Record<string, unknown>) => ({
      ...shapeClientState(state, p, colour, this.host.doc),
    });
    this.relay(this.awareness.apply(conn, p, entries, shape), conn);
  }

  /** Answers `conn`'s query with the states present, at most once per interval. */
  answerQuery(conn: Connection): void {
    const now = this.host.now();
    const last = this.lastQuery.get(conn);
    if (last !== undefined && now - last < AWARENESS_QUERY_INTERVAL_MS) return;
    this.lastQuery.set(conn, now);
    conn.send(encodeAwarenessFrame(encodeAwarenessUpdate(this.presentStates(conn))));
  }

  /** Stamps the states of `userId`'s sockets `mine` again (their role changed). */
  restamp(userId: string, mine: readonly Connection[]): void {
    const colour = this.colours.colourOf(userId);
    for (const conn of mine) {
      const p = conn.principal;
      const entries = this.awareness.reshape([conn], (state) => ({
        ...shapeClientState(state, p, colour, this.host.doc),
      }));
      this.relay(entries, conn);
    }
  }

  /**
   * States another process published. From a peer that stamped and shaped
   * them: no entry limit here, but only well-shaped states of bounded size
   * are relayed to browsers.
   */
  applyRemote(payload: Uint8Array): void {
    const entries = decodeAwarenessUpdate(
      payload,
      Number.MAX_SAFE_INTEGER,
      this.maxStateBytes,
    ).flatMap((e): AwarenessEntry[] => {
      if (e.state === null) return [e];
      const state = shapeRelayedState(e.state);
      return state === null ? [] : [{ ...e, state: { ...state } }];
    });
    const out = this.remote.apply(entries, this.host.now(), (id) => this.awareness.isOwned(id));
    if (out.length > 0) this.host.broadcast(encodeAwarenessFrame(encodeAwarenessUpdate(out)));
  }

  /** Another process asked for this one's states: they are published. */
  answerRemoteQuery(): void {
    const mine = this.awareness.ownedStates();
    if (mine.length > 0) this.host.publish(encodeAwarenessUpdate(mine));
  }

  /** Removes remote states whose process stopped renewing them (it died). */
  expireRemote(): void {
    const gone = this.remote.expire(this.host.now());
    if (gone.length > 0) this.host.broadcast(encodeAwarenessFrame(encodeAwarenessUpdate(gone)));
  }

  /** Stops relaying (the room closed). */
  stop(): void {
    this.batch.stop();
  }

  private relay(entries: AwarenessEntry[], from: Connection): void {
    if (entries.length === 0) return;
    // A local socket now owns these ids: what peers relayed of them is superseded.
    for (const e of entries) this.remote.delete(e.clientId);
    this.batch.add(from, entries);
  }

  /**
   * Local states but `exclude`'s, and those of other processes' clients, up
   * to the answer budget (each state is bounded; so is what one socket gets).
   */
  private presentStates(exclude: Connection): AwarenessEntry[] {
    const local = this.awareness.states(exclude);
    const all = this.host.distributed ? local.concat(this.remote.states()) : local;
    const budget = this.host.config.maxAwarenessAnswerBytes ?? Limits.maxAwarenessAnswerBytes;
    let bytes = 0;
    const out: AwarenessEntry[] = [];
    for (const e of all) {
      bytes += JSON.stringify(e.state).length + 16;
      if (bytes > budget) break;
      out.push(e);
    }
    return out;
  }
}
