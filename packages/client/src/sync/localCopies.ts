import { clearUnsentCopies } from './unsentCopies.js';

/**
 * The local copies of meeting documents (y-indexeddb databases) belong to
 * one account: the database name carries the user id, so a copy made by one
 * person on a shared computer is never loaded — let alone sent — under
 * another person's session, and signing out removes that person's copies.
 */

const PREFIX = 'kenes:';

/** The IndexedDB name of `userId`'s local copy of a meeting. */
export function localCopyName(userId: string, meetingId: string): string {
  return `${PREFIX}${userId}:${meetingId}`;
}

/**
 * True for the databases to remove when `userId` leaves this device: theirs,
 * and copies from before copies were per account (`kenes:<meetingId>`, no
 * owner known, so never safe to send under anyone).
 */
export function isLocalCopyOf(name: string, userId: string): boolean {
  if (!name.startsWith(PREFIX)) return false;
  const rest = name.slice(PREFIX.length);
  return rest.startsWith(`${userId}:`) || (!rest.includes(':') && rest.length > 0);
}

/** Deletes one IndexedDB database; resolves once deleted (or when it cannot be). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    try {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => resolve();
      // "blocked": a tab still has it open; the deletion goes ahead once it closes.
    } catch {
      resolve();
    }
  });
}

/** Longest wait for the deletions: an open copy in another tab must not hang sign-out. */
const CLEAR_TIMEOUT_MS = 3000;

/**
 * Removes everything this device keeps for `userId`: the local copies of
 * every meeting (with any edits not yet sent) and the kept copies of refused
 * text. Called on sign-out and when the session ended.
 */
export async function clearLocalData(userId: string): Promise<void> {
  clearUnsentCopies(userId);
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  let names: string[] = [];
  try {
    names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => isLocalCopyOf(n, userId));
  } catch {
    return;
  }
  await Promise.race([
    Promise.all(names.map(deleteDatabase)),
    new Promise((resolve) => setTimeout(resolve, CLEAR_TIMEOUT_MS)),
  ]);
}
