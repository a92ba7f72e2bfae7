import { z } from 'zod';
import { parseRelativePosition } from './presence.js';
import {
  BUDGET_SCOPES,
  CommentLimits,
  POSITION_KINDS,
  positionNeedsText,
  MEETING_STATUSES,
  ORG_TYPES,
  RECOMMENDATION_STATUSES,
  REQUEST_KINDS,
} from './doc/shapes.js';
import { SpeakingLimits } from './doc/speakingRules.js';
import { ErrorCode } from './errors.js';
import { COMMAND_TYPES, isCommandType, type CommandType } from './commandTypes.js';
import type { Same } from './same.js';
import { CommandLimits } from './commandLimits.js';

// The names live in commandTypes.ts (no zod); re-exported here so existing
// imports of them from this module keep working.
export { COMMAND_TYPES, isCommandType };
export type { CommandType };
// The limits live in commandLimits.ts (no zod either): a client importing them must not
// construct the schemas (zod's eval probe breaks the CSP).
export { CommandLimits };

/**
 * The commands of `POST /api/meetings/:id/commands`: one strict zod schema per
 * command type, discriminated on `type`. Strict objects refuse unknown keys so
 * that a client cannot smuggle identity fields (userId, organisation…) into a
 * command: identity comes from the server's records of the caller.
 */

const id = z.string().min(1).max(CommandLimits.id);
/** Trimmed, non-empty, bounded text: a title or a name. */
const text = (max: number) => z.string().trim().min(1).max(max);
const position = z.number().int().min(0).max(CommandLimits.maxIndex);
const plannedMinutes = z.number().int().min(0).max(CommandLimits.plannedMinutes);

/** Builds the schema of one command: `{ type, ...fields }`, unknown keys refused. */
function command<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...shape });
}

// --- meeting ---------------------------------------------------------------

/**
 * `meeting.setStatus`: move the meeting along scheduled → live ⇄ adjourned → closed.
 * Closing while someone has the floor ends that turn, so it needs
 * `endCurrentTurn: true` (else 409 `confirmation_required`), as `agenda.complete` does.
 */
const MeetingSetStatus = command('meeting.setStatus', {
  status: z.enum(MEETING_STATUSES),
  endCurrentTurn: z.boolean().optional(),
});
/** `meeting.rename`: change the meeting's title. */
const MeetingRename = command('meeting.rename', { title: text(CommandLimits.title) });
/**
 * `meeting.setDetails`: the meeting's title, date and time (`startsAt`, epoch ms;
 * null clears it), venue and description (empty clears them). Only the fields
 * given change. The document holds them; the meetings list mirrors title, date
 * and venue.
 */
const MeetingSetDetails = command('meeting.setDetails', {
  title: text(CommandLimits.title).optional(),
  startsAt: z
    .number()
    .int()
    .min(CommandLimits.minStartsAt)
    .max(CommandLimits.maxStartsAt)
    .nullable()
    .optional(),
  venue: z.string().trim().max(CommandLimits.venue).optional(),
  description: z.string().max(CommandLimits.description).optional(),
}).refine(
  (c) =>
    c.title !== undefined ||
    c.startsAt !== undefined ||
    c.venue !== undefined ||
    c.description !== undefined,
  { message: 'Give title, startsAt, venue or description' },
);
const turnSeconds = z
  .number()
  .int()
  .min(CommandLimits.minSpeakingSeconds)
  .max(CommandLimits.maxSpeakingSeconds);
/** One time budget (see `TimeBudget`): a type of organisation or an organisation's name. */
const Budget = z
  .strictObject({
    scope: z.enum(BUDGET_SCOPES),
    target: text(SpeakingLimits.maxTargetLength),
    seconds: z
      .number()
      .int()
      .min(SpeakingLimits.minBudgetSeconds)
      .max(SpeakingLimits.maxBudgetSeconds),
  })
  .refine((b) => b.scope !== 'orgType' || (ORG_TYPES as readonly string[]).includes(b.target), {
    message: 'target must be a type of organisation',
    path: ['target'],
  });
/**
 * `meeting.queueSettings`: the speaking rules. Open/close the speakers' list,
 * set the speaking time per kind of turn (`defaultSpeakingSeconds`, the older
 * form, sets `speak`), and replace the time budgets (`budgets`, the whole
 * list). Fields left out stay as they are.
 */
