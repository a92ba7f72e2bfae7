import type * as Y from 'yjs';
import {
  ErrorCode,
  insertQueueEntry,
  meetingRoots,
  moveRecord,
  patchQueueEntry,
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
 * `agendaItemId` is the meeting's current item (null before any item starts).
 * Entries are never deleted: they are the record of who spoke when.
 *
 * Order among the waiting entries of one item is kept as the array order and
 * always respects the bands: points of order, then replies, then plain
 * requests. Within a band, first come first served unless the chair moves.
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

function newEntry(
  ctx: CommandContext,
  fields: Pick<QueueEntry, 'userId' | 'name' | 'organisation' | 'orgType' | 'kind'>,
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
    limitSeconds: meeting.defaultSpeakingSeconds,
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

/** Ends the current speaker's turn if someone speaks (item change, meeting closed). Writes. */
export function finishAnySpeaker(ctx: CommandContext): void {
  const speaker = currentSpeaker(queueEntries(ctx.doc));
  if (speaker) stopSpeaker(ctx, speaker, 'done');
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
  'queue.request'(ctx, { kind }) {
    const meeting = readMeeting(ctx.doc);
    if (!meeting.listOpen && kind !== 'point_of_order') {
      refuse(409, ErrorCode.listClosed, 'The list of speakers is closed');
    }
    const all = queueEntries(ctx.doc);
    const { actor } = ctx;
    if (
      waitingFor(all, meeting.currentItemId).some(
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
    });
    insertQueueEntry(ctx.doc, insertionIndex(all, meeting.currentItemId, kind), entry);
    return { entryId: entry.id };
  },

  'queue.addSpeaker'(ctx, { name, organisation, orgType, kind = 'speak' }) {
    // The chair's addition joins even a closed list, and is never a duplicate:
    // two in-room speakers may share a name.
    const all = queueEntries(ctx.doc);
    const entry = newEntry(ctx, { userId: null, name, organisation, orgType, kind });
    insertQueueEntry(ctx.doc, insertionIndex(all, entry.agendaItemId, kind), entry);
    return { entryId: entry.id };
  },

  'queue.withdraw'(ctx, { entryId }) {
    const e = findEntry(queueEntries(ctx.doc), entryId);
    // Even a chair withdraws only its own request; it removes others' with queue.remove.
    if (e.entry.userId !== ctx.actor.userId)
      refuse(403, ErrorCode.forbidden, 'You may withdraw only your own request');
    requireWaiting(e);
    patchQueueEntry(e.map, { status: 'withdrawn', endedAt: ctx.now });
  },

  'queue.grant'(ctx, { entryId }) {
    const meeting = readMeeting(ctx.doc);
    const all = queueEntries(ctx.doc);
    let next: LocatedEntry;
    if (entryId !== undefined) {
      next = findEntry(all, entryId);
      requireWaiting(next);
      if (next.entry.agendaItemId !== meeting.currentItemId) {
        refuse(409, ErrorCode.invalidState, 'That request belongs to another agenda item');
      }
    } else {
      next =
        waitingFor(all, meeting.currentItemId)[0] ??
        refuse(409, ErrorCode.invalidState, 'No one is waiting for the floor');
    }
    const speaker = currentSpeaker(all);
    if (speaker) stopSpeaker(ctx, speaker, 'done');
    patchQueueEntry(next.map, {
      status: 'speaking',
      grantedAt: ctx.now,
      // The default in force when the floor is given, not when it was asked.
      limitSeconds: meeting.defaultSpeakingSeconds,
      elapsedMs: 0,
      runningSince: ctx.now,
      pausedAt: null,
    });
    return { entryId: next.entry.id };
  },

  'queue.finish'(ctx) {
    const speaker =
      currentSpeaker(queueEntries(ctx.doc)) ??
      refuse(409, ErrorCode.invalidState, 'No one is speaking');
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

  'queue.timer'(ctx, { action, seconds }) {
    const speaker =
      currentSpeaker(queueEntries(ctx.doc)) ??
      refuse(409, ErrorCode.invalidState, 'No one is speaking');
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
      case 'extend':
        // The schema requires seconds with extend; overtime stays allowed either way.
        patchQueueEntry(speaker.map, { limitSeconds: speaker.entry.limitSeconds + (seconds ?? 0) });
        break;
    }
    return { entryId: speaker.entry.id };
  },
};
