import { SUGGESTION_TIME_TOLERANCE_MS, editorRules, type EditorRules } from '@kenes/shared';
import type { UpdateGuard } from '../sync/interfaces.js';
import { checkUpdate } from './checkUpdate.js';
import { GuardDenial, denial } from './GuardDenial.js';
import { DEFAULT_GUARD_LIMITS, type GuardLimits } from './limits.js';
import { SuggestionShadows } from './suggestionCheck.js';

/** Options of {@link createUpdateGuard}. */
export interface UpdateGuardOptions {
  /** Overrides of the per-update caps (defaults: `Limits` of @kenes/shared). */
  limits?: Partial<GuardLimits>;
  /** What may lie inside a fragment (default: the editor's schema, `editorRules()`). */
  rules?: EditorRules;
  /** Server clock, epoch ms (default `Date.now`): what a new suggestion's time is checked against. */
  now?: () => number;
  /** How far a new suggestion's time may lie from `now` (default `SUGGESTION_TIME_TOLERANCE_MS`). */
  suggestionTimeToleranceMs?: number;
}

/**
 * The document guard: decides whether a client's update may be applied to
 * the room's doc. Deny by default: any broken rule, any decoding error and
 * any unexpected exception (a stack overflow on a hostile update, a bug)
 * yields `{ ok: false, code }` (a `GuardDenialCode` of @kenes/shared); the
 * guard never throws and never mutates `doc`.
 *
 * @example
 * const guard = createUpdateGuard();
 * const verdict = guard.check(room.doc, update, { principal, meetingStatus, clientOwner });
 * if (!verdict.ok) conn.close(CloseCode.forbidden, writeRefusalReason(verdict.kind, verdict.reason));
 * else if (!verdict.empty) { Y.applyUpdate(room.doc, update, origin); bind(verdict.clientIds); }
 */
export function createUpdateGuard(opts: UpdateGuardOptions = {}): UpdateGuard {
  const limits: GuardLimits = { ...DEFAULT_GUARD_LIMITS, ...opts.limits };
  const rules = opts.rules ?? editorRules();
  // Per room doc, built when a room first needs a suggestion check (see suggestionCheck.ts).
  const shadows = new SuggestionShadows({
    now: opts.now ?? Date.now,
    toleranceMs: opts.suggestionTimeToleranceMs ?? SUGGESTION_TIME_TOLERANCE_MS,
  });
  return {
    forget(doc) {
      shadows.forget(doc);
    },
    check(doc, update, ctx) {
      try {
        return checkUpdate(doc, update, ctx, limits, rules, shadows);
      } catch (err) {
        // lib0 decoding errors, JSON.parse errors, RangeError from a hostile
        // structure: all mean the update is not one Yjs should read.
        const d =
          err instanceof GuardDenial
            ? err
            : denial('unreadable', err instanceof Error ? err.message : String(err));
        return { ok: false, code: d.code, reason: d.reason, kind: d.kind };
      }
    },
  };
}
