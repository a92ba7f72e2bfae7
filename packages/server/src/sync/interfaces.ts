import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import {
  can,
  type GuardDenialCode,
  type MeetingStatus,
  type OrgType,
  type Role,
  type WriteRefusal,
} from '@kenes/shared';

/**
 * The interfaces between the sync layer and the rest of the server: who is
 * behind a socket (`Principal`) and who may connect (`UpgradeAuthorizer`),
 * which updates may be applied (`UpdateGuard`) — sync calls them, auth and
 * guard implement them —, and what HTTP asks of the rooms (`RoomAccess`,
 * `ConnectionControl`) — sync implements them.
 */

/**
 * Who is behind a socket, from the server's records, never the client.
 *
 * `member`: a person's session in a meeting they belong to. `display`: a
 * hall display link (kiosk) — narrower than an observer: it reads the
 * document and nothing else; its updates are refused like an observer's
 * (`mayEditTexts`), its awareness is dropped and it is sent none (it is
 * nobody in the presence list). Its `userId` is {@link displayPrincipal}'s
 * `display:<link id>` (user ids are UUIDs: no clash), so closing a member's
 * sockets also closes a revoked link's.
 */
export interface Principal {
  kind: 'member' | 'display';
  userId: string;
  /** Hash of the session the socket was opened with (to close it on logout). */
  sessionId: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  role: Role;
}

/** The principal of a hall display link `linkId` (its token's hash): see {@link Principal}. */
export function displayPrincipal(linkId: string): Principal {
  const id = displayPrincipalId(linkId);
  return {
    kind: 'display',
    userId: id,
    sessionId: id,
    name: '',
    organisation: '',
    orgType: 'other',
    role: 'observer',
  };
}

/** The `userId` of a display link's sockets (what revocation closes). */
export function displayPrincipalId(linkId: string): string {
  return `display:${linkId}`;
}

/**
 * True when the principal may write inside texts: the permission table for a
 * member, never for a display, whatever the table grants observers.
 */
export function mayEditTexts(p: Principal): boolean {
  return p.kind === 'member' && can(p.role, 'text.edit');
}

/** The answer to an upgrade request: a principal, or an HTTP refusal. */
export type UpgradeDecision =
  | { ok: true; principal: Principal }
  | { ok: false; status: 400 | 401 | 403 | 404 | 410 | 429 | 503; code: string; message: string };

/** Decides, before the WebSocket handshake, whether a request may open a socket. */
export interface UpgradeAuthorizer {
  authorize(req: IncomingMessage, meetingId: string): Promise<UpgradeDecision>;
}

/** What the guard knows of the sender and the room. */
export interface GuardContext {
  principal: Principal;
  meetingStatus: MeetingStatus;
  /** Yjs client id → user id bindings known for this meeting. */
  clientOwner(clientId: number): string | undefined;
  /**
   * How many more client ids the sender may bind in this meeting: under its
   * own cap and under the meeting's. Asked only when an update carries ids
   * bound to nobody yet. Absent: no cap.
   */
  clientIdRoom?(): { user: number; meeting: number };
}

/** The guard's verdict on one incoming update. */
export type GuardVerdict =
  | {
      ok: true;
      /** True when the update holds nothing the doc lacks (a no-op sync step 2). */
      empty: boolean;
      /** Client ids that carry new structs in the update (to bind to the sender). */
      clientIds: number[];
    }
  | {
      ok: false;
      /** The rule that denied it. */
      code: GuardDenialCode;
      /** The code's message: logged, and the detail of the close reason. */
      reason: string;
      /** What an honest sender should do (the code's kind). */
      kind: WriteRefusal;
    };

/** Checks a whole update against the room's doc before anything is applied. */
export interface UpdateGuard {
  check(doc: Y.Doc, update: Uint8Array, ctx: GuardContext): GuardVerdict;
  /**
   * Forget what the guard keeps of `doc` between checks: an update it
   * accepted was not applied after all (a quota, a foreign binding, a store
   * failure). Optional: a stateless guard keeps nothing.
   */
  forget?(doc: Y.Doc): void;
}

/**
 * What HTTP handlers may ask of open sockets: the sync layer implements it,
 * auth and membership routes call it so that logout and role changes reach
 * open sockets at once.
 */
export interface ConnectionControl {
  /** Closes every socket opened with this session (logout). */
  closeSession(sessionId: string, code: number, reason: string): void;
  /** Closes every socket of a user in one meeting (removed member). */
  closeMember(meetingId: string, userId: string, code: number, reason: string): void;
  /** Applies a new role to a member's open sockets (demotion to observer is read-only at once). */
  setMemberRole(meetingId: string, userId: string, role: Role): void;
}

/**
 * Server-side writes to a meeting's document (commands). `fn` runs on the
 * live doc inside one transaction with the server as origin; the resulting
 * update is committed before it is broadcast. If `fn` throws, nothing is
 * written and the error propagates. Calls on one meeting are serialized with
 * incoming client updates.
 */
export interface RoomAccess {
  transact<T>(meetingId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /** Runs `fn` on the current doc without writing (reads, exports). */
  read<T>(meetingId: string, fn: (doc: Y.Doc) => T): Promise<T>;
}
