import type { Language, OrgType, Role, User } from '@kenes/shared';

/**
 * Shapes of the HTTP API's requests and of answers only the client reads,
 * as `packages/server/src/http/schemas.ts` defines them. Times are epoch
 * milliseconds. The answers the server checks against a shared type (`User`,
 * `Meeting`, `Member`, `CommandAccepted`) are declared once, in
 * `@kenes/shared`: import them from there.
 */

/** `PATCH /api/me` body: the account fields a user may change; all optional. */
export type ProfilePatch = Partial<
  Pick<User, 'name' | 'organisation' | 'orgType' | 'language' | 'gender'>
>;

/** A freshly created invite; the token is shown once. */
export interface InviteCreated {
  /** Names the invite in the list (the token's hash; not usable as a link). */
  id?: string;
  token: string;
  url: string;
  role: Role;
  maxUses: number | null;
  expiresAt: number | null;
}

/** Where an invite stands, as the chair's list shows it. */
export type InviteStatus = 'valid' | 'used_up' | 'expired' | 'revoked';

/** An invite in the chair's list (`GET /api/meetings/:id/invites`): never its token. */
export interface InviteListItem {
  id: string;
  role: Role;
  maxUses: number | null;
  uses: number;
  expiresAt: number | null;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  status: InviteStatus;
}

/** What a valid invite link is for (`GET /api/invites/:token`, no session needed). */
export interface InviteInfo {
  status: 'valid';
  meetingTitle: string;
  startsAt: number | null;
  role: Role;
}

/** `POST /api/auth/signup` body. */
export interface SignupInput {
  email: string;
  password: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  language?: Language;
}
