import * as Y from 'yjs';
import type { Logger } from 'pino';
import { WriteRefusal, readMeeting, type GuardDenialCode, type MeetingStatus } from '@kenes/shared';
import { StaleCompactionError, type Appended, type DocStore } from '../store/Store.js';
import { admittedEntries } from '../store/admitBindings.js';
import type { Connection } from './Connection.js';
import type { GuardContext, UpdateGuard } from './interfaces.js';
import { SERVER_ORIGIN, type SyncOrigin } from './origin.js';
import type { SyncMetrics } from './SyncMetrics.js';
import type { TextQuota } from './quota/TextQuota.js';
import { ClientIdCounts } from './ClientIdCounts.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { attributeBatch } from '../attribution/attributeBatch.js';
import { mergeUpdates } from './mergeUpdates.js';

/**
 * What the writer works on and with: the room's doc and client-id bindings,
 * the store it commits to, the guard and quotas it checks with. Data only:
 * what came of each job goes back as a {@link WriteOutcome}.
 */
export interface WriterDeps {
  readonly meetingId: string;
  readonly doc: Y.Doc;
  readonly docs: DocStore;
  readonly guard: UpdateGuard;
  readonly log: Logger;
  /** Client id → user id, loaded with the room and kept current here. */
  readonly owners: Map<number, string>;
  readonly compactAfterUpdates: number;
  readonly compactAfterBytes: number;
  /**
   * The member whose open socket announced `clientId` in awareness, if any
   * (local sockets only: another process's announcements are not known).
   */
  announcedBy?(clientId: number): string | undefined;
  /** Caps on client ids bound per member and per meeting (absent: none). */
  readonly clientIdCaps?: { perUser: number; perMeeting: number };
  /** True when other processes write to the same meetings (fan-out): see {@link RoomPipeline}. */
  readonly distributed: boolean;
  readonly metrics: SyncMetrics;
  /** Size quotas on client edits, checked after the guard; null: none. */
  readonly quota?: TextQuota | null;
}

/**
 * What came of a job, for the room to act on (the writer never reaches
 * sockets or other processes itself):
 * - `accepted`: updates now committed and in the doc — the room broadcasts
 *   them, and tells other processes unless they came from the store
 *   (`source: 'store'`, a catch-up: others committed them);
 * - `refused`: the guard or a quota refused `conn`'s update — that socket closes;
 * - `storeFailed`: the store failed — the room must stop and drop its memory.
 */
export type WriteOutcome =
  | {
      kind: 'accepted';
      updates: Uint8Array[];
      /** Their seqs in the log (empty for `store`: others committed, and published, them). */
      seqs: readonly number[];
      /** performance.now() when they were committed (the `flush` stage starts there). */
      committedAt: number;
      source: 'client' | 'server' | 'store';
    }
  | {
      kind: 'refused';
      conn: Connection;
      refusal: WriteRefusal;
      reason: string;
      /** The guard's denial code (absent for a quota or a foreign binding). */
      code?: GuardDenialCode;
    }
  | { kind: 'storeFailed'; error: unknown };

/** Where the log stands since the last snapshot. */
export interface LogPosition {
  lastSeq: number;
  updatesSinceSnapshot: number;
  logBytes: number;
  /** Size of the stored snapshot (0 without one): a compaction re-encodes that much. */
  snapshotBytes: number;
}

type Job =
  /** `at`: performance.now() at arrival (the `wait` stage). */
  | { kind: 'client'; conn: Connection; update: Uint8Array; at: number }
  | {
      kind: 'write';
      fn: (doc: Y.Doc) => unknown;
      catchUp: boolean;
      resolve(v: unknown): void;
      reject(e: unknown): void;
    }
  | { kind: 'catchUp'; resolve(v: unknown): void; reject(e: unknown): void }
  | {
      kind: 'read';
      fn: (doc: Y.Doc) => unknown;
      resolve(v: unknown): void;
      reject(e: unknown): void;
    };

