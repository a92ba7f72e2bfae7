/**
 * The names of every command, on their own so that code which only needs the
 * names (the permission table in `roles.ts`, hence the client) does not pull
 * in the zod schemas of `commands.ts`. `commands.ts` checks at compile time
 * that this list and its schema union name the same types.
 */

/** Every command type, in the order of DESIGN.md. */
export const COMMAND_TYPES = [
  'meeting.setStatus',
  'meeting.rename',
  'meeting.setDetails',
  'meeting.queueSettings',
  'agenda.add',
  'agenda.update',
  'agenda.move',
  'agenda.remove',
  'agenda.start',
  'agenda.complete',
  'queue.request',
  'queue.withdraw',
  'queue.grant',
  'queue.finish',
  'queue.move',
  'queue.remove',
  'queue.addSpeaker',
  'queue.timer',
  'rec.create',
  'rec.rename',
  'rec.setStatus',
  'rec.endorse',
  'rec.unendorse',
  'rec.remove',
  'rec.restore',
  'position.set',
  'position.clear',
  'comment.create',
  'comment.reply',
  'comment.resolve',
  'comment.reopen',
  'comment.hide',
  'version.save',
  // Suggestions (issue 18).
  'meeting.suggestionsOnly',
  'rec.suggestionSettings',
  'suggestion.decide',
  'version.restore',
] as const;

/** One command type name. */
export type CommandType = (typeof COMMAND_TYPES)[number];

/** True when `value` names a command type. */
export function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && (COMMAND_TYPES as readonly string[]).includes(value);
}
