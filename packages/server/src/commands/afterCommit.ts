import * as Y from 'yjs';
import { ErrorCode, type CommandOf, type CommandType } from '@kenes/shared';
import type { Store } from '../store/Store.js';
import type { AcceptedVersion } from '../versions/saveVersion.js';

/**
 * What a command does outside the document once its change is committed:
 * the table beside the handlers. Most commands have nothing here; a new one
 * that mirrors data elsewhere adds its row instead of a branch in a route.
 */

/** What the effects may use. */
export interface AfterCommitDeps {
  store: Store;
  /**
   * Stores a saved version; what it resolves with joins the answer
   * (`{ versionId }`). Without it `version.save` is refused as unavailable.
   */
  saveVersion?: (version: AcceptedVersion) => Promise<Record<string, unknown> | void>;
}

/** One accepted, committed command, as its effect sees it. */
export interface Committed<T extends CommandType> {
  meetingId: string;
  command: CommandOf<T>;
  userId: string;
  /** Server time the command applied, epoch ms. */
  at: number;
  /** What {@link AfterCommit.capture} read inside the transaction, else null. */
  captured: Uint8Array | null;
}

/** What an effect adds to the answer, or why the command cannot be completed. */
export type EffectResult =
  | { ok: true; extra?: Record<string, unknown> }
  | { ok: false; status: 503; code: ErrorCode; message: string };

/** The after-commit effect of one command type. */
export interface AfterCommit<T extends CommandType> {
  /** Reads, inside the room transaction after the command applied, what `run` needs of the doc. */
  capture?: (doc: Y.Doc) => Uint8Array;
  run(committed: Committed<T>, deps: AfterCommitDeps): Promise<EffectResult>;
}

/** The after-commit effects, by command type. */
export type AfterCommitTable = { [T in CommandType]?: AfterCommit<T> };

const DONE: EffectResult = { ok: true };

/** Every command's after-commit effect. */
export const AFTER_COMMIT: AfterCommitTable = {
  // The meetings list shows the stored title and status; keep them equal to the document's.
  'meeting.rename': {
    async run({ meetingId, command }, { store }) {
      await store.meetings.renameMeeting(meetingId, command.title);
      return DONE;
    },
  },
  // Lists show the title, date and venue: mirror the ones the command set (the description stays in the doc).
  'meeting.setDetails': {
    async run({ meetingId, command: { title, startsAt, venue } }, { store }) {
      if (title === undefined && startsAt === undefined && venue === undefined) return DONE;
      await store.meetings.setMeetingDetails(meetingId, {
        ...(title === undefined ? {} : { title }),
        ...(startsAt === undefined ? {} : { startsAt }),
        ...(venue === undefined ? {} : { venue }),
      });
      return DONE;
    },
  },
  'meeting.setStatus': {
    async run({ meetingId, command }, { store }) {
      await store.meetings.setMeetingStatus(meetingId, command.status);
      return DONE;
    },
  },
  // The document as the command saw it, in the command's place in the room's order.
  'version.save': {
    capture: (doc) => Y.encodeStateAsUpdate(doc),
    async run({ meetingId, command, userId, at, captured }, { saveVersion }) {
      if (!saveVersion || !captured) {
        return {
          ok: false,
          status: 503,
          code: ErrorCode.unavailable,
          message: 'Saving versions is not available',
        };
      }
      const extra = await saveVersion({
        meetingId,
        label: command.label,
        userId,
        at,
        state: captured,
      });
      return { ok: true, extra: extra ?? {} };
    },
  },
};

/** The effect of `type`, typed for it (the table's mapped type loses the link on lookup). */
export function afterCommitOf<T extends CommandType>(type: T): AfterCommit<T> | undefined {
  return AFTER_COMMIT[type] as AfterCommit<T> | undefined;
}
