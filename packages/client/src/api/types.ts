import type { Gender, Language, OrgType, Role, User } from '@kenes/shared';

/**
 * Shapes of the HTTP API's requests and of answers only the client reads,
 * as `packages/server/src/http/schemas.ts` defines them. Times are epoch
 * milliseconds. The answers the server checks against a shared type (`User`,
 * `Meeting`, `Member`, `CommandAccepted`) are declared once, in
 * `@kenes/shared`: import them from there.
 */

/**
 * `PATCH /api/me` body: the account fields a user may change; all optional.
 * A gender is written only as one of `GENDERS` (or null), whatever an older
 * account holds.
 */
export type ProfilePatch = Partial<
  Pick<User, 'name' | 'organisation' | 'orgType' | 'language'> & { gender: Gender | null }
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
  /** The address the server e-mailed the link to, or null for a link to copy. */
  emailedTo: string | null;
}

/** `POST /api/meetings/:id/invites/email` body: an invite's settings and whom to mail it to. */
export interface EmailInviteInput {
  email: string;
  role: Role;
  maxUses?: number;
  expiresInHours?: number;
  /** The mail's language when the address has no account. */
  language?: Language;
}

/** A working password-reset link (`GET /api/auth/reset-password/:token`). */
export interface ResetLinkInfo {
  email: string;
  expiresAt: number;
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
  /** Optional; null or absent: not answered. */
  gender?: Gender | null;
}