const STORE_ORIGIN: SyncOrigin = { source: 'store' };

/**
 * However large the snapshot, the log is compacted past this many times
 * `compactAfterUpdates` updates (10,000 by default): a room's load replays
 * the log one update at a time.
 */
const MAX_LOG_FACTOR = 20;

/**
 * The serialized write path of one room: guard → commit → apply →
 * broadcast, for client updates and server transactions alike. Client
 * updates queued within one tick are committed in one append. Nothing is
 * applied to the live doc or broadcast before its commit resolved — except a
 * server transaction, which Yjs can only run on the live doc; its update is
 * held back from everyone until committed, and a failed commit drops the room.
 *
 * With fan-out (`host.distributed`), other processes append to the same log,
 * so this process's own seqs say nothing about what its doc holds. The doc
 * is then known complete only through `caughtUpSeq`, advanced by reading the
 * store ({@link catchUp}): before a command (which must see everything
 * committed) and before a compaction (whose snapshot must hold every update
 * it deletes from the log).
 */
export class RoomPipeline {
  private queue: Job[] = [];
  private running = false;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];
  /** True while a server change sits in the doc uncommitted (answers to step 1 must wait). */
  uncommitted = false;
  private afterCommit: Array<() => void> = [];
  /** Every update with a seq up to this one is in the doc. */
  private caughtUpSeq: number;
  /** Client ids bound per member, for the caps. */
  private readonly counts: ClientIdCounts;
  /**
   * With other writers: the seqs after `caughtUpSeq` the doc already holds
   * (its own commits, and what fan-out delivered), so a catch-up reads only
   * what it lacks rather than the whole log since the last one.
   */
  private readonly held = new Set<number>();

  constructor(
    private readonly host: WriterDeps,
    private readonly position: LogPosition,
    private readonly report: (outcome: WriteOutcome) => void,
  ) {
    this.caughtUpSeq = position.lastSeq;
    this.counts = new ClientIdCounts(host.owners);
  }

  /** True when nothing is queued or running. */
  get idle(): boolean {
    return !this.running && this.queue.length === 0;
  }

  /** Queues a client update (checked by the guard when its turn comes). */
  pushClientUpdate(conn: Connection, update: Uint8Array): void {
    if (this.stopped) return;
    this.queue.push({ kind: 'client', conn, update, at: performance.now() });
    this.kick();
  }

  /** Runs `fn` in a server transaction, committed before it is broadcast. */
  write<T>(fn: (doc: Y.Doc) => T, opts: { catchUp?: boolean } = {}): Promise<T> {
    if (this.stopped) return Promise.reject(new StoreUnavailableError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        kind: 'write',
        fn,
        catchUp: opts.catchUp ?? false,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.kick();
    });
  }

  /**
   * Applies what other processes committed since the doc was last caught up
   * (missed or not yet arrived fan-out messages) and sends it to the sockets.
   * Queued like a write. A store failure fails the room.
   */
  catchUp(): Promise<void> {
    if (this.stopped) return Promise.reject(new StoreUnavailableError());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'catchUp', resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  /** Other processes' committed updates with these seqs are in the doc (fan-out applied them). */
  noteHeld(seqs: readonly number[]): void {
    if (!this.host.distributed) return;
    for (const s of seqs) if (s > this.caughtUpSeq) this.held.add(s);
  }

  /** Runs `fn` on the committed doc, in turn with writes. */
  read<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    return this.enqueue('read', fn);
  }

  /** Runs `then` now, or once the pending server change is committed. */
  whenCommitted(then: () => void): void {
    if (this.uncommitted) this.afterCommit.push(then);
    else then();
  }

  /** Resolves when everything queued so far has been processed. */
  drain(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the pipeline: queued writes and reads are rejected, updates dropped. */
  stop(err: unknown): void {
    this.stopped = true;
    const jobs = this.queue;
    this.queue = [];
    for (const j of jobs) if (j.kind !== 'client') j.reject(err);
    this.afterCommit = [];
    if (!this.running) this.settleIdle();
  }

  private enqueue<T>(kind: 'read', fn: (doc: Y.Doc) => T): Promise<T> {
    if (this.stopped) return Promise.reject(new StoreUnavailableError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind, fn, resolve: resolve as (v: unknown) => void, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    // setImmediate, not a microtask: frames that arrived in the same I/O
    // phase are queued by then and share one append.
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const head = this.queue[0]!;
        if (head.kind === 'client') {
          let n = 0;
          while (n < this.queue.length && this.queue[n]!.kind === 'client') n++;
          const batch = this.queue.splice(0, n) as Array<Extract<Job, { kind: 'client' }>>;
          await this.commitClientBatch(batch);
        } else {
          this.queue.shift();
          if (head.kind === 'write') await this.commitServerWrite(head);
          else if (head.kind === 'catchUp') await this.runCatchUp(head);
          else this.runRead(head);
        }
        if (!this.stopped) await this.maybeCompact();
      }
    } catch (err) {
      // Only a bug gets here (each step handles its own errors); keep state safe.
      this.report({ kind: 'storeFailed', error: err });
    } finally {
      this.running = false;
      this.settleIdle();
    }
  }

  private settleIdle(): void {
    if (this.queue.length > 0 && !this.stopped) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * `claimed` holds the client ids accepted earlier in the same batch: two
   * sockets claiming one fresh client id in one batch must not both pass.
   * An id another member's socket announced in awareness counts as theirs:
   * awareness reveals a newcomer's id before it writes, and whoever wrote
   * under it first would bind it. The sender's own announced ids stay
   * unbound here, so they still count against its caps.
   */
  private guardContext(
    conn: Connection,
    claimed: ReadonlyMap<number, string>,
    meetingStatus: MeetingStatus,
  ): GuardContext {
    const owners = this.host.owners;
    const caps = this.host.clientIdCaps;
    return {
      principal: conn.principal,
      meetingStatus,
      clientOwner: (clientId) =>
        owners.get(clientId) ?? claimed.get(clientId) ?? this.announcedByOther(clientId, conn),
      ...(caps
        ? { clientIdRoom: () => this.clientIdRoom(conn.principal.userId, claimed, caps) }
        : {}),
    };
  }

  /** Who announced `clientId` in awareness, unless it was `conn`'s member. */
  private announcedByOther(clientId: number, conn: Connection): string | undefined {
    const by = this.host.announcedBy?.(clientId);
    return by === conn.principal.userId ? undefined : by;
  }

  /** What is left of the caps for `userId`, counting ids claimed earlier in the batch. */
  private clientIdRoom(
    userId: string,
    claimed: ReadonlyMap<number, string>,
    caps: { perUser: number; perMeeting: number },
  ): { user: number; meeting: number } {
    const bound = this.counts.of(userId);
    let user = bound.user;
    let total = bound.total;
    for (const [id, owner] of claimed) {
      if (this.host.owners.has(id)) continue;
      total++;
      if (owner === userId) user++;
    }
    return { user: caps.perUser - user, meeting: caps.perMeeting - total };
  }

  /**
   * One connection's updates are merged and checked together: a later update
   * may build on an earlier one still queued. Updates of different sockets
   * cannot depend on each other, since nothing uncommitted was broadcast.
   */
  private async commitClientBatch(
    batch: ReadonlyArray<{ conn: Connection; update: Uint8Array; at: number }>,
  ): Promise<void> {
    const checkStart = performance.now();
    this.host.metrics.stage('wait', checkStart - Math.min(...batch.map((j) => j.at)));
    const byConn = new Map<Connection, Uint8Array[]>();
    for (const j of batch) {
      if (j.conn.refused) continue;
      const list = byConn.get(j.conn) ?? [];
      list.push(j.update);
      byConn.set(j.conn, list);
    }
    const accepted: Array<{ conn: Connection; update: Uint8Array; clientIds: number[] }> = [];
    const claimed = new Map<number, string>();
    // Nothing is applied while the batch is checked: one read of the status serves it all.
    const meetingStatus = byConn.size > 0 ? readMeeting(this.host.doc).status : 'scheduled';
    for (const [conn, updates] of byConn) {
      let update: Uint8Array;
      let verdict;
      try {
        update = mergeUpdates(updates);
        verdict = this.host.guard.check(
          this.host.doc,
          update,
          this.guardContext(conn, claimed, meetingStatus),
        );
      } catch (err) {
        // Deny by default: a guard that throws (or an update that cannot be merged) refuses.
        this.host.log.warn(
          { err, meetingId: this.host.meetingId, userId: conn.principal.userId },
          'update check failed',
        );
        this.refuse(conn, WriteRefusal.refused, 'update could not be checked');
        continue;
      }
      if (!verdict.ok) {
        this.refuse(conn, verdict.kind, verdict.reason, verdict.code);
        continue;
      }
      if (verdict.empty) continue;
      const quota = this.host.quota?.check(this.host.doc, update, conn.principal.userId);
      if (quota && !quota.ok) {
        // The guard may have applied it to a copy it keeps (suggestion checks).
        this.host.guard.forget?.(this.host.doc);
        this.refuse(conn, WriteRefusal.quotaExceeded, quota.reason);
        continue;
      }
      if (quota) this.host.quota!.admitted(update, conn.principal.userId, quota.growth);
      for (const id of verdict.clientIds)
        if (!claimed.has(id)) claimed.set(id, conn.principal.userId);
      accepted.push({ conn, update, clientIds: verdict.clientIds });
    }
    this.host.metrics.stage('check', performance.now() - checkStart);
    if (accepted.length === 0) return;

    const { meetingId, docs, owners } = this.host;
    // Ids the sender does not hold yet (unknown here, or known as another's): bound with the update.
    const binds = accepted.map((a) =>
      a.clientIds.filter((id) => owners.get(id) !== a.conn.principal.userId),
    );
    let appended: Appended;
    try {
      if (this.host.distributed && binds.some((b) => b.length > 0)) await this.learnBindings();
      // Text these updates re-insert (split, join, move) keeps its author: committed with them.
      const moved = await attributeBatch(
        this.host,
        accepted.map((a) => ({ update: a.update, userId: a.conn.principal.userId })),
      );
      const started = performance.now();
      appended = await docs.append(
        meetingId,
        accepted.map((a, i) => ({
          update: a.update,
          attributions: moved[i]!,
          binds: { userId: a.conn.principal.userId, clientIds: binds[i]! },
        })),
      );
      this.host.metrics.commit(performance.now() - started);
    } catch (err) {
      this.host.guard.forget?.(this.host.doc);
      this.report({ kind: 'storeFailed', error: err });
      return;
    }
    // Another process may have bound a client id first (bindings keep their
    // first owner): the store wrote nothing of such an update, refused here
    // as the guard would have with the binding in memory.
    for (const { entry, taken } of appended.refused) {
      for (const b of taken) if (!owners.has(b.clientId)) owners.set(b.clientId, b.userId);
      this.refuse(
        accepted[entry]!.conn,
        WriteRefusal.clientIdTaken,
        'client id belongs to another user',
      );
    }
    const committed = admittedEntries(accepted, appended.refused);
    // The guard's shadow copy took every accepted update: rebuilt when some were not committed.
    if (committed.length !== accepted.length) this.host.guard.forget?.(this.host.doc);
    if (committed.length === 0) return;
    for (const a of committed) {
      for (const id of a.clientIds) if (!owners.has(id)) owners.set(id, a.conn.principal.userId);
      const origin: SyncOrigin = {
        source: 'client',
        connectionId: a.conn.id,
        userId: a.conn.principal.userId,
      };
      Y.applyUpdate(this.host.doc, a.update, origin);
      this.position.updatesSinceSnapshot += 1;
      this.position.logBytes += a.update.byteLength;
    }
    // Encode once, send many: one frame for the whole batch, the same bytes
    // to every socket, senders included (Yjs ignores what a client already
    // holds; excluding them would cost one merge per sender).
    this.report({
      kind: 'accepted',
      updates: committed.map((a) => a.update),
      seqs: appended.seqs,
      committedAt: performance.now(),
      source: 'client',
    });
    this.advance(appended);
  }

  /**
   * With other processes writing, this room's bindings lag the store's:
   * learns them before a batch binds new ids, so the caps and awareness
   * count what other processes bound.
   */
  private async learnBindings(): Promise<void> {
    const { owners } = this.host;
    for (const b of await this.host.docs.loadBindings(this.host.meetingId))
      if (!owners.has(b.clientId)) owners.set(b.clientId, b.userId);
  }

  /** Marks `conn` refused (its queued updates are dropped) and reports it. */
  private refuse(
    conn: Connection,
    refusal: WriteRefusal,
    reason: string,
    code?: GuardDenialCode,
  ): void {
    conn.refused = true;
    this.report({ kind: 'refused', conn, refusal, reason, code });
  }

  /** Our own append reached `lastSeq`; alone on the log, everything before it is ours too. */
  private advance({ lastSeq, seqs }: Appended): void {
    this.position.lastSeq = lastSeq;
    if (!this.host.distributed) this.caughtUpSeq = lastSeq;
    else this.noteHeld(seqs);
  }

  private async runCatchUp(job: Extract<Job, { kind: 'catchUp' }>): Promise<void> {
    try {
      await this.catchUpNow();
      job.resolve(undefined);
    } catch (err) {
      this.report({ kind: 'storeFailed', error: err });
      job.reject(new StoreUnavailableError(err));
    }
  }

  /** Reads the log after `caughtUpSeq` and applies it (see {@link catchUp}). Throws on store failure. */
  private async catchUpNow(): Promise<void> {
    if (!this.host.distributed) return;
    const since = await this.host.docs.loadSince(this.host.meetingId, this.caughtUpSeq, this.held);
    this.host.metrics.caughtUp(since.updates.length);
    const doc = this.host.doc;
    const fresh: Uint8Array[] = [];
    const capture = (update: Uint8Array, origin: unknown): void => {
      if (origin === STORE_ORIGIN) fresh.push(update);
    };
    doc.on('update', capture);
    try {
      doc.transact(() => {
        if (since.snapshot) Y.applyUpdate(doc, since.snapshot, STORE_ORIGIN);
        for (const u of since.updates) Y.applyUpdate(doc, u, STORE_ORIGIN);
      }, STORE_ORIGIN);
    } finally {
      doc.off('update', capture);
    }
    // Only what the doc lacked (Yjs reports the new part): usually nothing, fan-out was faster.
    const at = performance.now();
    for (const u of fresh)
      this.report({ kind: 'accepted', updates: [u], seqs: [], committedAt: at, source: 'store' });
    this.caughtUpSeq = Math.max(this.caughtUpSeq, since.lastSeq);
    for (const s of this.held) if (s <= this.caughtUpSeq) this.held.delete(s);
    this.position.lastSeq = Math.max(this.position.lastSeq, this.caughtUpSeq);
  }

  private async commitServerWrite(job: Extract<Job, { kind: 'write' }>): Promise<void> {
    const doc = this.host.doc;
    if (job.catchUp) {
      try {
        await this.catchUpNow();
      } catch (err) {
        this.report({ kind: 'storeFailed', error: err });
        job.reject(new StoreUnavailableError(err));
        return;
      }
    }
    const captured: Uint8Array[] = [];
    const capture = (update: Uint8Array, origin: unknown): void => {
      if (origin === SERVER_ORIGIN) captured.push(update);
    };
    doc.on('update', capture);
    let result: unknown;
    try {
      result = doc.transact(() => job.fn(doc), SERVER_ORIGIN);
    } catch (err) {
      doc.off('update', capture);
      if (captured.length > 0) {
        // Yjs cannot roll back: the doc holds a half change nobody may see.
        // Drop the room so it reloads from storage, the truth.
        this.host.log.error(
          { err, meetingId: this.host.meetingId },
          'server transaction threw after changing the doc',
        );
        this.report({ kind: 'storeFailed', error: err });
      }
      job.reject(err);
      return;
    }
    doc.off('update', capture);
    if (captured.length === 0) {
      job.resolve(result);
      return;
    }
    const update = mergeUpdates(captured);
    this.uncommitted = true;
    let appended: Appended;
    try {
      const started = performance.now();
      appended = await this.host.docs.append(this.host.meetingId, [{ update }]);
      this.advance(appended);
      this.host.metrics.commit(performance.now() - started);
    } catch (err) {
      this.uncommitted = false;
      this.afterCommit = [];
      this.report({ kind: 'storeFailed', error: err });
      job.reject(new StoreUnavailableError(err));
      return;
    }
    this.position.updatesSinceSnapshot += 1;
    this.position.logBytes += update.byteLength;
    this.report({
      kind: 'accepted',
      updates: [update],
      seqs: appended.seqs,
      committedAt: performance.now(),
      source: 'server',
    });
    this.uncommitted = false;
    const waiting = this.afterCommit;
    this.afterCommit = [];
    for (const w of waiting) w();
    job.resolve(result);
  }

  private runRead(job: Extract<Job, { kind: 'read' }>): void {
    try {
      job.resolve(job.fn(this.host.doc));
    } catch (err) {
      job.reject(err);
    }
  }

  /**
   * Folds the log into a snapshot once it grew past a threshold: the
   * update count, but only once the log also holds a quarter of the
   * snapshot's bytes — a compaction re-encodes the whole document (a large
   * meeting's in tens of milliseconds, the room waiting meanwhile), so its
   * cost stays proportional to what was written since — or past
   * {@link MAX_LOG_FACTOR} times the update count, or the byte cap.
   */
  private async maybeCompact(): Promise<void> {
    const p = this.position;
    const updates = this.host.compactAfterUpdates;
    const due =
      (p.updatesSinceSnapshot >= updates && p.logBytes * 4 >= p.snapshotBytes) ||
      // A load replays the log: never more than this many updates, however large the snapshot.
      p.updatesSinceSnapshot >= updates * MAX_LOG_FACTOR ||
      p.logBytes >= this.host.compactAfterBytes;
    if (!due) return;
    try {
      // The snapshot deletes the log through `caughtUpSeq`: with other
      // writers, the doc must first hold everything up to there.
      await this.catchUpNow();
      const snapshot = Y.encodeStateAsUpdate(this.host.doc);
      await this.host.docs.compact(this.host.meetingId, snapshot, this.caughtUpSeq);
      p.snapshotBytes = snapshot.byteLength;
      this.host.log.debug(
        {
          meetingId: this.host.meetingId,
          throughSeq: this.caughtUpSeq,
          bytes: snapshot.byteLength,
        },
        'compacted',
      );
    } catch (err) {
      // Compaction is atomic: a failure leaves the log intact, nothing is lost. Retry later.
      // Another process compacting first is no failure (both count their own updates).
      if (err instanceof StaleCompactionError)
        this.host.log.debug({ meetingId: this.host.meetingId }, 'another process compacted first');
      else this.host.log.warn({ err, meetingId: this.host.meetingId }, 'compaction failed');
    }
    p.updatesSinceSnapshot = 0;
    p.logBytes = 0;
  }
}
