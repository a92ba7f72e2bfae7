import * as Y from 'yjs';
import type { Logger } from 'pino';
import {
  CloseCode,
  Limits,
  WriteRefusal,
  writeRefusalReason,
  type GuardDenialCode,
} from '@kenes/shared';
import type { DocStore } from '../store/Store.js';
import type { Connection, FrameSink } from './Connection.js';
import type { UpdateGuard } from './interfaces.js';
import type { SyncConfig } from './SyncConfig.js';
import type { SyncOrigin } from './origin.js';
import { decodeAwarenessUpdate, type AwarenessEntry, type RoomAwareness } from './awareness.js';
import { MalformedFrameError, decodeFrame, encodeUpdate } from './protocol.js';
import { WarmState } from './WarmState.js';
import { encodeBinaryFrame } from './wsFrame.js';
import { RoomPipeline, type LogPosition, type WriteOutcome } from './RoomPipeline.js';
import { mergeUpdates } from './mergeUpdates.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { RoomPresence } from './RoomPresence.js';
import { TextQuota } from './quota/TextQuota.js';
import type { SyncMetrics } from './SyncMetrics.js';
import type { Fanout, FanoutSubscription, ReceivedMessage } from '../fanout/Fanout.js';

/** What a room needs besides its meeting id. */
export interface RoomDeps {
  docs: DocStore;
  guard: UpdateGuard;
  log: Logger;
  config: SyncConfig;
  /** Called once when the room failed (store error): the registry forgets it. */
  onFailed(room: Room): void;
  /** Other processes serving the meeting (a local no-op fan-out when alone). */
  fanout: Fanout;
  metrics: SyncMetrics;
  now: () => number;
}

/** Close reason sent with {@link CloseCode.tooManySockets}. */
export const TOO_MANY_SOCKETS_REASON = 'too many open connections for this member in this meeting';

const LOAD_ORIGIN: SyncOrigin = { source: 'load' };
const REDIS_ORIGIN: SyncOrigin = { source: 'redis' };

/**
 * One meeting's document in memory and the sockets editing it. Reads answer
 * at once; every write goes through the room's {@link RoomPipeline}.
 */
export class Room implements FrameSink {
  readonly connections = new Set<Connection>();
  /** Who is here and where their carets are (awareness). */
  private readonly presence: RoomPresence;
  private readonly pipeline: RoomPipeline;
  /** The encoded state newcomers get, kept between doc changes. */
  readonly warm: WarmState;
  /** Size quotas on what clients write (see `quota/TextQuota.ts`). */
  readonly quota: TextQuota | null;
  private subscription: FanoutSubscription | null = null;
  private state: 'open' | 'closing' | 'failed' | 'closed' = 'open';
  /**
   * Update messages committed or received from other processes, written to
   * each socket together (one write, several WebSocket frames): with other
   * processes, their batches and this one's arrive in the same I/O phase and
   * go out at its end; each write is a system call per socket.
   */
  private outbox: Array<{ message: Uint8Array; since: number }> = [];

  private constructor(
    readonly meetingId: string,
    readonly doc: Y.Doc,
    readonly owners: Map<number, string>,
    private readonly deps: RoomDeps,
    position: LogPosition,
  ) {
    this.presence = new RoomPresence({
      doc,
      owners,
      config: deps.config,
      distributed: deps.fanout.distributed,
      now: deps.now,
      connections: this.connections,
      // Awareness is for people: a hall display is sent none (it shows no presence).
      broadcast: (frame, except) => this.broadcast(frame, except, true),
      publish: (payload) => deps.fanout.publish(meetingId, { kind: 'awareness', payload }),
    });
    this.quota = deps.config.quotas ? new TextQuota(deps.config.quotas, deps.now) : null;
    const c = deps.config;
    this.pipeline = new RoomPipeline(
      {
        meetingId,
        doc,
        owners,
        docs: deps.docs,
        guard: deps.guard,
        log: deps.log,
        metrics: deps.metrics,
        quota: this.quota,
        compactAfterUpdates: c.compactAfterUpdates,
        compactAfterBytes: c.compactAfterBytes,
        distributed: deps.fanout.distributed,
        clientIdCaps: {
          perUser: c.maxClientIdsPerUser ?? Limits.maxClientIdsPerUser,
          perMeeting: c.maxClientIdsPerMeeting ?? Limits.maxClientIdsPerMeeting,
        },
        announcedBy: (clientId) => this.awareness.claimant(clientId),
      },
      position,
      (outcome) => this.settle(outcome),
    );
    this.warm = new WarmState(doc);
  }

