import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import {
  MEETING_STATUSES,
  REQUEST_KINDS,
  SpeakingLimits,
  budgetUsage,
  organisationKey,
  readAgenda,
  readMeeting,
  readQueue,
  type Command,
  type EntryStatus,
  type MeetingInfo,
  type QueueEntry,
  type TimeBudget,
} from '@kenes/shared';
import { applyCommand } from './apply.js';
import type { Actor } from './context.js';
import { KIND_RANK } from './queue.js';

/**
 * Property: whatever commands random members send, in whatever order, the
 * speaker queue keeps its invariants. Steps are generated as abstract picks
 * and resolved against the document at run time, so they mostly hit real
 * entries and items (and sometimes ids that do not exist).
 */

const MEMBERS: readonly Actor[] = [
  { userId: 'chair', name: 'Chair', organisation: 'MFA', orgType: 'government', role: 'chair' },
  { userId: 'p1', name: 'P1', organisation: 'Ombudsman', orgType: 'nhri', role: 'participant' },
  { userId: 'p2', name: 'P2', organisation: 'NGO A', orgType: 'ngo', role: 'participant' },
  {
    userId: 'p3',
    name: 'P3',
    organisation: 'Parliament',
    orgType: 'parliament',
    role: 'participant',
  },
  { userId: 'obs', name: 'Obs', organisation: 'UNDP', orgType: 'international', role: 'observer' },
];

const OPS = [
  'request',
  'withdraw',
  'grant',
  'grantChosen',
  'finish',
  'move',
  'remove',
  'addSpeaker',
  'timer',
  'listOpen',
  'agendaAdd',
  'agendaStart',
  'agendaComplete',
  'agendaRemove',
  'status',
  'preInscribe',
  'rules',
] as const;

/** The steps of the second property: the agenda moving on under requests made in advance. */
const PRE_INSCRIPTION_OPS = [
  'preInscribe',
  'preInscribe',
  'request',
  'withdraw',
  'grant',
  'finish',
  'agendaStart',
  'agendaComplete',
  'agendaRemove',
  'agendaAdd',
  'rules',
] as const;

/**
 * Budgets the `rules` step sets (or clears): a type, an organisation spelled
 * unlike its members' rows, and the in-room guests' type.
 */
const BUDGETS: readonly TimeBudget[] = [
  { scope: 'orgType', target: 'nhri', seconds: 120 },
  { scope: 'organisation', target: ' ngo  a', seconds: 300 },
  { scope: 'orgType', target: 'other', seconds: 60 },
];

const stepOf = (ops: readonly (typeof OPS)[number][]) =>
  fc.record({
    actor: fc.nat(MEMBERS.length - 1),
    op: fc.constantFrom(...ops),
    pick: fc.nat(50),
    kind: fc.constantFrom(...REQUEST_KINDS),
    flag: fc.boolean(),
    timer: fc.constantFrom('pause', 'resume', 'extend' as const),
    advanceMs: fc.oneof(fc.constant(0), fc.nat(120_000)),
  });
const step = stepOf(OPS);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function pickId(ids: readonly string[], pick: number): string {
  return ids.length === 0 || pick % 7 === 6 ? 'missing' : (ids[pick % ids.length] ?? 'missing');
}

/** Random choices for what ending an item does to its turn and waiting requests. */
function endingChoices(s: Step) {
  const waiting = (['move', 'end', undefined] as const)[s.pick % 3];
  return { endCurrentTurn: s.flag, ...(waiting ? { waitingRequests: waiting } : {}) };
}

