import type { Fetch } from './client.js';

/** How long a request started early is kept for the code that will ask for it. */
const KEEP_MS = 10_000;

/** A GET started before the app asked for it: the answer, and when it was asked. */
interface Early {
  response: Promise<Response>;
  at: number;
}

/**
 * GET requests started at page load, before React has rendered the code that
 * needs them (the session, the meeting, its members), so they run beside the
 * download of the page's chunks instead of one after another. Each answer is
 * handed to the first matching GET of {@link earlyFetch}, once; a later GET
 * (a refresh) goes to the network as usual.
 */
export function createEarlyFetch(
  fetchImpl: Fetch = (i, init) => fetch(i, init),
  now: () => number = Date.now,
) {
  const started = new Map<string, Early>();
  return {
    /** Starts the GETs of `urls` now, as the API client would send them. */
    start(urls: readonly string[]): void {
      for (const url of urls) {
        if (started.has(url)) continue;
        const response = fetchImpl(url, {
          method: 'GET',
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
        });
        // A failure is the consumer's to see; never an unhandled rejection here.
        response.catch(() => undefined);
        started.set(url, { response, at: now() });
      }
    },
    /** A `Fetch` taking an early answer when there is a fresh one for this GET. */
    fetch: ((input: string, init?: RequestInit) => {
      const method = (init?.method ?? 'GET').toUpperCase();
      const early = method === 'GET' ? started.get(input) : undefined;
      if (early) {
        started.delete(input);
        if (now() - early.at < KEEP_MS) return early.response;
      }
      return fetchImpl(input, init);
    }) satisfies Fetch,
  };
}

/**
 * The API GETs a page at `pathname` asks for first: the session everywhere,
 * and in a meeting room the meeting and its members.
 *
 * @example earlyRequests('/meetings/m1') // ['/api/me', '/api/meetings/m1', '/api/meetings/m1/members']
 */
export function earlyRequests(pathname: string, base = '/api'): string[] {
  const urls = [`${base}/me`];
  const room = roomOf(pathname);
  if (room !== null) {
    const id = encodeURIComponent(room);
    urls.push(`${base}/meetings/${id}`, `${base}/meetings/${id}/members`);
  }
  return urls;
}

/** The meeting id of a room's address (`/meetings/:id`, not its sub-pages), or null when it has none or is malformed. */
function roomOf(pathname: string): string | null {
  const room = /^\/meetings\/([^/]+)\/?$/.exec(pathname);
  if (!room) return null;
  try {
    return decodeURIComponent(room[1]!);
  } catch {
    return null;
  }
}
