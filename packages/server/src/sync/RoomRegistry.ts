import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { CloseCode, type Role } from '@kenes/shared';
import type { DocStore, MeetingLocks } from '../store/Store.js';
import type { Fanout } from '../fanout/Fanout.js';
import { createLocalFanout } from '../fanout/local.js';
import { noMetrics, type SyncMetrics } from './SyncMetrics.js';
import { Connection } from './Connection.js';
import { Room } from './Room.js';
import { RoomFanout } from './RoomFanout.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { SocketRateLimiter } from './rateLimit.js';
import type { ConnectionControl, Principal, RoomAccess, UpdateGuard } from './interfaces.js';
import type { SyncConfig } from './SyncConfig.js';
import { realTimers, type Timers } from './timers.js';

/** How long shutdown waits for clients to acknowledge the 1012 close. */
const SHUTDOWN_CLOSE_WAIT_MS = 1000;

/** What the registry is built from. */
export interface RoomRegistryDeps {
  docs: DocStore;
  guard: UpdateGuard;
  logger: Logger;
  config: SyncConfig;
  now?: () => number;
  timers?: Timers;
  /** Other processes serving the same meetings. Default: none (a local no-op). */
  fanout?: Fanout;
  /**
   * Cross-process command serialization; used only with a distributed
   * fan-out (alone, the room's pipeline already serializes).
   */
  locks?: MeetingLocks;
  metrics?: SyncMetrics;
  /**
   * With a distributed fan-out: how often each room catches up from the
   * store (messages lost in an outage, or a peer that died between commit
   * and publish) and expires stale remote awareness. Default 5 s.
   */
  fanoutTickMs?: number;
}

/** A meeting's entry: its room (once loaded), holders and sockets. */
interface Slot {
  meetingId: string;
  loading: Promise<Room>;
  room: Room | null;
  /** Sockets and running transactions holding the room loaded. */
  refs: number;
  unloadTimer: unknown;
}

/**
 * The rooms of this process: one in-memory doc per meeting, loaded on first
 * use (concurrent first uses share one load), unloaded after the last holder
 * left plus a grace period; shutdown commits what is queued and closes the
 * sockets. A failed load is not cached and writes nothing. What other
 * processes need of the rooms (subscribe before load, peers' messages,
 * catch-up, the command lock) is {@link RoomFanout}'s. Implements
 * {@link RoomAccess} for commands and {@link ConnectionControl} for auth and
 * membership routes.
 */
export class RoomRegistry implements RoomAccess, ConnectionControl {
  private readonly slots = new Map<string, Slot>();
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly now: () => number;
  private shuttingDown = false;
  private readonly fanout: Fanout;
  private readonly upkeep: RoomFanout;
  private readonly metrics: SyncMetrics;

  constructor(private readonly deps: RoomRegistryDeps) {
    this.log = deps.logger;
    this.timers = deps.timers ?? realTimers;
    this.now = deps.now ?? Date.now;
    this.fanout = deps.fanout ?? createLocalFanout();
    this.metrics = deps.metrics ?? noMetrics;
    this.upkeep = new RoomFanout({
      fanout: this.fanout,
      rooms: () => this.loadedRooms(),
      timers: this.timers,
      ...(deps.locks ? { locks: deps.locks } : {}),
      tickMs: deps.fanoutTickMs ?? 5000,
    });
  }

  /** Open rooms and sockets, for metrics. */
  stats(): { rooms: number; sockets: number } {
    let rooms = 0;
    let sockets = 0;
    for (const s of this.slots.values()) {
      if (s.room?.isOpen) rooms += 1;
      sockets += s.room?.connections.size ?? 0;
    }
    return { rooms, sockets };
  }

  /** Meeting ids whose room is loaded now. */
  loadedMeetings(): string[] {
    return [...this.slots.values()].filter((s) => s.room?.isOpen).map((s) => s.meetingId);
  }

  /** The loaded room of a meeting, if any (tests, metrics). */
  roomOf(meetingId: string): Room | undefined {
    return this.slots.get(meetingId)?.room ?? undefined;
  }

  /**
   * Takes over an upgraded socket (`ws`, and `socket`, the TCP socket under
   * it): frames are buffered while the room loads,
   * then replayed in order. A failed load closes the socket with 1013.
   */
  attach(ws: WebSocket, socket: Duplex, meetingId: string, principal: Principal): void {
    const { config } = this.deps;
    const conn = new Connection(
      ws,
      socket,
      meetingId,
      principal,
      new SocketRateLimiter(config.rateLimits, this.now),
      this.log,
      config.maxBufferedBytes,
      config.maxPendingFrames,
    );
    if (this.shuttingDown) {
      conn.close(CloseCode.serviceRestart, 'server restarting');
      return;
    }
    let room: Room | null = null;
    let slot: Slot | null = null;
    conn.listen(() => {
      room?.leave(conn);
      if (slot) this.release(slot);
    });

    this.acquire(meetingId).then(
      ({ slot: s, room: r }) => {
        slot = s;
        if (conn.gone) {
          this.release(s);
          return;
        }
        room = r;
        if (r.join(conn)) conn.deliverTo(r);
      },
      (err: unknown) => {
        this.log.error({ err, ...conn.logFields() }, 'room load failed, refusing socket');
        conn.close(CloseCode.tryAgainLater, 'room unavailable');
      },
    );
  }