/** Turns an abstract step into a concrete command against the current document. */
function toCommand(doc: Y.Doc, s: Step): Command {
  const entryIds = readQueue(doc).map((e) => e.id);
  const itemIds = readAgenda(doc).map((i) => i.id);
  switch (s.op) {
    case 'request':
      return { type: 'queue.request', kind: s.kind };
    case 'withdraw':
      return { type: 'queue.withdraw', entryId: pickId(entryIds, s.pick) };
    case 'grant':
      // Sometimes with the sender's (possibly stale) view of who speaks.
      return s.flag
        ? {
            type: 'queue.grant',
            speakingEntryId: s.pick % 3 === 0 ? null : pickId(entryIds, s.pick),
          }
        : { type: 'queue.grant' };
    case 'grantChosen':
      return { type: 'queue.grant', entryId: pickId(entryIds, s.pick) };
    case 'finish':
      return s.flag
        ? { type: 'queue.finish', entryId: pickId(entryIds, s.pick) }
        : { type: 'queue.finish' };
    case 'move':
      return { type: 'queue.move', entryId: pickId(entryIds, s.pick), toIndex: s.pick % 6 };
    case 'remove':
      return { type: 'queue.remove', entryId: pickId(entryIds, s.pick) };
    case 'addSpeaker':
      return {
        type: 'queue.addSpeaker',
        name: `Guest ${s.pick}`,
        organisation: 'Guests',
        orgType: 'other',
        kind: s.kind,
      };
    case 'timer':
      return s.timer === 'extend'
        ? {
            type: 'queue.timer',
            action: 'extend',
            // Now and then the largest extension, so the per-turn bound is reached.
            seconds: s.flag ? SpeakingLimits.maxExtendSeconds : 1 + s.pick,
          }
        : { type: 'queue.timer', action: s.timer };
    case 'preInscribe':
      // Mostly a plain request (the kind a later item takes), now and then another kind.
      return {
        type: 'queue.request',
        kind: s.flag ? 'speak' : s.kind,
        agendaItemId: pickId(itemIds, s.pick),
      };
    case 'rules':
      return {
        type: 'meeting.queueSettings',
        // Distinct times per kind, so a turn given the wrong kind's time shows.
        speakingSeconds: { speak: 10 + s.pick, reply: 70 + s.pick, point_of_order: 130 + s.pick },
        ...(s.pick % 4 === 0 ? { budgets: s.flag ? [...BUDGETS] : [] } : {}),
      };
    case 'listOpen':
      return { type: 'meeting.queueSettings', listOpen: s.flag };
    case 'agendaAdd':
      return {
        type: 'agenda.add',
        title: `Item ${s.pick}`,
        index: s.flag ? s.pick % 4 : undefined,
      };
    case 'agendaStart':
      return { type: 'agenda.start', itemId: pickId(itemIds, s.pick), ...endingChoices(s) };
    case 'agendaComplete':
      return { type: 'agenda.complete', ...endingChoices(s) };
    case 'agendaRemove':
      return {
        type: 'agenda.remove',
        itemId: pickId(itemIds, s.pick),
        ...(s.flag ? { waitingRequests: 'end' as const } : {}),
      };
    case 'status':
      return {
        type: 'meeting.setStatus',
        status: MEETING_STATUSES[s.pick % MEETING_STATUSES.length] ?? 'live',
      };
  }
}

const ENDED: readonly EntryStatus[] = ['done', 'withdrawn', 'removed'];
/** Statuses an entry may move to from each status. */
const NEXT_STATUS: Readonly<Record<EntryStatus, readonly EntryStatus[]>> = {
  waiting: ['waiting', 'speaking', 'withdrawn', 'removed'],
  speaking: ['speaking', 'done', 'removed'],
  done: ['done'],
  withdrawn: ['withdrawn'],
  removed: ['removed'],
};

