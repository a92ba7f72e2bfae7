import type { Pool } from 'pg';
import type { MeetingLocks } from '../Store.js';

/**
 * First key of the two-key advisory locks that serialize commands per
 * meeting across processes. Distinct from `DOC_APPEND_LOCK` (0x6b656e), which
 * appends take inside their own transactions: a command holds this lock
 * while its appends take that one, so sharing a key would deadlock.
 */
export const MEETING_COMMAND_LOCK = 0x6b656f; // 'keo'

/** How long a command waits for another process's command on the same meeting. */
const LOCK_WAIT = '10s';

/**
 * Meeting locks as session-level Postgres advisory locks, held on a
 * connection of `lockPool` (not the store's pool: a lock holder's own queries
 * must never wait for a connection that lock holders occupy). If the process
 * dies, its connection drops and Postgres releases the lock, so a crashed
 * holder never blocks the meeting.
 *
 * Waiters of one process queue here first, so a busy meeting occupies one
 * lock connection per process, not one per waiting command.
 */
export function createPostgresMeetingLocks(lockPool: Pool): MeetingLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    withLock<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
      const prev = tails.get(meetingId) ?? Promise.resolve();
      const run = prev.catch(() => undefined).then(() => holdLock(lockPool, meetingId, fn));
      const tail = run.catch(() => undefined);
      tails.set(meetingId, tail);
      void tail.then(() => {
        if (tails.get(meetingId) === tail) tails.delete(meetingId);
      });
      return run;
    },
  };
}

async function holdLock<T>(lockPool: Pool, meetingId: string, fn: () => Promise<T>): Promise<T> {
  const client = await lockPool.connect();
  const key = `${MEETING_COMMAND_LOCK}, hashtext(${client.escapeLiteral(meetingId)})`;
  try {
    // One round trip: a bounded wait, then the lock (simple protocol, hence the escaped literal).
    await client.query(`SET lock_timeout = '${LOCK_WAIT}'; SELECT pg_advisory_lock(${key})`);
  } catch (err) {
    client.release(asError(err));
    throw err;
  }
  let broken: Error | undefined;
  try {
    return await fn();
  } finally {
    try {
      await client.query(`SELECT pg_advisory_unlock(${key})`);
    } catch (err) {
      // Destroy the connection rather than pool it: closing it releases the lock.
      broken = asError(err);
    }
    client.release(broken);
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
