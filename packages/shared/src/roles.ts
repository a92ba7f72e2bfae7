import { COMMAND_TYPES, type CommandType } from './commandTypes.js';

/**
 * Roles a member holds in one meeting, and the one permission table (`can`)
 * that HTTP routes, the sync guard and the UI all consult, so that what the
 * UI offers and what the server accepts never drift apart.
 */
export const ROLES = ['chair', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** True when `value` is a role name. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Order of roles by power: a higher rank may do everything a lower one may. */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  observer: 0,
  participant: 1,
  chair: 2,
};

/** Actions that are not commands: direct text edits and HTTP-only operations. */
export const OTHER_ACTIONS = [
  'text.edit',
  'members.manage',
  'invites.create',
  'audit.read',
  'export',
  'display.manage',
] as const;

/** Every action the permission table rules on. */
export const ACTIONS = [...COMMAND_TYPES, ...OTHER_ACTIONS] as const;

/** One action: a command type or one of {@link OTHER_ACTIONS}. */
export type Action = CommandType | (typeof OTHER_ACTIONS)[number];

/**
 * The least role an action needs. A `Record` over every action so that a new
 * command cannot be added without deciding who may send it.
 *
 * Per-record checks the table cannot express live in the command logic:
 * a participant withdraws only its own request, renames only its own
 * recommendation and endorses only for its own organisation.
 */
const LEAST_ROLE: Readonly<Record<Action, Role>> = {
  'meeting.setStatus': 'chair',
  'meeting.rename': 'chair',
  'meeting.setDetails': 'chair',
  'meeting.queueSettings': 'chair',
  'agenda.add': 'chair',
  'agenda.update': 'chair',
  'agenda.move': 'chair',
  'agenda.remove': 'chair',
  'agenda.start': 'chair',
  'agenda.complete': 'chair',
  'queue.request': 'participant',
  'queue.withdraw': 'participant',
  'queue.grant': 'chair',
  'queue.finish': 'chair',
  'queue.move': 'chair',
  'queue.remove': 'chair',
  'queue.addSpeaker': 'chair',
  'queue.timer': 'chair',
  'rec.create': 'participant',
  'rec.rename': 'participant',
  'rec.setStatus': 'chair',
  'rec.endorse': 'participant',
  'rec.unendorse': 'participant',
  'rec.remove': 'chair',
  'rec.restore': 'chair',
  // An organisation's own position: its members (a chair's organisation too), never observers.
  'position.set': 'participant',
  'position.clear': 'participant',
  // Comments: participants and chairs post; observers read. Hiding an abusive one is the chair's.
  'comment.create': 'participant',
  'comment.reply': 'participant',
  'comment.resolve': 'participant',
  'comment.reopen': 'participant',
  'comment.hide': 'chair',
  'version.save': 'chair',
  // Suggestions (issue 18). A proposer decides only where the chair allows it (the handler checks).
  'meeting.suggestionsOnly': 'chair',
  'rec.suggestionSettings': 'chair',
  'suggestion.decide': 'participant',
  'version.restore': 'chair',
  'text.edit': 'participant',
  'members.manage': 'chair',
  'invites.create': 'chair',
  'audit.read': 'chair',
  // Observers see everything live, so exporting what they see is a read.
  export: 'observer',
  // Hall display links: whoever runs the room decides what the hall screen may open.
  'display.manage': 'chair',
};

/**
 * True when `role` may perform `action`. Unknown roles or actions are denied.
 * @example if (!can(member.role, command.type)) throw new AppError(403, ...)
 */
export function can(role: Role, action: Action): boolean {
  // Deny by default: values from outside TypeScript (a stale client, a bad row) may be anything.
  if (!isRole(role) || !Object.hasOwn(LEAST_ROLE, action)) return false;
  return ROLE_RANK[role] >= ROLE_RANK[LEAST_ROLE[action]];
}

/** The least role that may perform `action` (for UI hints and docs). */
export function leastRoleFor(action: Action): Role {
  return LEAST_ROLE[action];
}
