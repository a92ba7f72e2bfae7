import { CloseCode } from '@kenes/shared';

/**
 * An upgrade the server refused (HTTP 401/403 before the handshake), as the
 * close code and reason the socket would have carried: learned some other
 * way than a close frame.
 */
export interface UpgradeRefusal {
  code: number;
  reason: string;
}

/**
 * Asks why a sync socket could not even open. The server refuses an upgrade
 * with a plain HTTP 401/403 *before* the WebSocket handshake, and browsers
 * hide that status (the socket just closes with 1006), so without asking the
 * provider would retry forever. The meeting's HTTP resource answers with the
 * same auth rules; its status is mapped to the close code the socket would
 * have carried. Anything else (network down, 404, 5xx) is not a refusal.
 */
export type RefusalProbe = (meetingId: string) => Promise<UpgradeRefusal | null>;

/** {@link RefusalProbe} through `GET /api/meetings/:id` on this origin. */
export const probeMeetingAccess: RefusalProbe = async (meetingId) => {
  let res: Response;
  try {
    res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  } catch {
    return null;
  }
  if (res.status === 401) return { code: CloseCode.unauthorized, reason: 'sign-in needed' };
  if (res.status === 403)
    return { code: CloseCode.forbidden, reason: 'not a member of this meeting' };
  return null;
};
