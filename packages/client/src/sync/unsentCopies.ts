import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { UnsentText } from './unsentTexts.js';

/**
 * Copies of text the server refused (the meeting closed, the role changed),
 * kept on this device for their author to copy away, per account and
 * meeting, until dismissed or the account signs out. The refused edits
 * themselves are dropped from the document; only this copy remains.
 */

/** One kept copy: what was refused and when. */
export interface UnsentCopy extends UnsentText {
  /** `Date.now()` when the write was refused. */
  at: number;
}

const PREFIX = 'kenes:unsent:';
/** Fired on `window` when this tab changes a copy (the `storage` event covers other tabs). */
const CHANGED = 'kenes:unsent-changed';

function key(userId: string, meetingId: string): string {
  return `${PREFIX}${userId}:${meetingId}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read(k: string): UnsentCopy[] {
  try {
    const raw = storage()?.getItem(k);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as UnsentCopy[]) : [];
  } catch {
    return [];
  }
}

function write(k: string, copies: UnsentCopy[]): void {
  const s = storage();
  if (!s) return;
  try {
    if (copies.length === 0) s.removeItem(k);
    else s.setItem(k, JSON.stringify(copies));
  } catch {
    // Storage full or disabled: the copy is still shown until the page closes.
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** The copies kept for one account in one meeting, oldest first. */
export function loadUnsentCopies(userId: string, meetingId: string): UnsentCopy[] {
  return read(key(userId, meetingId));
}

/**
 * Keeps `texts` (refused at `at`). A later refusal of the same text adds a
 * copy rather than replacing the older one: each holds edits the other may
 * lack (the fresh doc after a refusal has none of the first refused edits).
 */
export function keepUnsentCopies(
  userId: string,
  meetingId: string,
  texts: readonly UnsentText[],
  at: number = Date.now(),
): void {
  const k = key(userId, meetingId);
  const kept = read(k);
  const added = texts
    .filter((t) => !kept.some((c) => c.recId === t.recId && c.text === t.text))
    .map((t) => ({ ...t, at }));
  if (added.length > 0) write(k, [...kept, ...added]);
}

/** Forgets one kept copy (the author took it away). */
export function dismissUnsentCopy(
  userId: string,
  meetingId: string,
  recId: string,
  at: number,
): void {
  const k = key(userId, meetingId);
  write(
    k,
    read(k).filter((c) => !(c.recId === recId && c.at === at)),
  );
}

/** Forgets every copy of one account (sign-out, session ended). */
export function clearUnsentCopies(userId: string): void {
  const s = storage();
  if (!s) return;
  const mine = `${PREFIX}${userId}:`;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(mine)) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/**
 * The copies kept for one text, live (oldest first), and a way to dismiss one.
 *
 * @example
 * const { copies, dismiss } = useUnsentCopies(user.id, meetingId, rec.id);
 */
export function useUnsentCopies(
  userId: string,
  meetingId: string,
  recId: string,
): { copies: UnsentCopy[]; dismiss(at: number): void } {
  const k = key(userId, meetingId);
  // The raw string is the snapshot: stable between changes, so React does not loop.
  const raw = useSyncExternalStore(
    subscribe,
    () => storage()?.getItem(k) ?? null,
    () => null,
  );
  const copies = useMemo(
    () => (raw === null ? [] : read(k).filter((c) => c.recId === recId)),
    [raw, k, recId],
  );
  const dismiss = useCallback(
    (at: number) => dismissUnsentCopy(userId, meetingId, recId, at),
    [userId, meetingId, recId],
  );
  return { copies, dismiss };
}