function checkInvariants(
  queue: readonly QueueEntry[],
  previous: ReadonlyMap<string, QueueEntry>,
  now: number,
  closed: boolean,
): void {
  // A closed meeting gives no floor: nothing waits.
  if (closed) expect(queue.filter((e) => e.status === 'waiting')).toEqual([]);

  // At most one speaker.
  expect(queue.filter((e) => e.status === 'speaking').length).toBeLessThanOrEqual(1);

  // Within every item's list (the current one included): points of order, then replies, then plain requests.
  const lastRank = new Map<string | null, number>();
  for (const e of queue) {
    if (e.status !== 'waiting') continue;
    const rank = KIND_RANK[e.kind];
    expect(rank).toBeGreaterThanOrEqual(lastRank.get(e.agendaItemId) ?? 0);
    lastRank.set(e.agendaItemId, rank);
  }

  // No record of a turn lost (only requests that never had the floor may go), none
  // duplicated; who asked and when never changes; statuses only move forward.
  const ids = new Set(queue.map((e) => e.id));
  expect(ids.size).toBe(queue.length);
  for (const [id, before] of previous) {
    const e = queue.find((x) => x.id === id);
    if (!e) {
      expect(before.status, `entry ${id} lost`).toBe('waiting');
      continue;
    }
    expect([e.userId, e.name, e.organisation, e.requestedAt]).toEqual([
      before.userId,
      before.name,
      before.organisation,
      before.requestedAt,
    ]);
    // A waiting request may move on to another item, and a reply may lapse into a plain request.
    if (before.status !== 'waiting') {
      expect([e.kind, e.agendaItemId]).toEqual([before.kind, before.agendaItemId]);
    } else if (e.kind !== before.kind) {
      expect([before.kind, e.kind]).toEqual(['reply', 'speak']);
    }
    expect(NEXT_STATUS[before.status]).toContain(e.status);
    if (ENDED.includes(before.status)) expect(e).toEqual(before);
  }

  // Times monotonic and consistent with the status.
  for (const e of queue) {
    expect(e.requestedAt).toBeLessThanOrEqual(now);
    if (e.grantedAt !== null) expect(e.grantedAt).toBeGreaterThanOrEqual(e.requestedAt);
    if (e.endedAt !== null) {
      expect(e.endedAt).toBeGreaterThanOrEqual(e.grantedAt ?? e.requestedAt);
      expect(e.endedAt).toBeLessThanOrEqual(now);
    }
    expect(e.elapsedMs).toBeGreaterThanOrEqual(0);
    if (e.grantedAt !== null && e.endedAt !== null)
      expect(e.elapsedMs).toBeLessThanOrEqual(e.endedAt - e.grantedAt);
    if (e.status === 'speaking') {
      expect(e.grantedAt).not.toBeNull();
      expect(e.endedAt).toBeNull();
      // Either running or paused, never both.
      expect((e.runningSince === null) !== (e.pausedAt === null)).toBe(true);
    } else {
      expect([e.runningSince, e.pausedAt]).toEqual([null, null]);
    }
    if (e.status === 'waiting') expect([e.grantedAt, e.endedAt]).toEqual([null, null]);
    if (ENDED.includes(e.status)) expect(e.endedAt).not.toBeNull();
    // Identity comes from the member records, never from a command body.
    if (e.userId !== null) {
      const m = MEMBERS.find((x) => x.userId === e.userId);
      expect([e.name, e.organisation, e.orgType]).toEqual([m?.name, m?.organisation, m?.orgType]);
    }
  }
}

/** Time spoken in the turns `budget` covers, counted here without `budgetUsage`. */
function spokenMs(queue: readonly QueueEntry[], budget: TimeBudget, now: number): number {
  const key = (o: string) => o.trim().replace(/\s+/g, ' ').toLowerCase();
  return queue
    .filter((e) =>
      budget.scope === 'orgType'
        ? e.orgType === budget.target
        : key(e.organisation) === key(budget.target),
    )
    .filter((e) => e.grantedAt !== null)
    .reduce(
      (sum, e) => sum + e.elapsedMs + (e.runningSince === null ? 0 : now - e.runningSince),
      0,
    );
}

