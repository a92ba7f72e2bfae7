import type * as Y from 'yjs';
import {
  ErrorCode,
  deleteQueueEntry,
  insertQueueEntry,
  meetingRoots,
  moveRecord,
  patchQueueEntry,
  SpeakingLimits,
  readAgenda,
  readMeeting,
  readQueueEntry,
  speakingElapsedMs,
  type EntryStatus,
  type QueueEntry,
  type RecordMap,
  type RequestKind,
} from '@kenes/shared';
import { refuse, type CommandContext, type Handlers } from './context.js';

/**
 * The speaker queue. One list per agenda item: the entries whose
 * `agendaItemId` is the meeting's current item. Requests are taken only while
 * an item is under discussion. Entries that had the floor are never deleted:
 * they are the record of who spoke when. A request that never had the floor
 * and ends (withdrawn, or ended with its item) is deleted: it is no part of
 * that record, and keeping each one would let a request/withdraw loop grow
 * the document without bound (the audit log keeps the commands).
 *
 * Order among the waiting entries of one item is kept as the array order and
 * always respects the bands: points of order, then replies, then plain
 * requests. Within a band, first come first served unless the chair moves.
 *
 * A reply answers the turn under way when it is asked (`replyToEntryId`).
 * It keeps its place in the reply band while that exchange lasts (the
 * speaker, then the replies to that speaker); once the floor goes to anyone
 * else (points of order aside) it lapses into a plain request, placed among
 * the plain requests by when it was asked.
 */

/** A queue entry with its map and its index in the `queue` array. */
export interface LocatedEntry {
  map: RecordMap;
  index: number;
  entry: QueueEntry;
}

/** Band of a kind: lower goes first. */
export const KIND_RANK: Readonly<Record<RequestKind, number>> = {
  point_of_order: 0,
  reply: 1,
  speak: 2,
};

/** Every entry, in array order. */
export function queueEntries(doc: Y.Doc): LocatedEntry[] {
  return meetingRoots(doc)
    .queue.toArray()
    .map((map, index) => ({ map, index, entry: readQueueEntry(map) }));
}

/** The waiting entries of one agenda item's list, in order. */
export function waitingFor(
  all: readonly LocatedEntry[],
  agendaItemId: string | null,
): LocatedEntry[] {
  return all.filter((e) => e.entry.status === 'waiting' && e.entry.agendaItemId === agendaItemId);
}

/** The entry now speaking, if any (there is at most one, whatever its item). */
export function currentSpeaker(all: readonly LocatedEntry[]): LocatedEntry | undefined {
  return all.find((e) => e.entry.status === 'speaking');
}

function findEntry(all: readonly LocatedEntry[], entryId: string): LocatedEntry {
  return (
    all.find((e) => e.entry.id === entryId) ??
    refuse(404, ErrorCode.notFound, `No queue entry ${entryId}`)
  );
}

/**
 * Refuses (409 `stale`) when the sender's view of who has the floor is no
 * longer true. `expected` undefined: the sender said nothing, nothing to check.
 */
function requireSpeaker(
  speaker: LocatedEntry | undefined,
  expected: string | null | undefined,
): void {
  if (expected === undefined) return;
  const now = speaker?.entry.id ?? null;
  if (now !== expected) {
    const who = speaker ? `${speaker.entry.name} has the floor` : 'nobody has the floor';
    refuse(409, ErrorCode.stale, `The floor changed meanwhile: ${who} now`);
  }
}

function requireWaiting(e: LocatedEntry): void {
  if (e.entry.status !== 'waiting') {
    refuse(409, ErrorCode.invalidState, `Entry ${e.entry.id} is ${e.entry.status}, not waiting`);
  }
}

/**
 * Array index where a new request of `kind` goes: after the last waiting
 * entry of its band or a stronger one, else before the first waiting entry
 * (all weaker), else at the end.
 */
