import type * as Y from 'yjs';
import {
  readMeeting,
  readRecommendations,
  type CommandOf,
  type CommandType,
  type VersionKind,
} from '@kenes/shared';
import type { CommandInputs } from './context.js';

/**
 * Versions the server saves by itself around a command (issue 18): when a
 * recommendation becomes agreed, when the meeting closes, and the state just
 * before a restore. A table beside the handlers, like `afterCommit.ts`:
 * `runCommand` asks the command's planner inside the room transaction, before
 * the command applies, captures the document at the planned moment and, once
 * the command is committed, stores it through `saveVersion`. A `before` version
 * (the state a restore overwrites) is stored before the command runs: read
 * outside the transaction, then checked unchanged inside it, and saved again
 * there if an edit slipped in between.
 */

/** A version to save around one command. */
export interface AutoVersionPlan {
  kind: Exclude<VersionKind, 'manual'>;
  /** The title (`agreed`), the restored version's label (`restore`), '' (`closed`). */
  label: string;
  /** Capture the document before the command applies, or after it. */
  moment: 'before' | 'after';
}

/** Plans the version of one command type from the document before it applies, or null for none. */
export type AutoVersionPlanner<T extends CommandType> = (
  doc: Y.Doc,
  command: CommandOf<T>,
  inputs: CommandInputs,
) => AutoVersionPlan | null;

/** The planners, by command type. */
export type AutoVersionTable = { [T in CommandType]?: AutoVersionPlanner<T> };

/** Every command that saves a version by itself. */
export const AUTO_VERSIONS: AutoVersionTable = {
  // Only a real change to agreed: setting an agreed text agreed again saves nothing.
  'rec.setStatus'(doc, { recId, status }) {
    if (status !== 'agreed') return null;
    const rec = readRecommendations(doc).find((r) => r.id === recId);
    if (!rec || rec.status === 'agreed') return null;
    return { kind: 'agreed', label: rec.title, moment: 'after' };
  },
  'meeting.setStatus'(doc, { status }) {
    if (status !== 'closed' || readMeeting(doc).status === 'closed') return null;
    return { kind: 'closed', label: '', moment: 'after' };
  },
  // Not in a closed meeting: the restore is refused there (read-only), so nothing to keep.
  'version.restore'(doc, _command, { version }) {
    if (!version || readMeeting(doc).status === 'closed') return null;
    return { kind: 'restore', label: version.label, moment: 'before' };
  },
};

/** The planner of `type`, typed for it (the table's mapped type loses the link on lookup). */
export function autoVersionOf<T extends CommandType>(type: T): AutoVersionPlanner<T> | undefined {
  return AUTO_VERSIONS[type] as AutoVersionPlanner<T> | undefined;
}
