import type { Language, MeetingStatus, OrgType, Role } from '@kenes/shared';

/**
 * Shapes of the HTTP API's answers, as `packages/server/src/http/schemas.ts`
 * defines them. Times are epoch milliseconds.
 */

/** The signed-in account. */
export interface User {
  id: string;
  email: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  language: Language;
  gender: string | null;
  createdAt: number;
}

/** A meeting with the caller's role in it. */
export interface Meeting {
  id: string;
  title: string;
  startsAt: number | null;
  createdBy: string;
  createdAt: number;
  /**
   * Where the meeting stands (the doc's status, as the server stores it).
   * Optional: servers before the field was added do not send it.
   */
  status?: MeetingStatus;
  role: Role;
  /**
   * The caller's organisation in this meeting: fixed when they joined and
   * changed only by a chair (`GET /api/meetings/:id` sends it). Endorsements
   * and the room use it, never the editable profile's.
   */
  organisation?: string;
  /** What that organisation is compared by: the `key` of its endorsements. */
  organisationKey?: string;
  orgType?: OrgType;
}

/** `PATCH /api/me` body: the account fields a user may change; all optional. */
export type ProfilePatch = Partial<
  Pick<User, 'name' | 'organisation' | 'orgType' | 'language' | 'gender'>
>;

/** A member as other members see them. */
export interface Member {
  userId: string;
  role: Role;
  joinedAt: number;
  name: string;
  organisation: string;
  orgType: OrgType;
}

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

/** `{ ok: true, … }`: a command's answer (ids of records it created). */
export interface CommandAccepted {
  ok: true;
  entryId?: string;
  itemId?: string;
  recId?: string;
  label?: string;
}
