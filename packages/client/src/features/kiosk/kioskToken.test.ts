import { describe, expect, it } from 'vitest';
import { KIOSK_TOKEN_KEY, takeKioskToken, type KioskWindow } from './kioskToken.js';

const TOKEN = 'A'.repeat(40) + '_-9';

function fakeWindow(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored === null ? [] : [[KIOSK_TOKEN_KEY, stored]]);
  const replaced: string[] = [];
  const w: KioskWindow = {
    location: { hash, pathname: '/display', search: '' },
    history: { replaceState: (_d, _u, url) => replaced.push(String(url)) },
    sessionStorage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
    },
  };
  return { w, storage, replaced };
}

describe('takeKioskToken', () => {
  it('moves the token from the fragment into this tab and out of the address bar', () => {
    const { w, storage, replaced } = fakeWindow(`#${TOKEN}`);
    expect(takeKioskToken(w)).toBe(TOKEN);
    expect(storage.get(KIOSK_TOKEN_KEY)).toBe(TOKEN);
    expect(replaced).toEqual(['/display']);
  });

  it('finds it again after a reload', () => {
    expect(takeKioskToken(fakeWindow('', TOKEN).w)).toBe(TOKEN);
  });

  it('takes nothing malformed, and still clears the address bar', () => {
    const { w, storage, replaced } = fakeWindow('#not-a-token');
    expect(takeKioskToken(w)).toBeNull();
    expect(storage.size).toBe(0);
    expect(replaced).toEqual(['/display']);
    expect(takeKioskToken(fakeWindow('', 'x').w)).toBeNull();
    expect(takeKioskToken(fakeWindow('').w)).toBeNull();
  });

  it('answers the same for the whole page load: a render React throws away and redoes reads no stored token instead', () => {
    // A mistyped link in a tab that held a good one: the second read sees no fragment.
    const { w } = fakeWindow('#short', TOKEN);
    w.history.replaceState = () => void (w.location.hash = '');
    expect(takeKioskToken(w)).toBeNull();
    expect(takeKioskToken(w)).toBeNull();
  });
});
