import type * as Y from 'yjs';
import type { CommandOf, CommandType, ErrorCode, OrgType, Role } from '@kenes/shared';

/**
 * Types shared by the command groups: who sends a command, what a handler
 * gets and returns, and how it refuses.
 */

/**
 * The sender of a command, from the server's records (account + membership).
 * Identity written into the document (queue entries, proposer, endorsements)
 * comes from here, never from the request body. `organisation` and `orgType`
 * are the membership's (fixed when they joined, changed only by a chair),
 * never the editable profile's.
 */
export interface Actor {
  userId: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  role: Role;
}

/** What an accepted command reports back (ids of what it created, …). */
export interface CommandOutput {
  entryId?: string;
  itemId?: string;
  recId?: string;
  label?: string;
  threadId?: string;
  replyId?: string;
  /** Title of what the command removed or restored (the text a chair hid), so the audit names it. */
  title?: string;
  /** Suggestions a `suggestion.decide` accepted or rejected, for the audit and the answer. */
  decided?: DecidedSuggestion[];
}

/** One suggestion as decided: whose, for which organisation, and its text. */
export interface DecidedSuggestion {
  id: string;
  kind: 'insertion' | 'deletion';
  by: string;
  /** The suggester's meeting organisation, from the server's member records ('' if unknown). */
  organisation: string;
  text: string;
}

/**
 * HTTP statuses a handler may refuse a command with (the part of
 * `CommandRefusalStatus` that is the handler's say).
 */
export type HandlerRefusalStatus = 403 | 404 | 409;

/** A refused command: nothing was written. */
export interface CommandRefusal {
  ok: false;
  status: HandlerRefusalStatus;
  code: ErrorCode;
  message: string;
}

/** The outcome of one command. */
export type CommandResult = { ok: true; result?: CommandOutput } | CommandRefusal;

/**
 * What a command needs from outside the document, read from the store before
 * its transaction (`commands/commandInputs.ts`), so handlers stay pure.
 */
export interface CommandInputs {
  /** `version.restore`: the version to restore, or null when the meeting has no such version. */
  version?: { label: string; snapshot: Uint8Array } | null;
  /**
   * `suggestion.decide`: each member's meeting organisation by user id, from
   * the server's records (a decision by organisation names the suggesters').
   */
  organisations?: ReadonlyMap<string, string>;
}

/** Everything a handler may use. The clock and id source are injected so handlers stay pure. */
export interface CommandContext {
  doc: Y.Doc;
  actor: Actor;
  /** Server time of the command, epoch ms. */
  now: number;
  /** Fresh unique ids for new records. */
  ids: () => string;
  /** What was read for the command before its transaction (empty for most commands). */
  inputs: CommandInputs;
}

/**
 * A handler of one command type. It checks everything first and throws a
 * {@link CommandRefusalError} before writing anything, then writes; it runs inside the
 * transaction `applyCommand` opens.
 */
export type Handler<T extends CommandType> = (
  ctx: CommandContext,
  command: CommandOf<T>,
) => CommandOutput | void;

/** One handler per command type; each group file supplies its share. */
export type Handlers = { [T in CommandType]: Handler<T> };

/**
 * Thrown by a handler's checks; `applyCommand` turns it into a
 * {@link CommandRefusal}. Throwing keeps deep lookups (`findEntry`) short.
 */
export class CommandRefusalError extends Error {
  constructor(
    readonly status: HandlerRefusalStatus,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRefusalError';
  }
}

/** Throws a {@link CommandRefusalError}. @example if (!entry) refuse(404, ErrorCode.notFound, 'No such entry') */
export function refuse(status: HandlerRefusalStatus, code: ErrorCode, message: string): never {
  throw new CommandRefusalError(status, code, message);
}