function insertionIndex(
  all: readonly LocatedEntry[],
  agendaItemId: string | null,
  kind: RequestKind,
): number {
  const waiting = waitingFor(all, agendaItemId);
  const rank = KIND_RANK[kind];
  const ahead = waiting.filter((w) => KIND_RANK[w.entry.kind] <= rank).at(-1);
  if (ahead) return ahead.index + 1;
  return waiting[0]?.index ?? all.length;
}

/**
 * The item a new request joins (the current one), and for a reply the turn it
 * answers; refuses when no item is under discussion or a reply has no speaker.
 */
function requestTarget(
  ctx: CommandContext,
  all: readonly LocatedEntry[],
  kind: RequestKind,
): { agendaItemId: string; replyToEntryId: string | null } {
  const { currentItemId } = readMeeting(ctx.doc);
  if (currentItemId === null) {
    refuse(409, ErrorCode.invalidState, 'No agenda item is under discussion');
  }
  if (kind !== 'reply') return { agendaItemId: currentItemId, replyToEntryId: null };
  const speaker =
    currentSpeaker(all) ??
    refuse(409, ErrorCode.invalidState, 'A reply answers the speaker, and nobody has the floor');
  if (speaker.entry.userId !== null && speaker.entry.userId === ctx.actor.userId) {
    refuse(409, ErrorCode.invalidState, 'You have the floor: you cannot reply to yourself');
  }
  return { agendaItemId: currentItemId, replyToEntryId: speaker.entry.id };
}

/**
 * The later item a pre-inscription waits on: it must exist and not have
 * started (a `pending` item), and only a plain request may wait — a reply
 * answers a turn under way, a point of order the debate under way.
 */
function preInscriptionTarget(agendaItemId: string, kind: RequestKind, doc: Y.Doc): string {
  const item =
    readAgenda(doc).find((i) => i.id === agendaItemId) ??
    refuse(404, ErrorCode.notFound, `No agenda item ${agendaItemId}`);
  if (item.status !== 'pending') {
    refuse(
      409,
      ErrorCode.invalidState,
      `“${item.title}” is ${item.status}: only an item not yet started takes requests in advance`,
    );
  }
  if (kind !== 'speak') {
    refuse(409, ErrorCode.invalidState, 'Only a request to speak can wait on a later item');
  }
  return item.id;
}

function newEntry(
  ctx: CommandContext,
  fields: Pick<
    QueueEntry,
    'userId' | 'name' | 'organisation' | 'orgType' | 'kind' | 'replyToEntryId'
  > &
    Partial<Pick<QueueEntry, 'agendaItemId'>>,
): QueueEntry {
  const meeting = readMeeting(ctx.doc);
  return {
    id: ctx.ids(),
    agendaItemId: meeting.currentItemId,
    ...fields,
    status: 'waiting',
    requestedAt: ctx.now,
    grantedAt: null,
    endedAt: null,
    // Shown while waiting; the time in force for the kind is set again at the grant.
    limitSeconds: meeting.speakingSeconds[fields.kind],
    elapsedMs: 0,
    runningSince: null,
    pausedAt: null,
  };
}

/** Ends a speaker's turn, accounting the running stretch. Writes. */
export function stopSpeaker(
  ctx: CommandContext,
  e: LocatedEntry,
  status: Extract<EntryStatus, 'done' | 'removed'>,
): void {
  patchQueueEntry(e.map, {
    status,
    endedAt: ctx.now,
    elapsedMs: speakingElapsedMs(e.entry, ctx.now),
    runningSince: null,
    pausedAt: null,
  });
}

/** Pauses a running speaker's timer; no-op when already paused. Writes. */
export function pauseSpeaker(ctx: CommandContext, e: LocatedEntry): void {
  if (e.entry.runningSince === null) return;
  patchQueueEntry(e.map, {
    elapsedMs: speakingElapsedMs(e.entry, ctx.now),
    runningSince: null,
    pausedAt: ctx.now,
  });
}

