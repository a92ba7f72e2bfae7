import { speakingElapsedMs, type QueueEntry, type TimeBudget } from './shapes.js';
import { SpeakingLimits } from './speakingRules.js';

/** One budget at one instant. */
export interface BudgetUsage {
  budget: TimeBudget;
  /** Time spoken by the budget's members, ms (never negative). */
  usedMs: number;
  /** Time left, ms; negative once the budget is overrun. */
  remainingMs: number;
  /** Used up: nothing left (a warning to the chair; nobody is cut off). */
  exhausted: boolean;
  /** A member of the budget has the floor now (its time is running down). */
  current: boolean;
}

/** Longest one turn may count for: a bad stored value cannot swamp a budget. */
const MAX_TURN_MS = SpeakingLimits.maxExtendedTurnSeconds * 1000 * 2;

/**
 * How organisation names are compared: `organisationKey` (confusables folded,
 * what the server keys by). Passed in rather than imported, so a browser
 * showing budgets by type never loads the confusables table it needs.
 */
export type OrganisationKeyOf = (name: string) => string;

/** True when the turn `entry` counts against `budget`; names compared by `keyOf`. */
export function budgetCovers(
  budget: TimeBudget,
  entry: QueueEntry,
  keyOf: OrganisationKeyOf,
): boolean {
  return budget.scope === 'orgType'
    ? entry.orgType === budget.target
    : keyOf(entry.organisation) === keyOf(budget.target);
}

/** Time a turn has used at server time `now`, ms, within [0, MAX_TURN_MS]. */
export function turnUsedMs(entry: QueueEntry, now: number): number {
  // A request that never had the floor used nothing, whatever its fields say.
  if (entry.grantedAt === null || entry.status === 'waiting' || entry.status === 'withdrawn')
    return 0;
  const ms = speakingElapsedMs(entry, now);
  return Number.isFinite(ms) ? Math.min(MAX_TURN_MS, Math.max(0, ms)) : 0;
}

/**
 * Each budget's use at server time `now`: the time spoken in every turn that
 * had the floor (ended, running or paused; taken off while speaking counts
 * what was said) by members it covers. Organisation names are compared by
 * `keyOf` (`organisationKey`).
 *
 * @example budgetUsage(meeting.budgets, readQueue(doc), Date.now() + offset, organisationKey)
 */
export function budgetUsage(
  budgets: readonly TimeBudget[],
  queue: readonly QueueEntry[],
  now: number,
  keyOf: OrganisationKeyOf,
): BudgetUsage[] {
  return budgets.map((budget) => {
    let usedMs = 0;
    let current = false;
    for (const e of queue) {
      if (!budgetCovers(budget, e, keyOf)) continue;
      usedMs += turnUsedMs(e, now);
      if (e.status === 'speaking') current = true;
    }
    const remainingMs = budget.seconds * 1000 - usedMs;
    return { budget, usedMs, remainingMs, exhausted: remainingMs <= 0, current };
  });
}
