import { CloseCode, DISPLAY_REVOKED_REASON, ErrorCode, type DisplayInfo } from '@kenes/shared';
import { ApiError, errorFromResponse, type ClockSample } from '../../api/client.js';
import type { RefusalProbe } from '../../sync/refusalProbe.js';

/**
 * The display link's own HTTP: `GET /api/display` with the token as a bearer
 * header — never a cookie, so no other page of this browser sends it and it
 * never stands in for a person's session.
 */
export async function fetchDisplayInfo(token: string): Promise<DisplayInfo> {
  let res: Response;
  try {
    res = await fetch('/api/display', {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as DisplayInfo;
}

/** A clock sample from `GET /api/display` (what `useServerClock` asks). */
export async function displayClock(token: string): Promise<ClockSample> {
  const sent = Date.now();
  const { now: serverNow } = await fetchDisplayInfo(token);
  return { serverNow, localNow: (sent + Date.now()) / 2 };
}

/** True when the server says this link opens nothing any more (revoked or unknown). */
export function isLinkGone(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.code === ErrorCode.displayLinkRevoked || err.code === ErrorCode.displayLinkUnknown)
  );
}

/**
 * Why the display's socket could not open: the browser hides the upgrade's
 * HTTP status, so the display asks `GET /api/display`. A revoked or unknown
 * link is terminal (4403, the revocation's reason); anything else (network
 * down, server restarting) is not, and the provider keeps retrying.
 */
export function displayRefusalProbe(token: string): RefusalProbe {
  return async () => {
    try {
      await fetchDisplayInfo(token);
      return null;
    } catch (err) {
      return isLinkGone(err) ? { code: CloseCode.forbidden, reason: DISPLAY_REVOKED_REASON } : null;
    }
  };
}
