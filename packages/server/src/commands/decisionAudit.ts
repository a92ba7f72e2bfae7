import { DECISION_PAYLOAD_MAX } from '../audit/payloads.js';
import type { DecidedSuggestion } from './context.js';

/**
 * What the audit row of an accepted `suggestion.decide` holds besides the
 * command (issue 18): who decided what, for which organisation's
 * suggestion, with the text — and a tally the minutes count from.
 *
 * A decision has no size of its own: "accept all" may decide hundreds of
 * suggestions, each with up to 500 characters of text. The audit keeps a
 * row's JSON to {@link DECISION_PAYLOAD_MAX} characters, and a row cut there
 * is no JSON at all — so the row is built to fit: the tally whole (one entry
 * per suggester, small; without organisation names only if hundreds of
 * suggesters would not fit otherwise), then the suggestions with their
 * texts, texts shortened, then only as many suggestions as fit
 * (`decidedOmitted` says how many were left out).
 */

/** One suggester's share of a decision. */
export interface DecisionTally {
  /** The suggester's user id. */
  by: string;
  /** Their meeting organisation when decided ('' when not known). */
  organisation: string;
  /** How many of their suggestions this decision accepted or rejected. */
  count: number;
}

/** The fields a decision adds to its audit row. */
export interface DecisionAuditDetail {
  tally: DecisionTally[];
  decided: DecidedSuggestion[];
  /** Suggestions decided but left out of `decided` for room; absent when none were. */
  decidedOmitted?: number;
}

/** Text lengths tried in turn until the row fits; 0 keeps no text. */
const TEXT_CAPS = [500, 120, 40, 0] as const;

/** Per suggester, in the order they first appear. */
function tallyOf(decided: readonly DecidedSuggestion[]): DecisionTally[] {
  const by = new Map<string, DecisionTally>();
  for (const s of decided) {
    const known = by.get(s.by);
    if (known) known.count++;
    else by.set(s.by, { by: s.by, organisation: s.organisation, count: 1 });
  }
  return [...by.values()];
}

function clipText(s: DecidedSuggestion, cap: number): DecidedSuggestion {
  return s.text.length <= cap ? s : { ...s, text: cap === 0 ? '' : `${s.text.slice(0, cap)}…` };
}

/**
 * The detail of a decision's audit row, so that `base` (the command and its
 * title) with it stays within `max` characters of JSON.
 *
 * @example { ...command, title, ...decisionAuditDetail({ ...command, title }, decided) }
 */
export function decisionAuditDetail(
  base: Record<string, unknown>,
  decided: readonly DecidedSuggestion[],
  max: number = DECISION_PAYLOAD_MAX,
): DecisionAuditDetail {
  let tally = tallyOf(decided);
  // `{…base, tally, decided: [], decidedOmitted: n}`: what the row costs without any suggestion.
  const cost = (t: DecisionTally[]) =>
    JSON.stringify({ ...base, tally: t, decided: [], decidedOmitted: decided.length }).length;
  let fixed = cost(tally);
  // Hundreds of suggesters with long organisation names: the user ids still count them (the
  // minutes name a member's organisation from the member records).
  if (fixed > max) {
    tally = tally.map((t) => ({ ...t, organisation: '' }));
    fixed = cost(tally);
  }
  for (const cap of TEXT_CAPS) {
    const list = decided.map((s) => clipText(s, cap));
    const size = fixed + list.reduce((n, s) => n + JSON.stringify(s).length + 1, 0);
    if (size <= max) return { tally, decided: list };
  }
  // Not even without texts: as many as fit, in document order.
  const kept: DecidedSuggestion[] = [];
  let size = fixed;
  for (const s of decided) {
    const entry = clipText(s, 0);
    size += JSON.stringify(entry).length + 1;
    if (size > max) break;
    kept.push(entry);
  }
  return { tally, decided: kept, decidedOmitted: decided.length - kept.length };
}
