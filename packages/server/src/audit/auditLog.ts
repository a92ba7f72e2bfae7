import type { AuditStore } from '../store/Store.js';
import {
  REFUSAL_WINDOW_MS,
  acceptedPayload,
  acceptedPayloadMax,
  refusalPayload,
} from './payloads.js';

/**
 * The one way the server writes an audit row, for commands, membership and
 * invites alike: accepted actions kept whole, refusals kept short and folded
 * (see `payloads.ts`), so every row of the log is built by the same rules.
 */

/** One thing that happened in a meeting, as the audit log keeps it. */
export interface AuditEvent {
  meetingId: string;
  /** Who did it; null when nobody signed in did. */
  userId: string | null;
  /** A command type (`queue.grant`) or another action (`member.setRole`, `invite.create`). */
  action: string;
  /** `'ok'`, or the error code the action was refused with. */
  result: string;
  /**
   * Accepted: what was done, kept as JSON. Refused: a string is kept as the
   * summary it already is (`refusalPayload`); anything else is summarised as
   * a parsed command.
   */
  payload: unknown;
  /** Epoch ms. */
  at: number;
}

/** Writes audit rows. */
export interface AuditLog {
  /** Appends an accepted action, or folds a refusal into its minute's row. */
  record(event: AuditEvent): Promise<void>;
}

/**
 * The audit log over the store's audit table.
 * @example await createAuditLog(store.audit).record({ meetingId, userId, action: 'invite.revoke', result: 'ok', payload: { inviteId }, at: now() })
 */
export function createAuditLog(rows: AuditStore): AuditLog {
  return {
    record({ meetingId, userId, action, result, payload, at }) {
      if (result === 'ok')
        return rows.add({
          meetingId,
          userId,
          action,
          result,
          at,
          payload: acceptedPayload(payload, acceptedPayloadMax(action)),
        });
      const summary = typeof payload === 'string' ? payload : refusalPayload(payload, true);
      // A flood of refusals costs one row per member, action, result and minute.
      return rows.addRefused(
        { meetingId, userId, action, result, at, payload: summary },
        REFUSAL_WINDOW_MS,
      );
    },
  };
}
