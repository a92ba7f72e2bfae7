import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode } from '@kenes/shared';
import type { DocStore } from '../store/Store.js';
import type { Connection } from './Connection.js';
import type { UpdateGuard } from './seams.js';
import type { SyncConfig } from './SyncConfig.js';
import type { SyncOrigin } from './origin.js';
import { RoomAwareness, decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from './awareness.js';
import { MalformedFrameError, decodeFrame, encodeAwarenessFrame, encodeSyncStep1, encodeSyncStep2 } from './protocol.js';
import { RoomPipeline, StoreUnavailableError, type PipelineHost } from './RoomPipeline.js';

/** What a room needs besides its meeting id. */
export interface RoomDeps {
  docs: DocStore;
  guard: UpdateGuard;
  log: Logger;
  config: SyncConfig;
  /** Called once when the room failed (store error): the registry forgets it. */
  onFailed(room: Room): void;
}

const LOAD_ORIGIN: SyncOrigin = { source: 'load' };

/**
 * One meeting's document in memory and the sockets editing it. Reads answer
 * at once; every write goes through the room's {@link RoomPipeline}.
 */
export class Room implements PipelineHost {
  readonly connections = new Set<Connection>();
  readonly awareness: RoomAwareness<Connection>;
  private readonly pipeline: RoomPipeline;
  private state: 'open' | 'closing' | 'failed' | 'closed' = 'open';

  private constructor(
    readonly meetingId: string,
    readonly doc: Y.Doc,
    readonly owners: Map<number, string>,
    private readonly deps: RoomDeps,
    position: { lastSeq: number; updatesSinceSnapshot: number; logBytes: number },
  ) {
    this.awareness = new RoomAwareness<Connection>(deps.config.maxAwarenessIdsPerSocket);
    this.pipeline = new RoomPipeline(this, position);
  }

  /**
   * Rebuilds a meeting's doc from the store. Throws when the store does:
   * the caller must then refuse the connection and must not cache anything,
   * so an empty doc is never mistaken for the stored one.
   */
  static async load(meetingId: string, deps: RoomDeps): Promise<Room> {
    const stored = await deps.docs.load(meetingId);
    const bindings = await deps.docs.loadBindings(meetingId);
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
      for (const u of stored.updates) Y.applyUpdate(doc, u, LOAD_ORIGIN);
    }, LOAD_ORIGIN);
    const owners = new Map(bindings.map((b) => [b.clientId, b.userId] as const));
    return new Room(meetingId, doc, owners, deps, {
      lastSeq: stored.lastSeq,
      updatesSinceSnapshot: stored.updates.length,
      logBytes: stored.logBytes,
    });
  }

  get docs(): DocStore {
    return this.deps.docs;
  }
  get guard(): UpdateGuard {
    return this.deps.guard;
  }
  get log(): Logger {
    return this.deps.log;
  }
  get compactAfterUpdates(): number {
    return this.deps.config.compactAfterUpdates;
  }
  get compactAfterBytes(): number {
    return this.deps.config.compactAfterBytes;
  }
  /** True while the room accepts sockets and writes. */
  get isOpen(): boolean {
    return this.state === 'open';
  }
  /** True when no write is queued or running (safe to unload). */
  get idle(): boolean {
    return this.pipeline.idle;
  }

  /** Adds a socket: sends the server's state vector and the present awareness states. */
  join(conn: Connection): void {
    if (!this.isOpen) {
      conn.close(CloseCode.tryAgainLater, 'room unavailable');
      return;
    }
    this.connections.add(conn);
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.states(conn);
    if (states.length > 0) conn.send(encodeAwarenessFrame(encodeAwarenessUpdate(states)));
  }

  /** Removes a socket and tells the others its awareness states are gone. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.relayAwareness(this.awareness.release(conn), conn);
  }

  /** Handles one frame from `conn`. Never throws: a bad frame closes that socket only. */
  receive(conn: Connection, data: Uint8Array): void {
    if (this.state !== 'open' || !conn.isOpen) return;
    if (!conn.limiter.allow(data.byteLength)) {
      this.log.warn({ meetingId: this.meetingId, userId: conn.principal.userId, connection: conn.id }, 'rate limit exceeded');
      conn.close(CloseCode.rateLimited, 'rate limit exceeded');
      return;
    }
    try {
      const frame = decodeFrame(data);
      switch (frame.type) {
        case 'syncStep1': {
          const sv = frame.stateVector;
          // Validate now so a bad state vector is reported as malformed.
          Y.decodeStateVector(sv);
          this.pipeline.whenCommitted(() => {
            if (this.state === 'open') conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sv)));
          });
          return;
        }
        case 'syncStep2':
        case 'update':
          this.pipeline.pushClientUpdate(conn, frame.update);
          return;
        case 'awareness': {
          const entries = decodeAwarenessUpdate(frame.payload, this.deps.config.maxAwarenessEntries);
          this.relayAwareness(this.awareness.apply(conn, conn.principal, entries), conn);
          return;
        }
        case 'queryAwareness':
          conn.send(encodeAwarenessFrame(encodeAwarenessUpdate(this.awareness.states(conn))));
          return;
        case 'ignored':
          return;
      }
    } catch (err) {
      const reason = err instanceof MalformedFrameError ? err.message : 'malformed frame';
      this.log.warn(
        { meetingId: this.meetingId, userId: conn.principal.userId, connection: conn.id, reason },
        'malformed frame, closing socket',
      );
      conn.close(CloseCode.invalidPayload, reason);
    }
  }

  /** A server transaction (commands), serialized with client updates. */
  transact<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    if (!this.isOpen) return Promise.reject(new StoreUnavailableError());
    return this.pipeline.write(fn);
  }

  /** Reads the committed doc, in turn with writes. */
  read<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    if (!this.isOpen) return Promise.reject(new StoreUnavailableError());
    return this.pipeline.read(fn);
  }

  /** Sends to every socket but `except`. */
  broadcast(frame: Uint8Array, except?: Connection): void {
    for (const c of this.connections) if (c !== except) c.send(frame);
  }

  /** The guard refused `conn`'s update: that socket closes with 4403; the event is logged. */
  refuse(conn: Connection, reason: string): void {
    conn.refused = true;
    this.log.warn(
      { meetingId: this.meetingId, userId: conn.principal.userId, role: conn.principal.role, connection: conn.id, reason },
      'update refused',
    );
    conn.close(CloseCode.forbidden, reason);
  }

  /**
   * The store failed: stop accepting, close every socket with 1013 so
   * clients retry, drop the in-memory doc (storage stays the truth).
   */
  fail(err: unknown): void {
    if (this.state === 'failed' || this.state === 'closed') return;
    this.state = 'failed';
    this.log.error({ err, meetingId: this.meetingId }, 'store failed, closing room');
    this.pipeline.stop(new StoreUnavailableError(err));
    for (const c of this.connections) c.close(CloseCode.tryAgainLater, 'store unavailable');
    this.connections.clear();
    this.deps.onFailed(this);
    this.doc.destroy();
  }

  /** Stops taking writes (shutdown): frames are ignored, queued work still commits. */
  stopAccepting(): void {
    if (this.state === 'open') this.state = 'closing';
  }

  /** Resolves once every queued write has been processed. */
  drain(): Promise<void> {
    return this.pipeline.drain();
  }

  /** Closes every socket and frees the doc (unload, shutdown). */
  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'closed';
    this.pipeline.stop(new StoreUnavailableError());
    for (const c of this.connections) c.close(code, reason);
    this.connections.clear();
    this.doc.destroy();
  }

  private relayAwareness(entries: AwarenessEntry[], from: Connection): void {
    if (entries.length === 0) return;
    this.broadcast(encodeAwarenessFrame(encodeAwarenessUpdate(entries)), from);
  }
}
