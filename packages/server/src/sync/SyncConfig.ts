import type { RateLimits } from './rateLimit.js';
import type { TextQuotas } from './quota/TextQuota.js';

/** Tunables of the sync layer (from the environment via `config.ts`; tests pass small values). */
export interface SyncConfig {
  /** Largest accepted frame; `ws` closes larger ones with 1009. */
  maxFrameBytes: number;
  /** How long a room stays loaded after its last client left. */
  roomIdleGraceMs: number;
  /** Compact once this many updates were appended since the last snapshot… */
  compactAfterUpdates: number;
  /** …or once the log since the last snapshot holds this many bytes. */
  compactAfterBytes: number;
  /** Most entries one awareness frame may carry. */
  maxAwarenessEntries: number;
  /** Most awareness client ids one socket may own. */
  maxAwarenessIdsPerSocket: number;
  /** Largest awareness state relayed, in bytes of JSON (default `Limits.maxAwarenessStateBytes`). */
  maxAwarenessStateBytes?: number;
  /** Most sockets one member may open in one meeting (default `Limits.maxSocketsPerMember`). */
  maxSocketsPerMember?: number;
  /** Most bytes of awareness one socket is sent at once (default `Limits.maxAwarenessAnswerBytes`). */
  maxAwarenessAnswerBytes?: number;
  /** Per-socket budgets; over them the socket is closed with 4429. */
  rateLimits: RateLimits;
  /** A reader this far behind (bytes queued to it) is dropped, so one slow socket cannot eat memory. */
  maxBufferedBytes: number;
  /** Frames a socket may send while its room is still loading. */
  maxPendingFrames: number;
  /** Ping interval; a socket that missed a whole interval's pong is dropped (0 disables). */
  heartbeatMs: number;
  /**
   * Most Yjs client ids one member may bind in a meeting (each page load
   * that writes binds one); past it the member's update is refused (4403).
   * Default `Limits.maxClientIdsPerUser`.
   */
  maxClientIdsPerUser?: number;
  /** Most client ids all members together may bind in a meeting. Default `Limits.maxClientIdsPerMeeting`. */
  maxClientIdsPerMeeting?: number;
  /** Size quotas on client edits (per text, per meeting, per user's rate); none when absent. */
  quotas?: TextQuotas;
}
