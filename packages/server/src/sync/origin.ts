/**
 * Typed transaction origins on a room's doc, so listeners (fan-out, later
 * Redis) can tell where a change came from. Fan-out skips `redis`.
 */
export type SyncOrigin =
  | { source: 'client'; connectionId: number; userId: string }
  | { source: 'server' }
  | { source: 'redis' }
  /** Caught up from the store (updates other processes committed). Not re-published either. */
  | { source: 'store' }
  | { source: 'load' };

/**
 * The origin of every server write (a command's transaction). The one
 * object: the room's writer recognises its own transaction by identity.
 */
export const SERVER_ORIGIN: SyncOrigin = { source: 'server' };
