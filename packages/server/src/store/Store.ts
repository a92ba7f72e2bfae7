import type {
  AuditEntry,
  Language,
  MeetingStatus,
  OrgType,
  Role,
  VersionKind,
} from '@kenes/shared';
import type { DisplayLinkStore } from './DisplayLinkStore.js';

/**
 * The storage contract. Two implementations (SQLite, Postgres) pass the same
 * contract suites (`*.contract.ts`). Stores speak rows and `Uint8Array`s,
 * never sockets or Y.Docs. Every method that resolves has committed.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  docs: DocStore;
  accounts: AccountStore;
  meetings: MeetingStore;
  audit: AuditStore;
  versions: VersionStore;
  /** Single-use password-reset links (stored by hash). */
  passwordResets: PasswordResetStore;
  /** Hall display links (kiosk). */
  displayLinks: DisplayLinkStore;
  /**
   * Mutual exclusion per meeting across processes sharing this database, or
   * undefined when the backend serves one process only (SQLite).
   */
  meetingLocks?: MeetingLocks;
  /** Resolves when the database answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What is stored of one meeting's document. */
export interface StoredDoc {
  /** The compacted state, or null when never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in commit order. */
  updates: Uint8Array[];
  /** Sequence number of the last update (0 when none ever). */
  lastSeq: number;
  /** Bytes held in the update log after the snapshot. */
  logBytes: number;
}

/** The append-only update log and snapshots of meeting documents. */
export interface DocStore {
  /** Everything needed to rebuild a meeting's document. */
  load(meetingId: string): Promise<StoredDoc>;
  /**
   * What a doc that has applied everything through `afterSeq` lacks: the
   * snapshot only when it covers more than `afterSeq` (a compaction ran
   * since), then the updates after both, read at one instant. `lastSeq` is
   * the seq the doc is caught up to once it applied them (at least `afterSeq`).
   * Updates whose seqs are in `known` (the caller holds them: its own
   * appends, or other processes' that fan-out delivered) are left out but
   * still count for `lastSeq`; a snapshot, when one is due, comes whole.
   */
  loadSince(meetingId: string, afterSeq: number, known?: ReadonlySet<number>): Promise<StoredDoc>;
  /**
   * Appends entries in one transaction, with what each commits with: the
   * text its update moved and the client ids it binds. An entry that would
   * bind a client id already bound to another user is written nothing of
   * (neither its bindings, nor its update, nor its attributions) and is
   * reported in `refused`; the others commit. Resolves once committed.
   */
  append(meetingId: string, entries: readonly AppendEntry[]): Promise<Appended>;