/**
 * Array index (once `e` is deleted) that puts a plain request `e` among its
 * item's plain requests by when it was asked: before the first one asked
 * later, else after the last waiting entry of the item.
 */
function plainBandIndex(all: readonly LocatedEntry[], e: LocatedEntry): number {
  const others = waitingFor(all, e.entry.agendaItemId).filter((w) => w !== e);
  const shift = (i: number) => (i > e.index ? i - 1 : i);
  const before = others.find(
    (w) => w.entry.kind === 'speak' && w.entry.requestedAt > e.entry.requestedAt,
  );
  if (before) return shift(before.index);
  const last = others.at(-1);
  return last ? shift(last.index) + 1 : e.index;
}

/** Turns a waiting reply into a plain request, moved into the plain band. Writes. */
function lapseReply(ctx: CommandContext, e: LocatedEntry): void {
  const queue = meetingRoots(ctx.doc).queue;
  const to = plainBandIndex(queueEntries(ctx.doc), e);
  moveRecord(queue, e.index, to);
  patchQueueEntry(queue.get(to), { kind: 'speak' });
}

/**
 * After `granted` got the floor: waiting replies that answer a turn outside
 * its exchange lapse into plain requests. A point of order interrupts the
 * debate without moving it on, so it lapses nothing. Writes.
 */
function lapseStaleReplies(ctx: CommandContext, granted: QueueEntry): void {
  if (granted.kind === 'point_of_order') return;
  const exchange = new Set([granted.id]);
  if (granted.kind === 'reply' && granted.replyToEntryId) exchange.add(granted.replyToEntryId);
  for (;;) {
    // Re-read each time: every lapse moves a record.
    const stale = waitingFor(queueEntries(ctx.doc), granted.agendaItemId).find(
      (w) => w.entry.kind === 'reply' && !exchange.has(w.entry.replyToEntryId ?? ''),
    );
    if (!stale) return;
    lapseReply(ctx, stale);
  }
}

/** What to do with the waiting requests of an item that ends. */
export type WaitingChoice = 'move' | 'end';

/**
 * Ends or moves every waiting request of `fromItemId` (all items' when
 * undefined). `move` re-files them under `toItemId` at the back of their
 * bands, in their order; replies lapse into plain requests (their speaker's
 * turn belonged to the item that ended), placed among the plain requests by
 * when they were asked. `end` deletes them: they never had the floor. Writes.
 */
export function settleWaiting(
  ctx: CommandContext,
  fromItemId: string | null | undefined,
  choice: WaitingChoice,
  toItemId: string | null,
): void {
  const queue = meetingRoots(ctx.doc).queue;
  const pick = (all: readonly LocatedEntry[]) =>
    all.filter(
      (e) =>
        e.entry.status === 'waiting' &&
        (fromItemId === undefined || e.entry.agendaItemId === fromItemId),
    );
  if (choice === 'end' || toItemId === null) {
    for (const e of pick(queueEntries(ctx.doc)).reverse()) deleteQueueEntry(ctx.doc, e.index);
    return;
  }
  const moving = pick(queueEntries(ctx.doc)).map((e) => e.entry);
  const locate = (id: string) => queueEntries(ctx.doc).find((x) => x.entry.id === id);
  for (const entry of moving.filter((e) => e.kind !== 'reply')) {
    const e = locate(entry.id);
    if (!e) continue;
    const at = insertionIndex(queueEntries(ctx.doc), toItemId, entry.kind);
    const to = at > e.index ? at - 1 : at;
    moveRecord(queue, e.index, to);
    patchQueueEntry(queue.get(to), { agendaItemId: toItemId });
  }
  for (const entry of moving.filter((e) => e.kind === 'reply')) {
    const e = locate(entry.id);
    if (!e) continue;
    patchQueueEntry(e.map, { agendaItemId: toItemId });
    const filed = locate(entry.id);
    if (filed) lapseReply(ctx, filed);
  }
}

