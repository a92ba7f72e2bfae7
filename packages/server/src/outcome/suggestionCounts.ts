import { organisationKey, type OrganisationSuggestions } from '@kenes/shared';
import type { AuditRow } from '../store/Store.js';

/**
 * The minutes' suggestions by organisation (issue 18): decisions from the
 * accepted `suggestion.decide` rows of the audit log, pending suggestions
 * from the live texts, organisations from the member records.
 *
 * A decision's row (`commands/decisionAudit.ts`) holds a `tally` per
 * suggester: user id, organisation as recorded then, count. Rows written
 * before the tally list the decided suggestions (`decided`: id, kind, by,
 * organisation, text) — and those of large decisions were cut at the old
 * 4,000-character limit, so they are no JSON: their decision and the entries
 * that survived the cut are read from the text (a JSON string holds no bare
 * quote, so the keys cannot be forged by what members wrote).
 */

/** One suggester's decided suggestions. */
export interface SuggesterDecisions {
  accepted: number;
  rejected: number;
  /** The organisation the latest of their decisions was recorded with ('' when none). */
  organisation: string;
  /** When that was (epoch ms), and the row's id for ties. */
  at: number;
  id: number;
}

/** What the minutes keep of the decisions: per suggester, bounded by the members who suggested. */
export type SuggestionDecisions = Map<string, SuggesterDecisions>;

/** One suggester's share of one row. */
export interface DecisionShare {
  by: string;
  organisation: string;
  count: number;
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const DECISION = /"decision":"(accept|reject)"/;
const TALLY_ENTRY = new RegExp(
  String.raw`\{"by":(${STRING}),"organisation":(${STRING}),"count":(\d{1,9})\}`,
  'g',
);
const DECIDED_ENTRY = new RegExp(
  String.raw`\{"id":${STRING},"kind":"(?:insertion|deletion)","by":(${STRING}),"organisation":(${STRING})`,
  'g',
);

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function unquote(quoted: string): string | null {
  try {
    return str(JSON.parse(quoted));
  } catch {
    return null;
  }
}

/** A parsed row's shares: its tally, or (older rows) one per decided suggestion. */
function sharesOfObject(p: Record<string, unknown>): DecisionShare[] {
  const out: DecisionShare[] = [];
  if (Array.isArray(p.tally)) {
    for (const t of p.tally as unknown[]) {
      const { by, organisation, count } = (t ?? {}) as Record<string, unknown>;
      if (
        typeof by === 'string' &&
        by !== '' &&
        Number.isSafeInteger(count) &&
        (count as number) > 0
      )
        out.push({ by, organisation: str(organisation) ?? '', count: count as number });
    }
    return out;
  }
  if (Array.isArray(p.decided))
    for (const d of p.decided as unknown[]) {
      const { by, organisation } = (d ?? {}) as Record<string, unknown>;
      if (typeof by === 'string' && by !== '')
        out.push({ by, organisation: str(organisation) ?? '', count: 1 });
    }
  return out;
}

/** A cut row's shares: the tally's or decided entries that came through whole. */
function sharesOfText(payload: string): DecisionShare[] {
  const out: DecisionShare[] = [];
  for (const m of payload.matchAll(TALLY_ENTRY)) {
    const by = unquote(m[1]!);
    const count = Number(m[3]);
    if (by && count > 0) out.push({ by, organisation: unquote(m[2]!) ?? '', count });
  }
  if (out.length > 0) return out;
  for (const m of payload.matchAll(DECIDED_ENTRY)) {
    const by = unquote(m[1]!);
    if (by) out.push({ by, organisation: unquote(m[2]!) ?? '', count: 1 });
  }
  return out;
}

/** What one accepted `suggestion.decide` row says: the decision and each suggester's share. */
export function readDecisionRow(
  row: AuditRow,
): { decision: 'accept' | 'reject'; shares: DecisionShare[] } | null {
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(row.payload);
  } catch {
    // Cut short (an old, large decision): read below from the text.
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const p = parsed as Record<string, unknown>;
    const decision = p.decision === 'accept' || p.decision === 'reject' ? p.decision : null;
    return decision === null ? null : { decision, shares: sharesOfObject(p) };
  }
  if (parsed !== undefined) return null;
  const decision = DECISION.exec(row.payload)?.[1] as 'accept' | 'reject' | undefined;
  return decision === undefined ? null : { decision, shares: sharesOfText(row.payload) };
}

