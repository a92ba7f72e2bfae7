import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { ErrorCode, can, readMeeting, type Command, type CommandType } from '@kenes/shared';
import {
  CommandRefusalError,
  refuse,
  type Actor,
  type CommandContext,
  type CommandInputs,
  type CommandOutput,
  type CommandResult,
  type Handler,
  type Handlers,
} from './context.js';
import { agendaHandlers } from './agenda.js';
import { meetingHandlers } from './meeting.js';
import { queueHandlers } from './queue.js';
import { commentHandlers } from './comments.js';
import { positionHandlers } from './positions.js';
import { recommendationHandlers } from './recommendations.js';
import { restoreHandlers } from './restoreVersion.js';
import { suggestionHandlers } from './suggestions.js';
import { versionHandlers } from './versions.js';
import { SERVER_ORIGIN } from '../sync/origin.js';

const HANDLERS: Handlers = {
  ...meetingHandlers,
  ...agendaHandlers,
  ...queueHandlers,
  ...recommendationHandlers,
  ...positionHandlers,
  ...commentHandlers,
  ...versionHandlers,
  ...suggestionHandlers,
  ...restoreHandlers,
};

/**
 * Commands a closed meeting still takes: the chair reopening it, and saving a
 * version (which reads the document and writes nothing to it — a chair
 * naturally saves the final text after closing).
 */
const OPEN_WHEN_CLOSED: ReadonlySet<CommandType> = new Set<CommandType>([
  'meeting.setStatus',
  'version.save',
]);

/** How much a transaction has written so far: the local clock plus deleted ranges. */
function writeMark(doc: Y.Doc, tr: Y.Transaction): number {
  let deletes = 0;
  for (const ranges of tr.deleteSet.clients.values()) deletes += ranges.length;
  return Y.getState(doc.store, doc.clientID) + deletes;
}

/**
 * Applies one validated command to a meeting's document, in one transaction
 * with {@link SERVER_ORIGIN} (in a room, nested in the writer's server
 * transaction, which has the same origin), and says what happened. Pure: no I/O; the clock
 * (`now`) and the id source are injected.
 *
 * Order of checks: the role table (403), then a closed meeting (409
 * `meeting_closed`), then the command's own rules (403/404/409). A refused
 * command writes nothing: handlers check before they write.
 *
 * @example
 * const result = applyCommand(doc, { type: 'queue.request', kind: 'speak' }, actor, Date.now());
 * if (result.ok) console.log(result.result?.entryId);
 */
export function applyCommand(
  doc: Y.Doc,
  command: Command,
  actor: Actor,
  now: number,
  ids: () => string = randomUUID,
  inputs: CommandInputs = {},
): CommandResult {
  if (!can(actor.role, command.type)) {
    return {
      ok: false,
      status: 403,
      code: ErrorCode.forbidden,
      message: `A ${actor.role} may not send ${command.type}`,
    };
  }
  const ctx: CommandContext = { doc, actor, now, ids, inputs };
  let result: CommandResult = { ok: true };
  doc.transact((tr) => {
    const before = writeMark(doc, tr);
    try {
      if (readMeeting(doc).status === 'closed' && !OPEN_WHEN_CLOSED.has(command.type)) {
        refuse(409, ErrorCode.meetingClosed, 'The meeting is closed');
      }
      // The handler table is indexed by the command's own type, so the pair
      // matches; TypeScript cannot correlate the two, hence the cast.
      const handler = HANDLERS[command.type] as Handler<CommandType> as (
        c: CommandContext,
        cmd: Command,
      ) => CommandOutput | void;
      const output = handler(ctx, command);
      result = output ? { ok: true, result: output } : { ok: true };
    } catch (err) {
      if (!(err instanceof CommandRefusalError)) throw err;
      if (writeMark(doc, tr) !== before) {
        // A handler bug: the refusal came after a write that Yjs cannot take back.
        throw new Error(`${command.type} refused after writing: ${err.message}`, { cause: err });
      }
      result = { ok: false, status: err.status, code: err.code, message: err.message };
    }
  }, SERVER_ORIGIN);
  return result;
}