  /**
   * Rebuilds a meeting's doc from the store. Throws when the store does:
   * the caller must then refuse the connection and must not cache anything,
   * so an empty doc is never mistaken for the stored one.
   */
  static async load(meetingId: string, deps: RoomDeps): Promise<Room> {
    const stored = await deps.docs.load(meetingId);
    const bindings = await deps.docs.loadBindings(meetingId);
    // Deleted text is not kept (issue 18: versions keep it; gc: false would double load times and
    // ship every deleted word to every member, see docs/architecture.md "Deleted text and Yjs gc").
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
      snapshotBytes: stored.snapshot?.byteLength ?? 0,
    });
  }

  /** Awareness client ids and who announced them (tests, the writer's guard context). */
  get awareness(): RoomAwareness<Connection> {
    return this.presence.awareness;
  }
  private get log(): Logger {
    return this.deps.log;
  }
  /** True while the room accepts sockets and writes. */
  get isOpen(): boolean {
    return this.state === 'open';
  }
  /** True when no write is queued or running (safe to unload). */
  get idle(): boolean {
    return this.pipeline.idle;
  }

  /**
   * Adds a socket: sends the server's state vector and the present awareness
   * states. False when the socket was refused (and closed) instead.
   */
  join(conn: Connection): boolean {
    if (!this.isOpen) {
      conn.close(CloseCode.tryAgainLater, 'room unavailable');
      return false;
    }
    const maxSockets = this.deps.config.maxSocketsPerMember ?? Limits.maxSocketsPerMember;
    if (this.socketsOf(conn.principal.userId) >= maxSockets) {
      // Each socket costs memory and presence for everyone; a person needs a few tabs at most.
      this.log.warn({ ...conn.logFields(), maxSockets }, 'too many sockets for one member');
      conn.close(CloseCode.tooManySockets, TOO_MANY_SOCKETS_REASON);
      return false;
    }
    this.connections.add(conn);
    conn.send(this.warm.syncStep1());
    if (conn.principal.kind === 'member') this.presence.welcome(conn);
    return true;
  }

  /** Removes a socket and tells the others its awareness states are gone. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.left(conn, this.socketsOf(conn.principal.userId) === 0);
  }

  /**
   * A member's role changed (their sockets already carry it): their present
   * awareness states are stamped again, so the presence list shows the new
   * role and a member demoted to observer publishes no caret from now on.
   */
  memberRoleChanged(userId: string): void {
    if (this.state !== 'open') return;
    const mine = [...this.connections].filter((c) => c.principal.userId === userId);
    if (mine.length === 0) return;
    this.presence.restamp(userId, mine);
  }

  /** How many sockets of `userId` are in the room. */
  private socketsOf(userId: string): number {
    let n = 0;
    for (const c of this.connections) if (c.principal.userId === userId) n++;
    return n;
  }

  /**
   * Hands over the room's fan-out subscription (closed with the room) and
   * asks the other processes for their clients' awareness states, so this
   * room's first sockets see everyone without waiting for renewals.
   */
  attachSubscription(subscription: FanoutSubscription): void {
    this.subscription = subscription;
    if (this.isOpen) this.deps.fanout.publish(this.meetingId, { kind: 'awarenessQuery' });
    else subscription.close();
  }

  /**
   * Applies what another process published. Updates were committed there:
   * apply and relay, with the `redis` origin, never appended or re-published.
   * A bad message is logged and dropped; the periodic catch-up makes up for it.
   */
  applyRemote(msg: ReceivedMessage): void {
    if (this.state !== 'open' && this.state !== 'closing') return;
    this.deps.metrics.remoteLag(this.deps.now() - msg.sentAt);
    try {
      switch (msg.kind) {
        case 'update': {
          if (msg.updates.length === 0) return;
          // A peer's committed batch, as it arrived: one transaction, one
          // frame for every local socket (not a broadcast per update).
          this.doc.transact(() => {
            for (const u of msg.updates) Y.applyUpdate(this.doc, u, REDIS_ORIGIN);
          }, REDIS_ORIGIN);
          this.pipeline.noteHeld(msg.seqs);
          this.sendUpdate(encodeUpdate(mergeUpdates(msg.updates)), performance.now());
          return;
        }
        case 'awareness':
          this.presence.applyRemote(msg.payload);
          return;
        case 'awarenessQuery':
          this.presence.answerRemoteQuery();
          return;
        case 'close':
          // Another process removed a member or revoked a display link.
          this.closeSocketsOf(msg.userId, msg.code, msg.reason);
          return;
      }
    } catch (err) {
      this.log.warn(
        { err, meetingId: this.meetingId, from: msg.from, kind: msg.kind },
        'fan-out message could not be applied',
      );
    }
  }

  /** Closes this process's sockets of `userId` (a member or a display link's `display:<id>`). */
  closeSocketsOf(userId: string, code: number, reason: string): void {
    for (const c of this.connections) if (c.principal.userId === userId) c.close(code, reason);
  }

  /** Removes remote awareness states whose process stopped renewing them (it died). */
  expireRemoteAwareness(): void {
    this.presence.expireRemote();
  }

  /** Applies what other processes committed and this room has not seen (see {@link RoomPipeline.catchUp}). */
  catchUp(): Promise<void> {
    if (!this.isOpen) return Promise.resolve();
    return this.pipeline.catchUp();
  }

  /** Acts on what came of a write: broadcast and publish, close a refused socket, or fail. */
  private settle(outcome: WriteOutcome): void {
    switch (outcome.kind) {
      case 'accepted': {
        // Encode once, send many: one frame for the whole batch, the same bytes
        // to every socket, senders included (Yjs ignores what a client already
        // holds; excluding them would cost one merge per sender).
        const merged = mergeUpdates(outcome.updates);
        this.sendUpdate(encodeUpdate(merged), outcome.committedAt);
        // Other processes get the merged update too: one apply each and no merge of their own.
        if (outcome.source !== 'store')
          this.deps.fanout.publish(this.meetingId, {
            kind: 'update',
            updates: [merged],
            seqs: outcome.seqs,
          });
        return;
      }
      case 'refused':
        this.refuse(outcome.conn, outcome.reason, outcome.refusal, outcome.code);
        return;
      case 'storeFailed':
        this.fail(outcome.error);
        return;
    }
  }

  /** Handles one frame from `conn`. Never throws: a bad frame closes that socket only. */
  receive(conn: Connection, data: Uint8Array): void {
    if (this.state !== 'open' || !conn.isOpen) return;
    this.deps.metrics.frameIn(data.byteLength);
    if (!conn.limiter.allow(data.byteLength)) {
      this.log.warn(
        { meetingId: this.meetingId, userId: conn.principal.userId, connection: conn.id },
        'rate limit exceeded',
      );
      conn.close(CloseCode.rateLimited, 'rate limit exceeded');
      return;
    }
    try {
      const frame = decodeFrame(data);
      switch (frame.type) {
        case 'syncStep1': {
          const sv = frame.stateVector;
          // Decoded now so a bad state vector is reported as malformed.
          const decoded = Y.decodeStateVector(sv);
          this.pipeline.whenCommitted(() => {
            if (this.state === 'open') conn.send(this.warm.syncStep2(sv, decoded));
          });
          return;
        }
        case 'syncStep2':
        case 'update':
          this.deps.metrics.updateIn();
          this.pipeline.pushClientUpdate(conn, frame.update);
          return;
        case 'awareness': {
          // A display is nobody in the room: what it says of itself is dropped unread.
          if (conn.principal.kind === 'display') return;
          const entries = decodeAwarenessUpdate(
            frame.payload,
            this.deps.config.maxAwarenessEntries,
            this.presence.maxStateBytes,
          );
          // A caret may name text that this socket's update, queued just before,
          // adds: shape it in turn, once every queued update is in the doc.
          // (Rejected only when the room closed meanwhile: nothing to relay then.)
          this.pipeline.read(() => this.applyAwareness(conn, entries)).catch(() => undefined);
          return;
        }
        case 'queryAwareness':
          if (conn.principal.kind === 'member') this.presence.answerQuery(conn);
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

  /**
   * A server transaction (commands), serialized with client updates. With
   * `catchUp`, the doc first applies everything committed by other processes.
   */
  transact<T>(fn: (doc: Y.Doc) => T, opts: { catchUp?: boolean } = {}): Promise<T> {
    if (!this.isOpen) return Promise.reject(new StoreUnavailableError());
    return this.pipeline.write(fn, opts);
  }

  /** Reads the committed doc, in turn with writes. */
  read<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    if (!this.isOpen) return Promise.reject(new StoreUnavailableError());
    return this.pipeline.read(fn);
  }

  /**
   * Sends the same bytes to every socket but `except` (one socket or a set of
   * them); with `peopleOnly`, to members' sockets only (awareness).
   */
  broadcast(
    frame: Uint8Array,
    except?: Connection | ReadonlySet<Connection>,
    peopleOnly = false,
  ): void {
    const skip =
      except === undefined
        ? () => false
        : except instanceof Set
          ? (c: Connection) => except.has(c)
          : (c: Connection) => c === except;
    // Framed once for the wire: every socket gets the same bytes.
    const n = this.write(encodeBinaryFrame(frame), skip, peopleOnly);
    this.deps.metrics.frameOut(frame.byteLength, n, false);
  }

  /**
   * Queues an update message for every socket, written at the end of this
   * turn (see {@link outbox}); `since`: when it was committed or arrived.
   */
  private sendUpdate(message: Uint8Array, since: number): void {
    if (this.outbox.push({ message, since }) !== 1) return;
    // Alone, a turn holds one batch: written as soon as the code that
    // committed it is done, not a loop iteration later. With other
    // processes, their batches arrive in the I/O phase around ours.
    if (this.deps.fanout.distributed) setImmediate(() => this.flushUpdates());
    else queueMicrotask(() => this.flushUpdates());
  }

  private flushUpdates(): void {
    const queued = this.outbox;
    this.outbox = [];
    if (this.state === 'failed' || this.state === 'closed') return;
    const start = performance.now();
    const metrics = this.deps.metrics;
    for (const q of queued) metrics.stage('flush', start - q.since);
    const wire =
      queued.length === 1
        ? encodeBinaryFrame(queued[0]!.message)
        : Buffer.concat(queued.map((q) => encodeBinaryFrame(q.message)));
    const n = this.write(wire, () => false, false);
    metrics.stage('write', performance.now() - start);
    for (const q of queued) metrics.frameOut(q.message.byteLength, n, true);
  }

  /** Writes `wire` to every socket but the skipped (and those not people, with `peopleOnly`); returns how many. */
  private write(wire: Buffer, skip: (c: Connection) => boolean, peopleOnly: boolean): number {
    let n = 0;
    for (const c of this.connections) {
      if (skip(c) || (peopleOnly && c.principal.kind !== 'member')) continue;
      c.sendFramed(wire);
      n++;
    }
    return n;
  }

  /**
   * The guard refused `conn`'s update: that socket closes with 4403, the
   * reason led by the refusal's kind (what an honest client should do about
   * it, see {@link WriteRefusal}); the event is logged.
   */
  private refuse(
    conn: Connection,
    reason: string,
    kind: WriteRefusal,
    code?: GuardDenialCode,
  ): void {
    this.deps.metrics.refused();
    this.log.warn(
      {
        meetingId: this.meetingId,
        userId: conn.principal.userId,
        role: conn.principal.role,
        connection: conn.id,
        reason,
        kind,
        code,
      },
      'update refused',
    );
    const closeCode =
      kind === WriteRefusal.quotaExceeded ? CloseCode.quotaExceeded : CloseCode.forbidden;
    conn.close(closeCode, writeRefusalReason(kind, reason));
  }

  /**
   * The store failed: stop accepting, close every socket with 1013 so
   * clients retry, drop the in-memory doc (storage stays the truth).
   */
  private fail(err: unknown): void {
    if (this.state === 'failed' || this.state === 'closed') return;
    this.state = 'failed';
    this.log.error({ err, meetingId: this.meetingId }, 'store failed, closing room');
    this.teardown(new StoreUnavailableError(err), CloseCode.tryAgainLater, 'store unavailable');
    this.deps.onFailed(this);
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
    this.teardown(new StoreUnavailableError(), code, reason);
  }

  /** What failing and closing share: stop writes, close every socket, free the doc. */
  private teardown(err: StoreUnavailableError, code: number, reason: string): void {
    this.pipeline.stop(err);
    for (const c of this.connections) c.close(code, reason);
    this.connections.clear();
    this.subscription?.close();
    this.presence.stop();
    this.warm.destroy();
    this.doc.destroy();
  }

  /** Hands `conn`'s awareness entries to presence, unless the room or the socket is gone. */
  private applyAwareness(conn: Connection, entries: AwarenessEntry[]): void {
    if (this.state !== 'open' || !this.connections.has(conn)) return;
    this.presence.apply(conn, entries);
  }
}
