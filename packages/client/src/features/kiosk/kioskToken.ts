/** Where an open display tab keeps its link's token (this tab only, gone when it closes). */
export const KIOSK_TOKEN_KEY = 'kenes.display.token';

/** A display token as the server makes them (32 random bytes, base64url). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The minimal `window` the token reader uses (tests pass a fake). */
export interface KioskWindow {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The display link's token. It arrives in the URL's fragment
 * (`/display#<token>`: never sent to a server, so in no access log or
 * Referer) and is moved at once into this tab's session storage and out of
 * the address bar, which the hall may see before the screen goes full. A
 * reload finds it there; another tab or a person's session never does.
 * Null when there is none (or it is malformed).
 */
export function takeKioskToken(w: KioskWindow = window): string | null {
  // Once per page load: the page's first render may be thrown away and redone
  // (it waits for its language), and a second read would find the fragment
  // gone and fall back to the token stored by an earlier link.
  if (taken.has(w)) return taken.get(w)!;
  const token = readToken(w);
  taken.set(w, token);
  return token;
}

/** What {@link takeKioskToken} answered, per window. */
const taken = new WeakMap<KioskWindow, string | null>();

function readToken(w: KioskWindow): string | null {
  const fromHash = w.location.hash.replace(/^#/, '');
  if (fromHash !== '') {
    w.history.replaceState(null, '', w.location.pathname + w.location.search);
    if (!TOKEN.test(fromHash)) return null;
    try {
      w.sessionStorage.setItem(KIOSK_TOKEN_KEY, fromHash);
    } catch {
      // Storage off (private mode): the tab works until it is reloaded.
    }
    return fromHash;
  }
  let stored: string | null = null;
  try {
    stored = w.sessionStorage.getItem(KIOSK_TOKEN_KEY);
  } catch {
    stored = null;
  }
  return stored !== null && TOKEN.test(stored) ? stored : null;
}