  /** @inheritdoc */
  async transact<T>(meetingId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    if (this.shuttingDown) throw new StoreUnavailableError();
    const started = performance.now();
    const { slot, room } = await this.acquire(meetingId);
    try {
      return await this.upkeep.transact(meetingId, room, fn);
    } finally {
      this.release(slot);
      this.metrics.command(performance.now() - started);
    }
  }

  /** @inheritdoc */
  async read<T>(meetingId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    if (this.shuttingDown) throw new StoreUnavailableError();
    const { slot, room } = await this.acquire(meetingId);
    try {
      return await room.read(fn);
    } finally {
      this.release(slot);
    }
  }

  /** @inheritdoc */
  closeSession(sessionId: string, code: number, reason: string): void {
    for (const s of this.slots.values()) {
      for (const c of s.room?.connections ?? [])
        if (c.principal.sessionId === sessionId) c.close(code, reason);
    }
  }

  /**
   * Closes a member's sockets in the meeting (removal; a display link's
   * `display:<id>` on revocation): this process's at once, and — with a
   * distributed fan-out — the other processes' when the message arrives on
   * the meeting's channel (a process without the room has no such sockets).
   */
  closeMember(meetingId: string, userId: string, code: number, reason: string): void {
    this.slots.get(meetingId)?.room?.closeSocketsOf(userId, code, reason);
    if (this.fanout.distributed)
      this.fanout.publish(meetingId, { kind: 'close', userId, code, reason });
  }

  /** @inheritdoc */
  setMemberRole(meetingId: string, userId: string, role: Role): void {
    const slot = this.slots.get(meetingId);
    for (const c of slot?.room?.connections ?? []) {
      if (c.principal.userId === userId) c.principal = { ...c.principal, role };
    }
    // Their awareness is stamped again (role shown, an observer's caret dropped).
    slot?.room?.memberRoleChanged(userId);
  }

  /**
   * Stops taking sockets and writes, commits what is queued, then closes
   * every socket with 1012 so clients reconnect (to this process once it is
   * back, or to another).
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.upkeep.stop();
    const slots = [...this.slots.values()];
    for (const s of slots) this.timers.clearTimeout(s.unloadTimer);
    const conns: Connection[] = [];
    await Promise.all(
      slots.map(async (s) => {
        const room = await s.loading.catch(() => null);
        if (!room) return;
        room.stopAccepting();
        await room.drain();
        // The room forgets its sockets as it closes them: kept here to wait for them.
        conns.push(...room.connections);
        room.close(CloseCode.serviceRestart, 'server restarting');
      }),
    );
    // Give clients a moment to answer the close handshake, then cut the rest.
    let timer: unknown;
    await Promise.race([
      Promise.all(conns.map((c) => c.closed)),
      new Promise<void>(
        (resolve) => (timer = this.timers.setTimeout(resolve, SHUTDOWN_CLOSE_WAIT_MS)),
      ),
    ]);
    this.timers.clearTimeout(timer);
    for (const c of conns) c.terminate();
    this.slots.clear();
  }

  private async acquire(meetingId: string): Promise<{ slot: Slot; room: Room }> {
    let slot = this.slots.get(meetingId);
    if (!slot) slot = this.createSlot(meetingId);
    slot.refs += 1;
    this.timers.clearTimeout(slot.unloadTimer);
    slot.unloadTimer = undefined;
    try {
      return { slot, room: await slot.loading };
    } catch (err) {
      slot.refs -= 1;
      throw err;
    }
  }

  private createSlot(meetingId: string): Slot {
    const roomDeps = {
      docs: this.deps.docs,
      guard: this.deps.guard,
      log: this.log.child({ meetingId }),
      config: this.deps.config,
      fanout: this.fanout,
      metrics: this.metrics,
      now: this.now,
      onFailed: (room: Room) => {
        if (this.slots.get(meetingId)?.room === room) this.slots.delete(meetingId);
      },
    };
    const loading = this.upkeep
      .load(meetingId, () => Room.load(meetingId, roomDeps))
      .then(
        (room) => {
          slot.room = room;
          return room;
        },
        (err: unknown) => {
          // Not cached: the next connection tries again from storage.
          if (this.slots.get(meetingId) === slot) this.slots.delete(meetingId);
          throw err;
        },
      );
    const slot: Slot = {
      meetingId,
      loading,
      room: null,
      refs: 0,
      unloadTimer: undefined,
    };
    this.slots.set(meetingId, slot);
    return slot;
  }

  /** The rooms loaded now. */
  private *loadedRooms(): Iterable<Room> {
    for (const s of this.slots.values()) if (s.room) yield s.room;
  }

  private release(slot: Slot): void {
    slot.refs -= 1;
    if (slot.refs > 0 || this.shuttingDown || this.slots.get(slot.meetingId) !== slot) return;
    this.scheduleUnload(slot);
  }

  private scheduleUnload(slot: Slot): void {
    this.timers.clearTimeout(slot.unloadTimer);
    slot.unloadTimer = this.timers.setTimeout(() => {
      slot.unloadTimer = undefined;
      if (slot.refs > 0 || this.slots.get(slot.meetingId) !== slot) return;
      const room = slot.room;
      if (room && !room.idle) {
        // Still committing: look again after another grace period.
        this.scheduleUnload(slot);
        return;
      }
      this.slots.delete(slot.meetingId);
      room?.close();
      this.log.debug({ meetingId: slot.meetingId }, 'room unloaded');
    }, this.deps.config.roomIdleGraceMs);
  }
}
