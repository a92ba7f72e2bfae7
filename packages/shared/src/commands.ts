import { z } from 'zod';
import {
  MEETING_STATUSES,
  ORG_TYPES,
  RECOMMENDATION_STATUSES,
  REQUEST_KINDS,
} from './doc/shapes.js';
import { ErrorCode } from './errors.js';
import { COMMAND_TYPES, isCommandType, type CommandType } from './commandTypes.js';
import type { Same } from './same.js';

// The names live in commandTypes.ts (no zod); re-exported here so existing
// imports of them from this module keep working.
export { COMMAND_TYPES, isCommandType };
export type { CommandType };

/**
 * The commands of `POST /api/meetings/:id/commands`: one strict zod schema per
 * command type, discriminated on `type`. Strict objects refuse unknown keys so
 * that a client cannot smuggle identity fields (userId, organisation…) into a
 * command: identity comes from the server's records of the caller.
 */

/** Length limits of command fields (characters). */
export const CommandLimits = {
  id: 100,
  title: 200,
  description: 4_000,
  name: 120,
  organisation: 200,
  label: 200,
  /** Longest planned agenda item: a full day. */
  plannedMinutes: 24 * 60,
  /** Bounds of the default speaking time, seconds. */
  minSpeakingSeconds: 10,
  maxSpeakingSeconds: 60 * 60,
  /** Largest single timer extension, seconds. */
  maxExtendSeconds: 60 * 60,
  /** Largest position accepted (positions beyond the list are clamped). */
  maxIndex: 100_000,
} as const;

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
/** `meeting.queueSettings`: open/close the speakers' list, set the default speaking time. */
const MeetingQueueSettings = command('meeting.queueSettings', {
  listOpen: z.boolean().optional(),
  defaultSpeakingSeconds: z
    .number()
    .int()
    .min(CommandLimits.minSpeakingSeconds)
    .max(CommandLimits.maxSpeakingSeconds)
    .optional(),
}).refine((c) => c.listOpen !== undefined || c.defaultSpeakingSeconds !== undefined, {
  message: 'Give listOpen or defaultSpeakingSeconds',
});

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
/** `agenda.remove`: mark an item removed (kept as a record; never the active one). */
const AgendaRemove = command('agenda.remove', { itemId: id });
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

/** `queue.request`: the caller asks for the floor on the current agenda item. */
const QueueRequest = command('queue.request', { kind: z.enum(REQUEST_KINDS) });
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
/** `rec.setStatus`: draft, discussed, agreed or withdrawn (chair). */
const RecSetStatus = command('rec.setStatus', {
  recId: id,
  status: z.enum(RECOMMENDATION_STATUSES),
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

// --- versions --------------------------------------------------------------

/** `version.save`: store a named version of the document (chair). */
const VersionSave = command('version.save', { label: text(CommandLimits.label) });

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
  VersionSave,
  MeetingSuggestionsOnly,
  RecSuggestionSettings,
  SuggestionDecide,
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