const MeetingQueueSettings = command('meeting.queueSettings', {
  listOpen: z.boolean().optional(),
  defaultSpeakingSeconds: turnSeconds.optional(),
  speakingSeconds: z
    .strictObject({
      speak: turnSeconds.optional(),
      reply: turnSeconds.optional(),
      point_of_order: turnSeconds.optional(),
    })
    .optional(),
  budgets: z.array(Budget).max(SpeakingLimits.maxBudgets).optional(),
}).refine(
  (c) =>
    c.listOpen !== undefined ||
    c.defaultSpeakingSeconds !== undefined ||
    c.speakingSeconds !== undefined ||
    c.budgets !== undefined,
  { message: 'Give listOpen, defaultSpeakingSeconds, speakingSeconds or budgets' },
);

// --- agenda ----------------------------------------------------------------

/** `agenda.add`: a new pending item, at `index` among the visible items or at the end. */
const AgendaAdd = command('agenda.add', {
  title: text(CommandLimits.title),
  description: z.string().max(CommandLimits.description).optional(),
  plannedMinutes: plannedMinutes.optional(),
  index: position.optional(),
});
/** `agenda.update`: change an item's title, description or planned minutes. */
const AgendaUpdate = command('agenda.update', {
  itemId: id,
  title: text(CommandLimits.title).optional(),
  description: z.string().max(CommandLimits.description).optional(),
  plannedMinutes: plannedMinutes.optional(),
}).refine(
  (c) => c.title !== undefined || c.description !== undefined || c.plannedMinutes !== undefined,
  { message: 'Give title, description or plannedMinutes' },
);
/** `agenda.move`: put an item at `toIndex` among the visible (not removed) items. */
const AgendaMove = command('agenda.move', { itemId: id, toIndex: position });
/**
 * `agenda.remove`: mark an item removed (kept as a record; never the active
 * one). Requests waiting on it (pre-inscriptions) are never ended silently:
 * `waitingRequests: 'end'` must say so, else 409 `confirmation_required`.
 */
const AgendaRemove = command('agenda.remove', {
  itemId: id,
  waitingRequests: z.literal('end').optional(),
});
/**
 * What ending the item under discussion does to what is still running on it.
 * The server never ends a turn or waiting requests silently: when a speaker
 * has the floor, `endCurrentTurn: true` must say so; when requests wait,
 * `waitingRequests` must say whether they `move` to the next item (the one
 * started, or for `agenda.complete` the next pending item) or `end`. Without
 * the needed choice the command is refused 409 `confirmation_required`.
 */
const endingChoices = {
  endCurrentTurn: z.boolean().optional(),
  waitingRequests: z.enum(['move', 'end']).optional(),
};
/** `agenda.start`: make an item the current one, completing the active one (see {@link endingChoices}). */
const AgendaStart = command('agenda.start', { itemId: id, ...endingChoices });
/** `agenda.complete`: end the active item (or the named one, which must be active). */
const AgendaComplete = command('agenda.complete', {
  itemId: id.optional(),
  ...endingChoices,
});

// --- queue -----------------------------------------------------------------

/**
 * `queue.request`: the caller asks for the floor on the current agenda item,
 * or — with `agendaItemId` naming a pending item — inscribes to speak on that
 * item before it starts (pre-inscription: `speak` only; the request waits on
 * that item and is on its list when it starts).
 */
const QueueRequest = command('queue.request', {
  kind: z.enum(REQUEST_KINDS),
  agendaItemId: id.optional(),
});
/** `queue.withdraw`: the caller withdraws its own waiting request. */
const QueueWithdraw = command('queue.withdraw', { entryId: id });
/**
 * `queue.grant`: give the floor to the chosen waiting entry, or to the next in
 * line. What the sender saw travels with it so that a double click or two
 * chairs acting at once never skip a speaker: `entryId` is the entry shown
 * (as next, or chosen) and `speakingEntryId` the entry shown with the floor
 * (null: nobody); when either no longer holds the command is refused 409
 * `stale`. The web client always sends both; an API client that omits them
 * acts on the state the server holds when the command arrives.
 */
const QueueGrant = command('queue.grant', {
  entryId: id.optional(),
  speakingEntryId: id.nullable().optional(),
});
/**
 * `queue.finish`: end the current speaker's turn. `entryId` names the turn the
 * sender ends (409 `stale` when someone else has the floor by then); the web
 * client always sends it.
 */
