import type { Language, MeetingStatus, OrgType } from './doc/shapes.js';
import type { Role } from './roles.js';

/**
 * The JSON answers of the accounts, meetings and commands routes, written
 * once: the server's zod/OpenAPI schemas are checked against these types at
 * compile time (`Same`) and the client reads them. Types only. Times are
 * epoch milliseconds.
 */

/** The signed-in account (no password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  language: Language;
  /**
   * Self-declared (see `GENDERS`), or null when not answered. Accounts made
   * before that list may hold a free-text value: shown as written.
   */
  gender: string | null;
  createdAt: number;
}

/**
 * One of the signed-in user's sessions (`GET /api/me/sessions`). `id` is an
 * opaque name derived one-way from the stored key: it ends that session
 * (`DELETE /api/me/sessions/:id`) for its owner and is useless as a cookie.
 */
export interface SessionInfo {
  id: string;
  /** Sign-in time. */
  createdAt: number;
  /** Last request made with it (to the minute). */
  lastUsedAt: number;
  /** Browser and system read from the User-Agent at sign-in; null when unknown. */
  browser: string | null;
  os: string | null;
  mobile: boolean;
  /** The session of the request that asked. */
  current: boolean;
}

/** A meeting with the caller's role in it. */
export interface Meeting {
  id: string;
  title: string;
  startsAt: number | null;
  /** Where it takes place ('' when not set): a copy of the document's, kept for lists. */
  venue: string;
  createdBy: string;
  createdAt: number;
  /** Where the meeting stands (the doc's status, as the server stores it). */
  status: MeetingStatus;
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

/** A member as other members see them (no e-mail, no gender). */
export interface Member {
  userId: string;
  role: Role;
  joinedAt: number;
  name: string;
  organisation: string;
  orgType: OrgType;
}

/** `{ ok: true, … }`: a command's answer (ids of records it created). */
export interface CommandAccepted {
  ok: true;
  entryId?: string;
  itemId?: string;
  recId?: string;
  label?: string;
  /** Title of what was removed or restored. */
  title?: string;
}
