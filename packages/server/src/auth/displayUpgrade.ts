import type { IncomingMessage } from 'node:http';
import { DISPLAY_PROTOCOL, ErrorCode } from '@kenes/shared';
import type { DisplayLinkStore } from '../store/DisplayLinkStore.js';
import { displayPrincipal, type UpgradeDecision } from '../sync/interfaces.js';
import { sha256Hex } from './tokens.js';

/** A display token as {@link randomToken} makes them: 32 bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * What a WebSocket upgrade offers as `Sec-WebSocket-Protocol`: `member` when
 * it offers none (a person's provider: the session cookie decides), the
 * display's token when it offers exactly `kenes-display, <token>`, and
 * `malformed` for anything else (refused: no guessing which credential counts).
 */
export function upgradeCredential(
  req: IncomingMessage,
): { kind: 'member' } | { kind: 'display'; token: string } | { kind: 'malformed' } {
  const header = req.headers['sec-websocket-protocol'];
  if (header === undefined || header === '') return { kind: 'member' };
  const offered = header.split(',').map((p) => p.trim());
  const [name, token, ...rest] = offered;
  if (name !== DISPLAY_PROTOCOL || token === undefined || rest.length > 0 || !TOKEN.test(token))
    return { kind: 'malformed' };
  return { kind: 'display', token };
}

/**
 * Decides a display's upgrade by its token alone (a session cookie beside it
 * is ignored, so a person signed in on the hall PC neither lends the display
 * their identity nor loses their own): an unknown token 401, a revoked link
 * 410, another meeting's 404. A use is recorded (the chair's list shows it).
 */
export async function authorizeDisplay(
  links: DisplayLinkStore,
  token: string,
  meetingId: string,
  now: number,
): Promise<UpgradeDecision> {
  const link = await links.byHash(sha256Hex(token));
  if (!link) {
    return {
      ok: false,
      status: 401,
      code: ErrorCode.displayLinkUnknown,
      message: 'No such display link',
    };
  }
  if (link.revokedAt !== null) {
    return {
      ok: false,
      status: 410,
      code: ErrorCode.displayLinkRevoked,
      message: 'This display link has been revoked',
    };
  }
  if (link.meetingId !== meetingId) {
    return { ok: false, status: 404, code: ErrorCode.notFound, message: 'No such meeting' };
  }
  await links.touch(link.tokenHash, now);
  return { ok: true, principal: displayPrincipal(link.tokenHash) };
}
