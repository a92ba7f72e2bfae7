import {
  BUDGET_SCOPES,
  ORG_TYPES,
  REQUEST_KINDS,
  type RequestKind,
  type SpeakingTimes,
  type TimeBudget,
} from './shapes.js';

/**
 * Bounds of the speaking rules, shared by the command schemas (what a chair
 * may set), the readers (what any document value is clamped to, so a client
 * survives whatever the server relays) and the server's checks.
 */
export const SpeakingLimits = {
  /** Shortest and longest default time of one kind of turn, seconds. */
  minTurnSeconds: 10,
  maxTurnSeconds: 60 * 60,
  /** Largest single extension, seconds. */
  maxExtendSeconds: 60 * 60,
  /** Longest a turn may be extended to, extensions included, seconds. */
  maxExtendedTurnSeconds: 4 * 60 * 60,
  /** Most budgets one meeting holds. */
  maxBudgets: 50,
  /** Smallest and largest budget, seconds. */
  minBudgetSeconds: 60,
  maxBudgetSeconds: 24 * 60 * 60,
  /** Longest budget target (an organisation's name), characters. */
  maxTargetLength: 200,
} as const;

/** Default speaking time when the meeting sets none: three minutes. */
export const DEFAULT_SPEAKING_SECONDS = 180;

/** `value` when it is a finite number within [min, max] (rounded), else undefined. */
function bounded(value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const n = Math.round(value);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The speaking time per kind as stored in the meeting root (`speakingSeconds`,
 * a plain object), each kind falling back to `fallback` (the older single
 * default) when missing or out of bounds.
 */
export function readSpeakingTimes(stored: unknown, fallback: unknown): SpeakingTimes {
  const base =
    bounded(fallback, SpeakingLimits.minTurnSeconds, SpeakingLimits.maxTurnSeconds) ??
    DEFAULT_SPEAKING_SECONDS;
  const obj =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const out = {} as Record<RequestKind, number>;
  for (const kind of REQUEST_KINDS) {
    out[kind] =
      bounded(obj[kind], SpeakingLimits.minTurnSeconds, SpeakingLimits.maxTurnSeconds) ?? base;
  }
  return out;
}

/**
 * The budgets as stored in the meeting root (`budgets`, a plain array):
 * ill-formed entries are dropped, at most {@link SpeakingLimits.maxBudgets}
 * kept, so a client renders whatever the document holds.
 */
export function readBudgets(stored: unknown): TimeBudget[] {
  if (!Array.isArray(stored)) return [];
  const out: TimeBudget[] = [];
  for (const raw of stored.slice(0, SpeakingLimits.maxBudgets)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { scope, target, seconds } = raw as Record<string, unknown>;
    if (typeof scope !== 'string' || !(BUDGET_SCOPES as readonly string[]).includes(scope))
      continue;
    if (typeof target !== 'string' || target.length === 0) continue;
    if (target.length > SpeakingLimits.maxTargetLength) continue;
    if (scope === 'orgType' && !(ORG_TYPES as readonly string[]).includes(target)) continue;
    const s = bounded(seconds, SpeakingLimits.minBudgetSeconds, SpeakingLimits.maxBudgetSeconds);
    if (s === undefined) continue;
    out.push({ scope: scope as TimeBudget['scope'], target, seconds: s });
  }
  return out;
}
