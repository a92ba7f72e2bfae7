/**
 * Hall display links (kiosk): a chair makes a revocable link for the PC that
 * drives the hall's screen. Its token opens the meeting's display without an
 * account and grants nothing else: it reads the meeting document over the
 * sync socket (no writes, no awareness) and asks the server's clock — no other
 * route or socket accepts it. Server and client share these names and shapes.
 */

/** Live (unrevoked) display links a meeting may hold at once. */
export const MAX_LIVE_DISPLAY_LINKS = 5;

/** Longest label a chair may give a link ("Hall A, left screen"). */
export const DISPLAY_LABEL_MAX = 80;

/**
 * The WebSocket subprotocol a display offers, followed by its token as a
 * second "protocol": browsers cannot set headers on a WebSocket, and a token
 * in the URL would land in proxy logs. The server answers with this name
 * only, never echoing the token.
 */
export const DISPLAY_PROTOCOL = 'kenes-display';

/** The HTTP client path of a display link; the token follows in the fragment (`/display#<token>`). */
export const DISPLAY_PATH = '/display';

/**
 * Close reason of a display's socket when its link was revoked (code
 * `CloseCode.forbidden`, 4403, without a refusal kind: terminal).
 */
export const DISPLAY_REVOKED_REASON = 'display link revoked';

/** A display link as a meeting's chairs see it: never its token (only a hash is stored). */
export interface DisplayLink {
  /** Names the link (the SHA-256 hex of its token): cannot be used as one. */
  id: string;
  label: string;
  createdAt: number;
  /** The chair who made it (user id) and their name. */
  createdBy: string;
  createdByName: string;
  /** When a display last connected with it or asked the clock, or null if never. */
  lastUsedAt: number | null;
}

/** `POST /api/meetings/:id/display-links`: the link and its token, shown once. */
export interface DisplayLinkCreated {
  link: DisplayLink;
  token: string;
  /** `PUBLIC_ORIGIN/display#<token>`: the fragment never reaches a server or a log. */
  url: string;
}

/** `GET /api/display` with the link's token: which meeting to show and the server's clock. */
export interface DisplayInfo {
  meetingId: string;
  /** Server clock, epoch ms (the speaker countdown corrects for the offset). */
  now: number;
}
