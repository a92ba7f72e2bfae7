import type * as Y from 'yjs';
import type { Fanout } from '../fanout/Fanout.js';
import type { MeetingLocks } from '../store/Store.js';
import type { Room } from './Room.js';
import { subscribeThenLoad } from './subscribeThenLoad.js';
import type { Timers } from './timers.js';

/** What the fan-out upkeep is built from. */
export interface RoomFanoutDeps {
  fanout: Fanout;
  /** The rooms loaded now (looked at on each tick). */
  rooms(): Iterable<Room>;
  timers: Timers;
  /** Cross-process command serialization (with a distributed fan-out). */
  locks?: MeetingLocks;
  /** How often each room catches up and expires remote awareness (distributed only). */
  tickMs: number;
}

/**
 * The rooms' side of other processes serving the same meetings: a room
 * subscribes to its meeting's channel before it loads (nothing published
 * meanwhile is missed) and applies what peers publish; with other
 * processes, every room catches up from the store after an outage and on a
 * tick (messages lost, or a peer that died between commit and publish),
 * remote awareness expires on the tick, and a command runs under the
 * meeting's cross-process lock on a caught-up doc. Alone (a local fan-out)
 * only the subscription runs, a no-op.
 */
export class RoomFanout {
  private tickTimer: unknown;
  private stopped = false;

  constructor(private readonly deps: RoomFanoutDeps) {
    if (deps.fanout.distributed) {
      deps.fanout.onResume(() => this.catchUpAll());
      this.scheduleTick();
    }
  }

  /** Loads a room subscribed to its meeting's channel; peers' messages go to it from then on. */
  async load(meetingId: string, load: () => Promise<Room>): Promise<Room> {
    const { room, subscription } = await subscribeThenLoad(
      this.deps.fanout,
      meetingId,
      load,
      (r, msg) => r.applyRemote(msg),
    );
    room.attachSubscription(subscription);
    return room;
  }

  /**
   * Runs a server transaction on `room`. Another process may be changing the
   * same meeting: then it takes the meeting's lock and lets the doc catch up
   * with everything committed first, so the command decides on the latest
   * state (two "grant next" → one speaker).
   */
  transact<T>(meetingId: string, room: Room, fn: (doc: Y.Doc) => T): Promise<T> {
    if (!this.deps.fanout.distributed) return room.transact(fn);
    const locks = this.deps.locks;
    if (!locks) return room.transact(fn, { catchUp: true });
    return locks.withLock(meetingId, () => room.transact(fn, { catchUp: true }));
  }

  /** Stops the tick (shutdown). */
  stop(): void {
    this.stopped = true;
    this.deps.timers.clearTimeout(this.tickTimer);
  }

  private scheduleTick(): void {
    this.tickTimer = this.deps.timers.setTimeout(() => {
      if (this.stopped) return;
      for (const room of this.deps.rooms()) room.expireRemoteAwareness();
      this.catchUpAll();
      this.scheduleTick();
    }, this.deps.tickMs);
  }

  private catchUpAll(): void {
    // A failure already failed the room (sockets reconnect); nothing more to do here.
    for (const room of this.deps.rooms()) room.catchUp().catch(() => undefined);
  }
}