/**
 * Folds audit rows into `into` (and returns it): accepted `suggestion.decide`
 * rows only, anything else ignored. Rows may come in any order (pages newest
 * first); the organisation kept per suggester is their latest decision's.
 */
export function foldSuggestionDecisions(
  into: SuggestionDecisions,
  rows: readonly AuditRow[],
): SuggestionDecisions {
  for (const row of rows) {
    if (row.result !== 'ok' || row.action !== 'suggestion.decide') continue;
    const read = readDecisionRow(row);
    if (read === null) continue;
    for (const { by, organisation, count } of read.shares) {
      let d = into.get(by);
      if (d === undefined) {
        d = { accepted: 0, rejected: 0, organisation: '', at: -Infinity, id: -Infinity };
        into.set(by, d);
      }
      if (read.decision === 'accept') d.accepted += count;
      else d.rejected += count;
      const later = row.at > d.at || (row.at === d.at && row.id > d.id);
      if (organisation !== '' && (later || d.organisation === '')) {
        d.organisation = organisation;
        d.at = row.at;
        d.id = row.id;
      }
    }
  }
  return into;
}

/**
 * The table of the minutes: suggestions made, accepted, rejected and pending
 * per organisation. A suggester's organisation is their meeting
 * organisation (`organisations`, from the member records); for someone no
 * longer a member, the one their latest decided suggestion was recorded
 * with; else unknown (null). Organisations are told apart by
 * `organisationKey`, spelled as a member record spells them. Most made
 * first, then by name; the unknown row last.
 *
 * @example countSuggestions(decisions, ['u-bob', 'u-bob'], new Map([['u-bob', 'Women NGO Alliance']]))
 */
export function countSuggestions(
  decisions: SuggestionDecisions,
  pendingBy: readonly string[],
  organisations: ReadonlyMap<string, string>,
): OrganisationSuggestions[] {
  const rows = new Map<string | null, OrganisationSuggestions & { named: boolean }>();
  const rowOf = (userId: string) => {
    const member = organisations.get(userId);
    const recorded = decisions.get(userId)?.organisation;
    const name = member ?? (recorded ? recorded : null);
    const key = name === null ? null : organisationKey(name);
    // An empty or invisible name (a key of nothing) cannot be told from another: unknown.
    const k = key === '' ? null : key;
    let row = rows.get(k);
    if (row === undefined) {
      row = {
        organisation: k === null ? null : name,
        made: 0,
        accepted: 0,
        rejected: 0,
        pending: 0,
        named: member !== undefined,
      };
      rows.set(k, row);
    } else if (k !== null && !row.named && member !== undefined) {
      // The member records' spelling wins over one recorded with a decision.
      row.organisation = member;
      row.named = true;
    }
    return row;
  };
  for (const [userId, d] of decisions) {
    const row = rowOf(userId);
    row.accepted += d.accepted;
    row.rejected += d.rejected;
  }
  for (const userId of pendingBy) rowOf(userId).pending++;
  return [...rows.values()]
    .map(({ named: _named, ...row }) => ({
      ...row,
      made: row.accepted + row.rejected + row.pending,
    }))
    .filter((r) => r.made > 0)
    .sort(
      (a, b) =>
        Number(a.organisation === null) - Number(b.organisation === null) ||
        b.made - a.made ||
        (a.organisation ?? '').localeCompare(b.organisation ?? ''),
    );
}
