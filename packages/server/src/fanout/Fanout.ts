/**
 * Fan-out between server processes serving the same meetings. Each process
 * publishes what it accepted (committed updates, stamped awareness) on the
 * meeting's channel and applies what the others publish. The sync layer only
 * sees this interface; `local.ts` (one process) and `redis.ts` implement it.
 */

/** What travels between processes about one meeting. */
export type FanoutMessage =
  /**
   * What this process committed to the store (a batch as one merged update), and their
   * seqs in the log (a receiver's catch-up then skips them; empty from a
   * process older than the seqs on the wire).
   */
  | { kind: 'update'; updates: Uint8Array[]; seqs: readonly number[] }
  /** An awareness update (y-protocols encoding) the process relayed to its own sockets. */
  | { kind: 'awareness'; payload: Uint8Array }
  /** A process just opened the meeting and asks the others for their awareness states. */
  | { kind: 'awarenessQuery' }
  /**
   * Close the sockets of `userId` (a removed member, or a revoked display
   * link's `display:<id>`) with `code` and `reason`, as the sender did its own.
   */
  | { kind: 'close'; userId: string; code: number; reason: string };

/** A message as received, with where and when it was sent. */
export type ReceivedMessage = FanoutMessage & {
  /** The sending process's {@link Fanout.processId}. */
  from: string;
  /** Sender's clock at publish, epoch ms (lag metric; processes share NTP-synced clocks). */
  sentAt: number;
};

/** A live subscription to one meeting's channel. */
export interface FanoutSubscription {
  /** Stops delivering; the channel is left when no subscription of this process needs it. */
  close(): void;
}

/** The fan-out seam (see the module comment). */
export interface Fanout {
  /** True when other processes may exist: rooms then catch up from the store and lock commands. */
  readonly distributed: boolean;
  /** This process's id, stamped on what it publishes; its own messages are never delivered back. */
  readonly processId: string;
  /**
   * Delivers other processes' messages for `meetingId` to `onMessage`.
   * Resolves once the subscription is active: anything published after
   * that is delivered, which is why a room subscribes before it loads.
   */
  subscribe(
    meetingId: string,
    onMessage: (msg: ReceivedMessage) => void,
  ): Promise<FanoutSubscription>;
  /** Sends to the other processes. Fire and forget: a lost message is made up by store catch-up. */
  publish(meetingId: string, msg: FanoutMessage): void;
  /**
   * Registers `fn`, called after the connection came back from an outage
   * (messages may have been missed meanwhile): rooms then catch up from the store.
   */
  onResume(fn: () => void): void;
  /** Resolves when the broker answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