  /**
   * Atomically stores `snapshot` (which must hold every update up to and
   * including `throughSeq`) and deletes those updates from the log; rejects
   * with {@link StaleCompactionError} when a stored snapshot covers more.
   */
  compact(meetingId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Every Yjs client id bound to a user in this meeting (the guard's `clientOwner`). */
  loadBindings(meetingId: string): Promise<ClientBinding[]>;
  /**
   * Binds client ids to a user outside an append (seeding, imports; the
   * writer binds through {@link append}). A client id already bound keeps
   * its first owner (the call does not overwrite), so it never changes hands.
   */
  bindClients(meetingId: string, clientIds: readonly number[], userId: string): Promise<void>;
  /**
   * The meeting's moved-text attributions, sorted by client id and clock;
   * with `clientIds`, only those of these clients.
   */
  loadAttributions(meetingId: string, clientIds?: readonly number[]): Promise<TextAttribution[]>;
}

/** One update to append, and what commits with it or not at all. */
export interface AppendEntry {
  readonly update: Uint8Array;
  /** Text the update moved (see {@link TextAttribution}). */
  readonly attributions?: readonly TextAttribution[];
  /**
   * Client ids the update writes with that `userId` does not hold yet: bound
   * to them in the same transaction, unless one is another user's.
   */
  readonly binds?: { readonly userId: string; readonly clientIds: readonly number[] };
}

/** What an append committed. */
export interface Appended {
  /** The seq of the meeting's log once committed (its last update's, or where it stood). */
  lastSeq: number;
  /** The seqs of the entries written, in the order given. */
  seqs: number[];
  /**
   * The entries written nothing of (indexes into the appended list), each
   * with the bindings of other users that refused it.
   */
  refused: Array<{ entry: number; taken: ClientBinding[] }>;
}

/** Cross-process mutual exclusion per meeting (commands of several server processes). */
export interface MeetingLocks {
  /**
   * Runs `fn` holding the meeting's lock; waits for it first. The lock is
   * released when `fn` settles, or by the database if this process dies.
   */
  withLock<T>(meetingId: string, fn: () => Promise<T>): Promise<T>;
}

/** A Yjs client id and the user who first wrote with it in one meeting. */
export interface ClientBinding {
  clientId: number;
  userId: string;
}

/**
 * Who originally wrote text that an editor deleted and re-inserted (split,
 * join, move, block re-format): the `length` characters inserted by Yjs
 * client `clientId` from `clock` on are credited to `userId` (null: to no
 * known person), not to that client's user. Written once, never changed.
 */
export interface TextAttribution {
  clientId: number;
  clock: number;
  length: number;
  userId: string | null;
}

/** An account, as stored (password hash included). */
export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  language: Language;
  gender: string | null;
  createdAt: number;
}

/** The profile fields a user may change (e-mail and password are not among them). */
export type UserPatch = Partial<
  Pick<UserRow, 'name' | 'organisation' | 'orgType' | 'language' | 'gender'>
>;

/** A session; `id` is the SHA-256 hex of the cookie token, never the token. */
export interface SessionRow {
  id: string;
  userId: string;
  /** Idle expiry (extended on use), epoch ms. */
  expiresAt: number;
  /** Login time, epoch ms: sessions end at the latest 30 days after it. */
  createdAt: number;
  /** Last request made with it, epoch ms (written at most once a minute). */
  lastUsedAt: number;
  /** The browser's User-Agent at sign-in (at most 512 characters), or null. */
  userAgent: string | null;
}

/** A session to store: last used at sign-in and naming no device unless said. */
export type NewSession = Omit<SessionRow, 'lastUsedAt' | 'userAgent'> &
  Partial<Pick<SessionRow, 'lastUsedAt' | 'userAgent'>>;

/**
 * `DocStore.compact` rejects with this when a stored snapshot already covers
 * more (another process compacted first): nothing changed, nothing is lost.
 */
export class StaleCompactionError extends Error {
  constructor(meetingId: string, throughSeq: number) {
    super(
      `stale compaction for ${meetingId}: a stored snapshot already covers more than ${throughSeq}`,
    );
    this.name = 'StaleCompactionError';
  }
}

/** `AccountStore.createUser` rejects with this when the e-mail is already registered. */
export class DuplicateEmailError extends Error {
  constructor() {
    super('e-mail already registered');
    this.name = 'DuplicateEmailError';
  }
}

/** Users and sessions. */
export interface AccountStore {
  /** Rejects with {@link DuplicateEmailError} when `user.email` exists. */
  createUser(user: UserRow): Promise<void>;
  userByEmail(email: string): Promise<UserRow | null>;
  userById(id: string): Promise<UserRow | null>;
  usersByIds(ids: readonly string[]): Promise<UserRow[]>;
  /** Changes a user's profile fields; resolves with the updated row, or null when unknown. */
  updateUser(id: string, patch: UserPatch): Promise<UserRow | null>;
  createSession(session: NewSession): Promise<void>;
  sessionById(id: string): Promise<SessionRow | null>;
  /** A user's sessions, expired ones included until swept; most recently used first. */
  sessionsOfUser(userId: string): Promise<SessionRow[]>;
  updateSessionExpiry(id: string, expiresAt: number): Promise<void>;
  /** Records a use of the session (`lastUsedAt`); unknown ids are ignored. */
  touchSession(id: string, at: number): Promise<void>;
  /**
   * Sets a user's password hash and deletes every other session of theirs, in
   * one transaction: no session but `keepSessionId` outlives the change.
   * Resolves with the deleted sessions' ids, or null when the user is unknown
   * (then nothing changed).
   */
  changePassword(
    userId: string,
    passwordHash: string,
    keepSessionId: string,
  ): Promise<string[] | null>;
  deleteSession(id: string): Promise<void>;
  /** Deletes every session of a user; resolves with their ids. */
  deleteUserSessions(userId: string): Promise<string[]>;
  deleteExpiredSessions(now: number): Promise<void>;
}

export interface MeetingRow {
  id: string;
  title: string;
  startsAt: number | null;
  /** A copy of the document's venue ('' when none), kept for lists. */
  venue: string;
  createdBy: string;
  createdAt: number;
  /** A copy of the document's status, kept for lists (the document is the truth). */
  status: MeetingStatus;
}

/** A meeting as created: its status starts `scheduled`, its venue empty unless given. */
export type NewMeeting = Omit<MeetingRow, 'status' | 'venue'> & { venue?: string };

/** The meeting details the meetings row mirrors from the document; absent ones stay. */
export type MeetingDetails = Partial<Pick<MeetingRow, 'title' | 'startsAt' | 'venue'>>;

export interface MemberRow {
  meetingId: string;
  userId: string;
  role: Role;
  joinedAt: number;
  /**
   * The organisation they take part for in this meeting: copied from their
   * profile when they join, changed only by a chair. Endorsements, queue
   * entries, awareness, statistics and authorship use it, never the profile.
   */
  organisation: string;
  orgType: OrgType;
}

/**
 * A membership to insert or update. Without `organisation`/`orgType` a new
 * member takes their profile's (read in the same statement); an existing
 * member keeps theirs and only the role changes.
 */
export type NewMember = Omit<MemberRow, 'organisation' | 'orgType'> &
  Partial<Pick<MemberRow, 'organisation' | 'orgType'>>;

export interface InviteRow {
  /** SHA-256 hex of the invite token. */
  tokenHash: string;
  meetingId: string;
  role: Role;
  maxUses: number | null;
  uses: number;
  expiresAt: number | null;
  createdBy: string;
  createdAt: number;
  /** When a chair revoked it (it can no longer be used), or null. */
  revokedAt: number | null;
  /** The address the server e-mailed the link to (chairs only see it), or null for a link. */
  emailedTo: string | null;
}

/** An invite to store: not revoked and not e-mailed unless said. */
export type NewInvite = Omit<InviteRow, 'revokedAt' | 'emailedTo'> &
  Partial<Pick<InviteRow, 'revokedAt' | 'emailedTo'>>;

/** Why an invite cannot be used. */
export type InviteRefusal = 'unknown' | 'expired' | 'used_up' | 'revoked' | 'removed';

/** The outcome of a guarded membership change. */
export type MemberChange =
  { ok: true; previous: MemberRow } | { ok: false; reason: 'not_member' | 'last_chair' };

/** Meetings, members and invites. */
export interface MeetingStore {
  /** Creates the meeting and its first member (the creator, as chair) atomically. */
  createMeeting(meeting: NewMeeting): Promise<void>;
  meetingById(id: string): Promise<MeetingRow | null>;
  meetingsOfUser(userId: string): Promise<Array<MeetingRow & { role: Role }>>;
  renameMeeting(id: string, title: string): Promise<void>;
  /** Mirrors `meeting.setDetails`: sets the given fields of the meetings row. */
  setMeetingDetails(id: string, details: MeetingDetails): Promise<void>;
  setMeetingStatus(id: string, status: MeetingStatus): Promise<void>;
  member(meetingId: string, userId: string): Promise<MemberRow | null>;
  members(meetingId: string): Promise<MemberRow[]>;
  /** Inserts a membership (copying the profile's organisation, see {@link NewMember}) or changes its role. */
  putMember(member: NewMember): Promise<void>;
  /**
   * Sets a member's meeting organisation and type. Resolves with the
   * membership as it was before, or null when not a member.
   */
  setMemberOrganisation(
    meetingId: string,
    userId: string,
    organisation: string,
    orgType: OrgType,
  ): Promise<MemberRow | null>;
  removeMember(meetingId: string, userId: string): Promise<void>;
  /**
   * Atomically changes a member's role unless that would leave the meeting
   * without a chair. Resolves with the membership as it was before.
   */
  changeMemberRole(meetingId: string, userId: string, role: Role): Promise<MemberChange>;
  /**
   * Atomically removes a member unless they are the meeting's last chair.
   * With `removal` (a chair removed them, not a leave) the removal is
   * remembered in the same transaction: invites created at or before
   * `removal.at` no longer admit them (`useInvite` answers `removed`).
   */
  removeMemberKeepingChair(
    meetingId: string,
    userId: string,
    removal?: { at: number; by: string },
  ): Promise<MemberChange>;
  /** When a chair last removed this person from the meeting, or null. */
  removedAt(meetingId: string, userId: string): Promise<number | null>;
  /** Reads an invite without using it (null when unknown). */
  inviteByHash(tokenHash: string): Promise<InviteRow | null>;
  /** Stores a new invite (`revokedAt` defaults to null). */
  createInvite(invite: NewInvite): Promise<void>;
  /**
   * Deletes one of the meeting's invites outright: only for an invite whose
   * e-mail could not be sent, so that no link nobody received stays usable.
   */
  deleteInvite(meetingId: string, tokenHash: string): Promise<void>;
  /** A meeting's invites, revoked and used-up ones included, newest first. */
  invitesOfMeeting(meetingId: string): Promise<InviteRow[]>;
  /**
   * Revokes one of the meeting's invites (once: a second call keeps the first
   * time). Resolves with the invite as it was before, or null when the
   * meeting has no such invite.
   */
  revokeInvite(meetingId: string, tokenHash: string, now: number): Promise<InviteRow | null>;
  /**
   * Atomically checks an invite and records one use. Resolves with the invite
   * as it was, or with the reason it cannot be used. With `userId`, a person
   * a chair removed from the meeting after the invite was created is refused
   * (`removed`) and the use is not counted.
   */
  useInvite(
    tokenHash: string,
    now: number,
    userId?: string,
  ): Promise<{ ok: true; invite: InviteRow } | { ok: false; reason: InviteRefusal }>;
}

/** A password-reset link, as stored: `tokenHash` is the SHA-256 hex of the token in the link. */
export interface PasswordResetRow {
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  /** When it was used (or spent by another link of the same user being used), or null. */
  usedAt: number | null;
}

/** Why a password-reset link cannot be used. */
export type PasswordResetRefusal = 'unknown' | 'used' | 'expired';

/** The outcome of {@link PasswordResetStore.redeem}. */
export type PasswordResetOutcome =
  | { ok: true; userId: string; endedSessions: string[] }
  | { ok: false; reason: PasswordResetRefusal };

/** Password-reset links: created on request, used once. */
export interface PasswordResetStore {
  /**
   * Stores a new link. Rows of the same user that expired more than a day
   * before `row.createdAt` are deleted in the same transaction (the table
   * stays small; an older link then reads as unknown).
   */
  create(row: Omit<PasswordResetRow, 'usedAt'>): Promise<void>;
  /** Reads a link without using it (null when unknown). */
  byHash(tokenHash: string): Promise<PasswordResetRow | null>;
  /**
   * Atomically: checks the link (known, unused, `expiresAt > now`), sets the
   * user's password hash, marks every unused link of that user used, and
   * deletes every session of the user. Nothing changes when refused.
   */
  redeem(tokenHash: string, passwordHash: string, now: number): Promise<PasswordResetOutcome>;
}

/** A stored audit row: the same record the audit route answers with. */
export type AuditRow = AuditEntry;

/** An audit row to append: `count` defaults to 1. */
export type NewAuditRow = Omit<AuditRow, 'id' | 'count'> & { count?: number };

/** The audit log of commands and refused updates. */
export interface AuditStore {
  add(row: NewAuditRow): Promise<void>;
  /**
   * Records a refused command folded into one row per member, action, result
   * and window of `windowMs` (`floor(at / windowMs)`): the first refusal of
   * a window inserts the row (its payload and time are kept), each further
   * one adds 1 to its `count`. A flood of refusals costs one row per window.
   */
  addRefused(row: NewAuditRow, windowMs: number): Promise<void>;
  list(meetingId: string, opts?: AuditListOptions): Promise<AuditRow[]>;
}

/** Paging and filters of {@link AuditStore.list}; filters combine with AND. */
export interface AuditListOptions {
  limit?: number;
  /** Rows with a smaller id only (the next page). */
  beforeId?: number;
  /** Exactly this action (`queue.grant`), or a whole group when it has no dot (`queue` → `queue.*`). */
  action?: string;
  /** Rows of this user only. */
  userId?: string;
  /** Rows with exactly this result only (`ok`: accepted commands). */
  result?: string;
}

/** A named version of a meeting's document, as stored. */
export interface VersionRow {
  id: string;
  meetingId: string;
  label: string;
  /** Why it was saved: by hand or by the server (shared's `VersionKind`). */
  kind: VersionKind;
  /** The whole document (`Y.encodeStateAsUpdate`) when the version was saved. */
  snapshot: Uint8Array;
  /** Who saved it; null when the server did (or the account is gone). */
  createdBy: string | null;
  /** Epoch ms. */
  createdAt: number;
}

/** A version without its snapshot bytes: what lists show. */
export type VersionMeta = Omit<VersionRow, 'snapshot'>;

/** Named versions of meeting documents: immutable once saved. */
export interface VersionStore {
  /** Stores a version; rejects when `row.id` already exists. */
  save(row: VersionRow): Promise<void>;
  /** The meeting's versions without snapshots, newest first (ties by id, descending, on every backend). */
  list(meetingId: string): Promise<VersionMeta[]>;
  /** One version with its snapshot, or null when it is not one of this meeting's. */
  get(meetingId: string, id: string): Promise<VersionRow | null>;
}