/** Handlers of the `queue.*` commands. */
export const queueHandlers: Pick<
  Handlers,
  | 'queue.request'
  | 'queue.withdraw'
  | 'queue.grant'
  | 'queue.finish'
  | 'queue.move'
  | 'queue.remove'
  | 'queue.addSpeaker'
  | 'queue.timer'
> = {
  'queue.request'(ctx, { kind, agendaItemId }) {
    const meeting = readMeeting(ctx.doc);
    // A closed list takes no request from participants, for this item or a later one. Points
    // of order stay allowed: they are about the procedure itself (a breach of the rules must
    // be raised when it happens), not a turn in the debate, and the chair rules on them.
    if (!meeting.listOpen && kind !== 'point_of_order') {
      refuse(409, ErrorCode.listClosed, 'The list of speakers is closed');
    }
    const all = queueEntries(ctx.doc);
    const target =
      agendaItemId !== undefined && agendaItemId !== meeting.currentItemId
        ? { agendaItemId: preInscriptionTarget(agendaItemId, kind, ctx.doc), replyToEntryId: null }
        : requestTarget(ctx, all, kind);
    const { actor } = ctx;
    if (
      waitingFor(all, target.agendaItemId).some(
        (w) => w.entry.userId === actor.userId && w.entry.kind === kind,
      )
    ) {
      refuse(409, ErrorCode.duplicate, `You already have a waiting ${kind} request`);
    }
    const entry = newEntry(ctx, {
      userId: actor.userId,
      name: actor.name,
      organisation: actor.organisation,
      orgType: actor.orgType,
      kind,
      replyToEntryId: target.replyToEntryId,
      agendaItemId: target.agendaItemId,
    });
    insertQueueEntry(ctx.doc, insertionIndex(all, target.agendaItemId, kind), entry);
    return { entryId: entry.id };
  },

  'queue.addSpeaker'(ctx, { name, organisation, orgType, kind = 'speak' }) {
    // The chair's addition joins even a closed list, and is never a duplicate:
    // two in-room speakers may share a name.
    const all = queueEntries(ctx.doc);
    const { replyToEntryId } = requestTarget(ctx, all, kind);
    const entry = newEntry(ctx, {
      userId: null,
      name,
      organisation,
      orgType,
      kind,
      replyToEntryId,
    });
    insertQueueEntry(ctx.doc, insertionIndex(all, entry.agendaItemId, kind), entry);
    return { entryId: entry.id };
  },

  'queue.withdraw'(ctx, { entryId }) {
    const e = findEntry(queueEntries(ctx.doc), entryId);
    // Even a chair withdraws only its own request; it removes others' with queue.remove.
    if (e.entry.userId !== ctx.actor.userId)
      refuse(403, ErrorCode.forbidden, 'You may withdraw only your own request');
    requireWaiting(e);
    // A waiting request never had the floor: it leaves no record (see the module note).
    deleteQueueEntry(ctx.doc, e.index);
  },

  'queue.grant'(ctx, { entryId, speakingEntryId }) {
    const meeting = readMeeting(ctx.doc);
    const all = queueEntries(ctx.doc);
    const speaker = currentSpeaker(all);
    requireSpeaker(speaker, speakingEntryId);
    let next: LocatedEntry;
    if (entryId !== undefined) {
      next =
        all.find((e) => e.entry.id === entryId) ??
        refuse(409, ErrorCode.stale, 'That request is no longer on the list');
      if (next.entry.status !== 'waiting') {
        refuse(
          409,
          ErrorCode.stale,
          `${next.entry.name} is no longer waiting (${next.entry.status}): the list changed meanwhile`,
        );
      }
      if (next.entry.agendaItemId !== meeting.currentItemId) {
        refuse(409, ErrorCode.invalidState, 'That request belongs to another agenda item');
      }
    } else {
      next =
        waitingFor(all, meeting.currentItemId)[0] ??
        refuse(409, ErrorCode.invalidState, 'No one is waiting for the floor');
    }
    if (speaker) stopSpeaker(ctx, speaker, 'done');
    patchQueueEntry(next.map, {
      status: 'speaking',
      grantedAt: ctx.now,
      // The time in force for its kind when the floor is given, not when it was asked.
      limitSeconds: meeting.speakingSeconds[next.entry.kind],
      elapsedMs: 0,
      runningSince: ctx.now,
      pausedAt: null,
    });
    lapseStaleReplies(ctx, next.entry);
    return { entryId: next.entry.id };
  },

  'queue.finish'(ctx, { entryId }) {
    const speaker = currentSpeaker(queueEntries(ctx.doc));
    if (entryId !== undefined) requireSpeaker(speaker, entryId);
    if (!speaker) refuse(409, ErrorCode.invalidState, 'No one is speaking');
    stopSpeaker(ctx, speaker, 'done');
    return { entryId: speaker.entry.id };
  },

  'queue.move'(ctx, { entryId, toIndex }) {
    const all = queueEntries(ctx.doc);
    const e = findEntry(all, entryId);
    requireWaiting(e);
    const others = waitingFor(all, e.entry.agendaItemId).filter((w) => w !== e);
    // The chair reorders within the entry's band: the bands are the rules of procedure.
    const rank = KIND_RANK[e.entry.kind];
    const lo = others.filter((w) => KIND_RANK[w.entry.kind] < rank).length;
    const hi = others.filter((w) => KIND_RANK[w.entry.kind] <= rank).length;
    const target = Math.min(Math.max(toIndex, lo), hi);
    const current = others.filter((w) => w.index < e.index).length;
    if (target === current) return;
    // Array index after deleting `e`: before others[target], or after the last one.
    const shift = (i: number) => (i > e.index ? i - 1 : i);
    const before = others[target];
    const last = others.at(-1);
    const to = before ? shift(before.index) : last ? shift(last.index) + 1 : e.index;
    moveRecord(meetingRoots(ctx.doc).queue, e.index, to);
  },

  'queue.remove'(ctx, { entryId }) {
    const e = findEntry(queueEntries(ctx.doc), entryId);
    if (e.entry.status === 'speaking') stopSpeaker(ctx, e, 'removed');
    else {
      requireWaiting(e);
      patchQueueEntry(e.map, { status: 'removed', endedAt: ctx.now });
    }
  },

  'queue.timer'(ctx, { action, seconds, entryId }) {
    const found = currentSpeaker(queueEntries(ctx.doc));
    if (entryId !== undefined) requireSpeaker(found, entryId);
    const speaker = found ?? refuse(409, ErrorCode.invalidState, 'No one is speaking');
    const paused = speaker.entry.runningSince === null;
    switch (action) {
      case 'pause':
        if (paused) refuse(409, ErrorCode.invalidState, 'The timer is already paused');
        pauseSpeaker(ctx, speaker);
        break;
      case 'resume':
        if (!paused) refuse(409, ErrorCode.invalidState, 'The timer is running');
        patchQueueEntry(speaker.map, { runningSince: ctx.now, pausedAt: null });
        break;
      case 'extend': {
        // The schema bounds one extension and requires seconds with extend; the turn as a whole
        // is bounded too, so repeated extensions cannot grow it (and the budgets) without end.
        const limitSeconds = speaker.entry.limitSeconds + (seconds ?? 0);
        if (limitSeconds > SpeakingLimits.maxExtendedTurnSeconds) {
          refuse(
            409,
            ErrorCode.invalidState,
            `A turn may last at most ${SpeakingLimits.maxExtendedTurnSeconds / 3600} hours`,
          );
        }
        // Overtime stays allowed: the timer only shows it.
        patchQueueEntry(speaker.map, { limitSeconds });
        break;
      }
    }
    return { entryId: speaker.entry.id };
  },
};
