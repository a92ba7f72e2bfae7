import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '@kenes/shared';
import type { Store } from '../store/Store.js';
import type { UpgradeAuthorizer, UpgradeDecision } from '../sync/interfaces.js';
import { createSessionManager, type SessionManager } from './sessions.js';
import { authorizeDisplay, upgradeCredential } from './displayUpgrade.js';

/** Options of {@link createUpgradeAuthorizer}. */
export interface UpgradeAuthorizerOptions {
  store: Store;
  publicOrigin: string;
  now?: () => number;
  /** Share the API's manager when at hand; one is built from the options otherwise. */
  sessions?: SessionManager;
}

const refuse = (
  status: 401 | 403 | 404 | 410,
  code: string,
  message: string,
): Extract<UpgradeDecision, { ok: false }> => ({ ok: false, status, code, message });

/**
 * Decides a WebSocket upgrade to `/sync/:meetingId` before the handshake:
 *
 * 1. `Origin` must equal the public origin → else 403 (checked first: a
 *    cross-site page gets refused without a database lookup);
 * 2. a valid session cookie → else 401;
 * 3. membership of the meeting → else 404 (as on HTTP: no existence leak).
 *
 * A hall display offers `kenes-display, <token>` as its protocols instead: its
 * link's token alone decides (`displayUpgrade.ts`), never a cookie beside it.
 *
 * The principal's identity and role come from the server's records; its
 * `sessionId` is the session's hash, which logout uses to close the socket.
 */
export function createUpgradeAuthorizer(opts: UpgradeAuthorizerOptions): UpgradeAuthorizer {
  const publicOrigin = new URL(opts.publicOrigin).origin;
  const now = opts.now ?? Date.now;
  const sessions =
    opts.sessions ??
    createSessionManager({
      accounts: opts.store.accounts,
      publicOrigin,
      now,
    });

  return {
    async authorize(req: IncomingMessage, meetingId: string): Promise<UpgradeDecision> {
      if (req.headers.origin !== publicOrigin) {
        return refuse(403, ErrorCode.foreignOrigin, 'Origin missing or not allowed');
      }
      const credential = upgradeCredential(req);
      if (credential.kind === 'malformed') {
        return refuse(401, ErrorCode.unauthorized, 'Unknown WebSocket protocol');
      }
      if (credential.kind === 'display') {
        return authorizeDisplay(opts.store.displayLinks, credential.token, meetingId, now());
      }
      const token = sessions.tokenFromCookie(req.headers.cookie);
      const valid = token ? await sessions.validate(token) : null;
      if (!valid) return refuse(401, ErrorCode.unauthorized, 'Sign in first');
      const member = await opts.store.meetings.member(meetingId, valid.user.id);
      if (!member) return refuse(404, ErrorCode.notFound, 'No such meeting');
      return {
        ok: true,
        principal: {
          kind: 'member',
          userId: valid.user.id,
          sessionId: valid.session.hash,
          name: valid.user.name,
          // Awareness is stamped with the meeting's organisation, never the editable profile's.
          organisation: member.organisation,
          orgType: member.orgType,
          role: member.role,
        },
      };
    },
  };
}
