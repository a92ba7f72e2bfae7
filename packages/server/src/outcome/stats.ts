import {
  GENDER_STATS_MIN_SPEAKERS,
  ORG_TYPES,
  organisationKey,
  statsGender,
  type Intervention,
  type QueueEntry,
  type SpeakingStats,
  type StatsBucket,
} from '@kenes/shared';
import { interventionsOf } from './interventions.js';

/**
 * Speaking-time statistics: aggregates of the interventions by organisation
 * type, organisation and self-declared gender (`SpeakingStats` of
 * `@kenes/shared`). Nothing here names a person.
 */

/**
 * Fewest speakers with a declared gender for `SpeakingStats.byGender` to be
 * shown, and fewest speakers a shown gender group (or what is left besides
 * the shown groups) may hold.
 */
export const GENDER_MIN_DECLARED = GENDER_STATS_MIN_SPEAKERS;

function bucket(items: readonly Intervention[], totalMs: number): StatsBucket {
  const durationMs = items.reduce((a, i) => a + i.durationMs, 0);
  return { durationMs, interventions: items.length, share: totalMs > 0 ? durationMs / totalMs : 0 };
}

function groupBy<K>(
  items: readonly Intervention[],
  key: (i: Intervention) => K,
): Map<K, Intervention[]> {
  const out = new Map<K, Intervention[]>();
  for (const i of items) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

const byTimeThenName =
  <T extends StatsBucket>(name: (t: T) => string) =>
  (a: T, b: T) =>
    b.durationMs - a.durationMs ||
    b.interventions - a.interventions ||
    name(a).localeCompare(name(b));

/**
 * A declared gender as grouped: trimmed, case and spacing ignored; null when
 * none or "prefer not to say" (`statsGender`: counted as undeclared).
 */
function genderKey(g: string | null | undefined): string | null {
  const k = statsGender(g)?.normalize('NFC').replace(/\s+/g, ' ').toLowerCase();
  return k ? k : null;
}

/**
 * The gender breakdown, or why it is hidden. Counted per speaker (an account
 * counts once however often it spoke). No group of fewer than
 * {@link GENDER_MIN_DECLARED} speakers is shown: its time goes, unnamed, into
 * the bucket of speakers not shown (undeclared, in-room guests). When that
 * bucket then holds a small group and fewer speakers than the threshold, it
 * would single them out (total minus the shown groups), so nothing is shown;
 * nor when no group is large enough to show.
 */
function genderBreakdown(
  all: readonly Intervention[],
  totalMs: number,
  speakerKey: (i: Intervention) => string,
  genderOf: (userId: string) => string | null | undefined,
): { shown: SpeakingStats['byGender']; hidden: SpeakingStats['genderHidden'] } {
  const declared = new Map<string, string>(); // userId → gender key
  const labels = new Map<string, string>(); // gender key → label as first declared
  const members = new Map<string, Set<string>>(); // gender key → its speakers
  for (const i of all) {
    if (i.userId === null || declared.has(i.userId)) continue;
    const raw = genderOf(i.userId);
    const k = genderKey(raw);
    if (k === null) continue;
    declared.set(i.userId, k);
    if (!labels.has(k)) labels.set(k, raw!.trim().replace(/\s+/g, ' '));
    const set = members.get(k);
    if (set) set.add(i.userId);
    else members.set(k, new Set([i.userId]));
  }
  if (declared.size < GENDER_MIN_DECLARED) return { shown: null, hidden: 'too_few_declared' };

  const shownKey = (k: string) => (members.get(k)?.size ?? 0) >= GENDER_MIN_DECLARED;
  // null: not shown (undeclared, an in-room guest, or a group too small to name).
  const groups = groupBy(all, (i) => {
    const k = i.userId === null ? undefined : declared.get(i.userId);
    return k !== undefined && shownKey(k) ? k : null;
  });
  const rest = groups.get(null) ?? [];
  const hasSmallGroup = [...members.keys()].some((k) => !shownKey(k));
  const noneShown = ![...members.keys()].some(shownKey);
  if (noneShown || (hasSmallGroup && new Set(rest.map(speakerKey)).size < GENDER_MIN_DECLARED)) {
    return { shown: null, hidden: 'small_group' };
  }
  return {
    shown: {
      declaredSpeakers: declared.size,
      groups: [...groups.entries()]
        .filter((e): e is [string, Intervention[]] => e[0] !== null)
        .map(([k, items]) => ({ gender: labels.get(k) ?? k, ...bucket(items, totalMs) }))
        .sort(byTimeThenName((b) => b.gender)),
      undeclared: bucket(rest, totalMs),
    },
    hidden: null,
  };
}

/**
 * The statistics of a queue at server time `now`. `genderOf` gives a user's
 * self-declared gender (from the account store), null or undefined when none.
 * Pure.
 *
 * @example speakingStats(readQueue(doc), Date.now(), (id) => users.get(id)?.gender)
 */
export function speakingStats(
  queue: readonly QueueEntry[],
  now: number,
  genderOf: (userId: string) => string | null | undefined,
): SpeakingStats {
  const all = interventionsOf(queue, now);
  const totalMs = all.reduce((a, i) => a + i.durationMs, 0);
  const speakerKey = (i: Intervention) =>
    i.userId ?? `room:${organisationKey(i.organisation)}:${i.speaker}`;

  const byType = groupBy(all, (i) => i.orgType);
  const byOrgType = ORG_TYPES.map((orgType) => ({
    orgType,
    ...bucket(byType.get(orgType) ?? [], totalMs),
  }));

  const byOrganisation = [...groupBy(all, (i) => organisationKey(i.organisation)).values()]
    .map((items) => {
      const first = items[0]!; // groupBy makes no empty group
      return {
        organisation: first.organisation.trim(),
        orgType: first.orgType,
        ...bucket(items, totalMs),
      };
    })
    .sort(byTimeThenName((b) => b.organisation));

  const gender = genderBreakdown(all, totalMs, speakerKey, genderOf);
  return {
    at: now,
    live: all.some((i) => i.status === 'speaking'),
    total: {
      durationMs: totalMs,
      interventions: all.length,
      speakers: new Set(all.map(speakerKey)).size,
    },
    byOrgType,
    byOrganisation,
    byGender: gender.shown,
    genderHidden: gender.hidden,
  };
}
