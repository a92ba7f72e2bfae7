import type { Command } from '@kenes/shared';
import type { Store } from '../store/Store.js';
import type { CommandInputs } from './context.js';

/**
 * Reads what a command needs from the store before its room transaction
 * (handlers are pure: they get it as `ctx.inputs`). Most commands need
 * nothing; `version.restore` needs the version, looked up within the
 * command's own meeting only (another meeting's id reads as absent: 404);
 * `suggestion.decide` needs the members' organisations.
 */
export async function loadCommandInputs(
  store: Store,
  meetingId: string,
  command: Command,
): Promise<CommandInputs> {
  if (command.type === 'suggestion.decide') {
    const members = await store.meetings.members(meetingId);
    return { organisations: new Map(members.map((m) => [m.userId, m.organisation])) };
  }
  if (command.type !== 'version.restore') return {};
  const row = await store.versions.get(meetingId, command.versionId);
  return { version: row && { label: row.label, snapshot: row.snapshot } };
}