const QueueFinish = command('queue.finish', { entryId: id.optional() });
/** `queue.move`: reorder a waiting entry to `toIndex` among its item's waiting entries. */
const QueueMove = command('queue.move', { entryId: id, toIndex: position });
/** `queue.remove`: take a waiting (or speaking) entry off the list, kept as `removed`. */
const QueueRemove = command('queue.remove', { entryId: id });
/** `queue.addSpeaker`: the chair adds an in-room speaker who has no device. */
const QueueAddSpeaker = command('queue.addSpeaker', {
  name: text(CommandLimits.name),
  organisation: text(CommandLimits.organisation),
  orgType: z.enum(ORG_TYPES),
  kind: z.enum(REQUEST_KINDS).optional(),
});
/** `queue.timer`: pause, resume or extend (by `seconds`, required then) the speaker's time. */
const QueueTimer = command('queue.timer', {
  action: z.enum(['pause', 'resume', 'extend']),
  /** The speaker whose time the sender changes (409 `stale` when the floor changed). */
  entryId: id.optional(),
  seconds: z.number().int().min(1).max(CommandLimits.maxExtendSeconds).optional(),
}).refine((c) => (c.action === 'extend') === (c.seconds !== undefined), {
  message: 'seconds is required with extend and only with extend',
  path: ['seconds'],
});

// --- recommendations -------------------------------------------------------

/** `rec.create`: propose a recommendation under an agenda item (empty text). */
const RecCreate = command('rec.create', {
  agendaItemId: id,
  title: text(CommandLimits.title),
});
/** `rec.rename`: change a recommendation's title (chair or proposer). */
const RecRename = command('rec.rename', { recId: id, title: text(CommandLimits.title) });
/**
 * `rec.setStatus`: draft, discussed, agreed or withdrawn (chair). Agreeing a
 * text while an organisation objects needs `confirmObjections: true` (else 409
 * `confirmation_required`, naming the objecting organisations). Agreeing
 * freezes the positions of that moment into the record (`agreedPositions`).
 */
const RecSetStatus = command('rec.setStatus', {
  recId: id,
  status: z.enum(RECOMMENDATION_STATUSES),
  confirmObjections: z.boolean().optional(),
});
/** `rec.endorse`: endorse for the caller's own organisation. */
const RecEndorse = command('rec.endorse', { recId: id });
/** `rec.unendorse`: withdraw the caller's organisation's endorsement. */
const RecUnendorse = command('rec.unendorse', { recId: id });
/**
 * `rec.remove`: take a recommendation out of the room (chair). It is kept with
 * its text and endorsements and can be brought back with `rec.restore`.
 */
const RecRemove = command('rec.remove', { recId: id });
/** `rec.restore`: bring a removed recommendation back, as it was (chair). */
const RecRestore = command('rec.restore', { recId: id });

// --- positions -------------------------------------------------------------

/**
 * `position.set`: the caller's organisation (the meeting's) takes a position on
 * a recommendation, replacing the organisation's earlier one, whoever of its
 * members set it. A reservation or objection needs `text`; the others take none.
 * Refused 409 once the text is agreed (or withdrawn).
 */
const PositionSet = command('position.set', {
  recId: id,
  kind: z.enum(POSITION_KINDS),
  text: z.string().trim().max(CommandLimits.positionText).optional(),
}).superRefine((c, ctx) => {
  const needs = positionNeedsText(c.kind);
  const has = c.text !== undefined && c.text.length > 0;
  if (needs && !has)
    ctx.addIssue({ code: 'custom', path: ['text'], message: `${c.kind} needs a text` });
  if (!needs && has)
    ctx.addIssue({ code: 'custom', path: ['text'], message: `${c.kind} takes no text` });
});
/** `position.clear`: the caller's organisation withdraws its position (until the text is agreed). */
const PositionClear = command('position.clear', { recId: id });

// --- comments --------------------------------------------------------------

/** A Yjs relative position as JSON, read strictly (shared `parseRelativePosition`). */
const relativePosition = z.unknown().transform((v, ctx) => {
  const parsed = parseRelativePosition(v);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'not a relative position' });
    return z.NEVER;
  }
  return parsed;
});
const commentText = text(CommentLimits.text);
/**
 * `comment.create`: start a thread on a range of a recommendation's text. The
 * anchor (relative positions made by the client) must resolve into that
 * recommendation's text; `quote` is the text selected, kept for when it is gone.
 */
