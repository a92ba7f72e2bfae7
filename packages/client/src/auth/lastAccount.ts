/**
 * Which account this device was last signed in as, so that its local data
 * can be cleared when its session turns out to have ended (expired, signed
 * out elsewhere) or another account signs in here.
 */

const KEY = 'kenes:account';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Records `userId` (null: nobody is signed in now) as this device's account
 * and answers the one recorded before, whose data the caller clears when it
 * is not `userId`.
 */
export function rememberAccount(userId: string | null): string | null {
  const s = storage();
  const previous = s?.getItem(KEY) ?? null;
  if (userId !== null) s?.setItem(KEY, userId);
  else s?.removeItem(KEY);
  return previous;
}

/** Forgets the recorded account (after its data was cleared on sign-out). */
export function forgetAccount(): void {
  storage()?.removeItem(KEY);
}
