import { useCallback, useSyncExternalStore } from 'react';
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

/** Keeps `texts` (refused at `at`), one copy per text: a newer refusal replaces the older copy. */
export function keepUnsentCopies(
  userId: string,
  meetingId: string,
  texts: readonly UnsentText[],
  at: number = Date.now(),
): void {
  if (texts.length === 0) return;
  const k = key(userId, meetingId);
  const fresh = new Set(texts.map((t) => t.recId));
  write(k, [...read(k).filter((c) => !fresh.has(c.recId)), ...texts.map((t) => ({ ...t, at }))]);
}

/** Forgets the copy of one text (the author took it away). */
export function dismissUnsentCopy(userId: string, meetingId: string, recId: string): void {
  const k = key(userId, meetingId);
  write(
    k,
    read(k).filter((c) => c.recId !== recId),
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
 * The copy kept for one text, live (null when none), and a way to dismiss it.
 *
 * @example
 * const { copy, dismiss } = useUnsentCopy(user.id, meetingId, rec.id);
 */
export function useUnsentCopy(
  userId: string,
  meetingId: string,
  recId: string,
): { copy: UnsentCopy | null; dismiss(): void } {
  const k = key(userId, meetingId);
  // The raw string is the snapshot: stable between changes, so React does not loop.
  const raw = useSyncExternalStore(
    subscribe,
    () => storage()?.getItem(k) ?? null,
    () => null,
  );
  const copy = raw === null ? null : (read(k).find((c) => c.recId === recId) ?? null);
  const dismiss = useCallback(
    () => dismissUnsentCopy(userId, meetingId, recId),
    [userId, meetingId, recId],
  );
  return { copy, dismiss };
}