const CommentCreate = command('comment.create', {
  recId: id,
  anchor: z.strictObject({ start: relativePosition, end: relativePosition }),
  quote: text(CommentLimits.quote),
  text: commentText,
});
/** `comment.reply`: answer a thread. */
const CommentReply = command('comment.reply', { threadId: id, text: commentText });
/** `comment.resolve` / `comment.reopen`: the thread's author or a chair. */
const CommentResolve = command('comment.resolve', { threadId: id });
const CommentReopen = command('comment.reopen', { threadId: id });
/** `comment.hide`: a chair removes an abusive comment's (or reply's) text; the audit keeps it. */
const CommentHide = command('comment.hide', { threadId: id, replyId: id.optional() });

// --- versions --------------------------------------------------------------

/** `version.save`: store a named version of the document (chair). */
const VersionSave = command('version.save', { label: text(CommandLimits.label) });
/**
 * `version.restore`: the recommendations (their set, titles, statuses and
 * texts) become those of a saved version, as a new change (chair). The
 * current state is saved as a version first; agenda, queue and record stay.
 */
const VersionRestore = command('version.restore', { versionId: id });

// --- suggestions (issue 18) ------------------------------------------------

/** `meeting.suggestionsOnly`: participants may only suggest changes, in every text (chair). */
const MeetingSuggestionsOnly = command('meeting.suggestionsOnly', { on: z.boolean() });
/**
 * `rec.suggestionSettings`: one text "suggestions only" for participants, and
 * whether its proposer may accept and reject suggestions (chair).
 */
const RecSuggestionSettings = command('rec.suggestionSettings', {
  recId: id,
  suggestionsOnly: z.boolean().optional(),
  proposerDecides: z.boolean().optional(),
});
/**
 * `suggestion.decide`: accept or reject one suggestion (`suggestionId`), every
 * suggestion of one organisation (`organisation`), or all of them (neither)
 * in one text. The chair, or the proposer where the chair allows it.
 */
const SuggestionDecide = command('suggestion.decide', {
  recId: id,
  decision: z.enum(['accept', 'reject']),
  suggestionId: id.optional(),
  organisation: text(CommandLimits.organisation).optional(),
}).refine((c) => c.suggestionId === undefined || c.organisation === undefined, {
  message: 'one suggestion or one organisation, not both',
  path: ['organisation'],
});

/** The schema of any command: a union discriminated on `type`. */
export const CommandSchema = z.discriminatedUnion('type', [
  MeetingSetStatus,
  MeetingRename,
  MeetingSetDetails,
  MeetingQueueSettings,
  AgendaAdd,
  AgendaUpdate,
  AgendaMove,
  AgendaRemove,
  AgendaStart,
  AgendaComplete,
  QueueRequest,
  QueueWithdraw,
  QueueGrant,
  QueueFinish,
  QueueMove,
  QueueRemove,
  QueueAddSpeaker,
  QueueTimer,
  RecCreate,
  RecRename,
  RecSetStatus,
  RecEndorse,
  RecUnendorse,
  RecRemove,
  RecRestore,
  PositionSet,
  PositionClear,
  CommentCreate,
  CommentReply,
  CommentResolve,
  CommentReopen,
  CommentHide,
  VersionSave,
  MeetingSuggestionsOnly,
  RecSuggestionSettings,
  SuggestionDecide,
  VersionRestore,
]);

/** A validated command. */
export type Command = z.infer<typeof CommandSchema>;

/** The command of one type. @example CommandOf<'queue.request'>['kind'] */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

// Compile-time check that COMMAND_TYPES and the union name the same types.
const _typesMatch: Same<CommandType, Command['type']> = true;

/** The outcome of {@link parseCommand}. */
export type ParseCommandResult =
  | { ok: true; command: Command }
  | {
      ok: false;
      /** `unknown_command` when `type` is missing or unknown, else `validation_failed`. */
      code: typeof ErrorCode.unknownCommand | typeof ErrorCode.validation;
      message: string;
    };

/**
 * Validates a request body as a command. Never throws.
 * @example
 * const parsed = parseCommand(await c.req.json());
 * if (!parsed.ok) throw new AppError(400, parsed.code, parsed.message);
 */
export function parseCommand(body: unknown): ParseCommandResult {
  const type =
    typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  if (!isCommandType(type)) {
    const shown = typeof type === 'string' ? `'${type.slice(0, 60)}'` : 'missing';
    return { ok: false, code: ErrorCode.unknownCommand, message: `Unknown command type: ${shown}` };
  }
  const parsed = CommandSchema.safeParse(body);
  if (parsed.success) return { ok: true, command: parsed.data };
  const message = parsed.error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return { ok: false, code: ErrorCode.validation, message: `Invalid ${type}: ${message}` };
}