/** What the speaking rules keep: budgets, per-kind limits, pre-inscriptions. */
function checkSpeakingRules(
  doc: Y.Doc,
  command: Command,
  previous: ReadonlyMap<string, QueueEntry>,
  before: MeetingInfo,
  usedBefore: readonly number[],
  now: number,
): number[] {
  const meeting = readMeeting(doc);
  const queue = readQueue(doc);
  const agenda = readAgenda(doc);
  // Budgets: never negative, exactly the time spoken by those they cover, and never
  // falling (turns that had the floor stay, and time only goes forward).
  const used = budgetUsage(BUDGETS, queue, now, organisationKey).map((u, i) => {
    expect(u.usedMs).toBeGreaterThanOrEqual(0);
    expect(u.usedMs).toBe(spokenMs(queue, BUDGETS[i]!, now));
    expect(u.remainingMs).toBe(BUDGETS[i]!.seconds * 1000 - u.usedMs);
    expect(u.exhausted).toBe(u.remainingMs <= 0);
    expect(u.usedMs).toBeGreaterThanOrEqual(usedBefore[i] ?? 0);
    return u.usedMs;
  });
  for (const e of queue) {
    expect(e.limitSeconds).toBeLessThanOrEqual(SpeakingLimits.maxExtendedTurnSeconds);
    const was = previous.get(e.id);
    // A turn given now gets the time of its kind in force now.
    if (e.status === 'speaking' && was?.status === 'waiting')
      expect(e.limitSeconds).toBe(meeting.speakingSeconds[e.kind]);
    if (e.status !== 'waiting') continue;
    // A request waits on the item under discussion or on one not yet started, never on a
    // removed or finished item.
    const item = agenda.find((i) => i.id === e.agendaItemId);
    expect(item, `entry ${e.id} waits on a missing item`).toBeDefined();
    if (e.agendaItemId !== meeting.currentItemId) expect(item?.status).toBe('pending');
    // A pre-inscription moves with its item: only the item that ended passes its requests on.
    if (was?.status === 'waiting' && was.agendaItemId !== before.currentItemId)
      expect(e.agendaItemId).toBe(was.agendaItemId);
  }
  // …and it ends only when its author withdraws it, its item is removed, or the meeting closes.
  for (const was of previous.values()) {
    if (was.status !== 'waiting' || was.agendaItemId === before.currentItemId) continue;
    if (queue.some((e) => e.id === was.id)) continue;
    const why =
      (command.type === 'queue.withdraw' && command.entryId === was.id) ||
      (command.type === 'agenda.remove' && command.itemId === was.agendaItemId) ||
      (command.type === 'meeting.setStatus' && command.status === 'closed');
    expect(why, `pre-inscription ${was.id} lost by ${command.type}`).toBe(true);
  }
  return used;
}

/**
 * Runs `steps` on a live meeting with one item under discussion and two
 * later ones, checking every invariant after every step.
 */
function runSteps(steps: readonly Step[]): void {
  const doc = new Y.Doc();
  let now = 1_000;
  let seq = 0;
  const ids = () => `id${++seq}`;
  // Most runs start live with an item under discussion, so queue commands mostly apply.
  const chair = MEMBERS[0] as Actor;
  applyCommand(doc, { type: 'meeting.setStatus', status: 'live' }, chair, now, ids);
  applyCommand(doc, { type: 'agenda.add', title: 'First' }, chair, now, ids);
  // Later items, for requests made in advance to wait on.
  applyCommand(doc, { type: 'agenda.add', title: 'Second' }, chair, now, ids);
  applyCommand(doc, { type: 'agenda.add', title: 'Third' }, chair, now, ids);
  applyCommand(
    doc,
    { type: 'agenda.start', itemId: readAgenda(doc)[0]?.id ?? '' },
    chair,
    now,
    ids,
  );

  let previous = new Map<string, QueueEntry>();
  let used: number[] = [];
  for (const s of steps) {
    now += s.advanceMs;
    // Agenda and rules are the chair's: most such steps come from the chair, so they apply.
    const chairish = s.op.startsWith('agenda') || s.op === 'rules' || s.op === 'grant';
    const actor = MEMBERS[chairish && s.actor % 2 === 0 ? 0 : s.actor] as Actor;
    const command = toCommand(doc, s);
    const meetingBefore = readMeeting(doc);
    let updates = 0;
    const count = () => updates++;
    doc.on('update', count);
    const result = applyCommand(doc, command, actor, now, ids);
    doc.off('update', count);
    // A refused command writes nothing.
    if (!result.ok) expect(updates).toBe(0);
    const queue = readQueue(doc);
    checkInvariants(queue, previous, now, readMeeting(doc).status === 'closed');
    used = checkSpeakingRules(doc, command, previous, meetingBefore, used, now);
    previous = new Map(queue.map((e) => [e.id, e]));
  }
  // Sanity: the generator does reach a real meeting state sometimes.
  expect(readMeeting(doc).status).toMatch(/scheduled|live|adjourned|closed/);
}

describe('queue invariants under random command sequences', () => {
  it('requests made in advance wait on their item and move only with it', () => {
    fc.assert(
      fc.property(fc.array(stepOf(PRE_INSCRIPTION_OPS), { minLength: 1, maxLength: 40 }), runSteps),
      { numRuns: 300 },
    );
  });

  it('hold for every prefix of every sequence', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), runSteps), {
      numRuns: 300,
    });
  });
});
