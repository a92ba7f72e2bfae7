import type * as Y from 'yjs';
import {
  ErrorCode,
  deleteQueueEntry,
  insertAgendaItem,
  meetingRoots,
  moveRecord,
  patchAgendaItem,
  patchMeeting,
  readAgendaItem,
  readMeeting,
  readQueue,
  type AgendaItem,
  type RecordMap,
} from '@kenes/shared';
import { refuse, type CommandContext, type Handlers } from './context.js';
import {
  currentSpeaker,
  queueEntries,
  settleWaiting,
  stopSpeaker,
  waitingFor,
  type WaitingChoice,
} from './queue.js';

/**
 * The agenda. Items are never deleted: a removed item keeps its place in the
 * array with status `removed`, because queue entries and recommendations
 * point at it. Positions in commands (`index`, `toIndex`) count only the
 * visible (not removed) items, as users see them.
 *
 * At most one item is `active`, and it is the meeting's `currentItemId`.
 */

/** An agenda item with its map and its index in the `agenda` array. */
export interface LocatedItem {
  map: RecordMap;
  index: number;
  item: AgendaItem;
}

/** Every agenda item, removed ones included, in array order. */
export function agendaItems(doc: Y.Doc): LocatedItem[] {
  return meetingRoots(doc)
    .agenda.toArray()
    .map((map, index) => ({ map, index, item: readAgendaItem(map) }));
}

/** The item with this id, or a 404 refusal. */
export function findItem(doc: Y.Doc, itemId: string): LocatedItem {
  return (
    agendaItems(doc).find((i) => i.item.id === itemId) ??
    refuse(404, ErrorCode.notFound, `No agenda item ${itemId}`)
  );
}

function requireNotRemoved(i: LocatedItem): void {
  if (i.item.status === 'removed')
    refuse(409, ErrorCode.invalidState, `Agenda item ${i.item.id} was removed`);
}

/** Array index that puts an item at visible position `position` (clamped), given the other items. */
function arrayIndexFor(
  others: readonly LocatedItem[],
  position: number,
  arrayLength: number,
): number {
  const visible = others.filter((i) => i.item.status !== 'removed');
  const at = visible[Math.min(position, visible.length)];
  return at ? at.index : arrayLength;
}

/** What the sender of an item change said to do with what runs on the item that ends. */
export interface EndingChoices {
  /** End the running turn (required when someone has the floor). */
  endCurrentTurn?: boolean | undefined;
  /** Move the waiting requests on, or end them (required when requests wait). */
  waitingRequests?: WaitingChoice | undefined;
}

/**
 * Checks, before anything is written, that ending the item under discussion
 * ends nothing the sender did not choose to end: a running turn needs
 * `endCurrentTurn`, waiting requests need `waitingRequests` (and `move` needs
 * an item to move to). Refuses 409 `confirmation_required` otherwise.
 */
function checkEnding(ctx: CommandContext, choices: EndingChoices, moveTo: string | null): void {
  const all = queueEntries(ctx.doc);
  const speaker = currentSpeaker(all);
  if (speaker && choices.endCurrentTurn !== true) {
    refuse(
      409,
      ErrorCode.confirmationRequired,
      `${speaker.entry.name} has the floor: send endCurrentTurn: true to end the turn`,
    );
  }
  const waiting = waitingFor(all, readMeeting(ctx.doc).currentItemId).length;
  if (waiting > 0 && choices.waitingRequests === undefined) {
    refuse(
      409,
      ErrorCode.confirmationRequired,
      `${waiting} request(s) are waiting: send waitingRequests 'move' or 'end'`,
    );
  }
  if (waiting > 0 && choices.waitingRequests === 'move' && moveTo === null) {
    refuse(409, ErrorCode.invalidState, 'There is no next item to move the waiting requests to');
  }
}

/**
 * Ends the active item (status done, endedAt) and clears the current item,
 * after {@link checkEnding} passed: ends the running turn (a turn belongs to
 * its item), then moves the item's waiting requests to `moveTo` or ends them.
 * Writes.
 */
export function completeActiveItem(
  ctx: CommandContext,
  choices: EndingChoices,
  moveTo: string | null,
): void {
  const speaker = currentSpeaker(queueEntries(ctx.doc));
  if (speaker) stopSpeaker(ctx, speaker, 'done');
  const { currentItemId } = readMeeting(ctx.doc);
  settleWaiting(ctx, currentItemId, choices.waitingRequests ?? 'end', moveTo);
  for (const i of agendaItems(ctx.doc)) {
    if (i.item.status === 'active') patchAgendaItem(i.map, { status: 'done', endedAt: ctx.now });
  }
  patchMeeting(ctx.doc, { currentItemId: null });
}

/** The first pending item after `after` in agenda order: where `move` sends waiting requests. */
function nextPendingItem(doc: Y.Doc, after: string | null): string | null {
  const all = agendaItems(doc);
  const from = all.findIndex((i) => i.item.id === after);
  return all.slice(from + 1).find((i) => i.item.status === 'pending')?.item.id ?? null;
}

/** Handlers of the `agenda.*` commands. */
export const agendaHandlers: Pick<
  Handlers,
  | 'agenda.add'
  | 'agenda.update'
  | 'agenda.move'
  | 'agenda.remove'
  | 'agenda.start'
  | 'agenda.complete'
> = {
  'agenda.add'(ctx, { title, description = '', plannedMinutes = 0, index }) {
    const all = agendaItems(ctx.doc);
    const at = index === undefined ? all.length : arrayIndexFor(all, index, all.length);
    const item: AgendaItem = {
      id: ctx.ids(),
      title,
      description,
      plannedMinutes,
      status: 'pending',
      startedAt: null,
      endedAt: null,
    };
    insertAgendaItem(ctx.doc, at, item);
    return { itemId: item.id };
  },

  'agenda.update'(ctx, { itemId, title, description, plannedMinutes }) {
    const i = findItem(ctx.doc, itemId);
    requireNotRemoved(i);
    patchAgendaItem(i.map, { title, description, plannedMinutes });
    return { itemId };
  },

  'agenda.move'(ctx, { itemId, toIndex }) {
    const all = agendaItems(ctx.doc);
    const i =
      all.find((x) => x.item.id === itemId) ??
      refuse(404, ErrorCode.notFound, `No agenda item ${itemId}`);
    requireNotRemoved(i);
    const visibleNow = all.filter((x) => x.item.status !== 'removed');
    if (visibleNow.indexOf(i) === Math.min(toIndex, visibleNow.length - 1)) return { itemId };
    // Indices as they will be once `i` is deleted.
    const others = all
      .filter((x) => x !== i)
      .map((x) => ({ ...x, index: x.index > i.index ? x.index - 1 : x.index }));
    moveRecord(
      meetingRoots(ctx.doc).agenda,
      i.index,
      arrayIndexFor(others, toIndex, all.length - 1),
    );
    return { itemId };
  },

  'agenda.remove'(ctx, { itemId, waitingRequests }) {
    const i = findItem(ctx.doc, itemId);
    requireNotRemoved(i);
    if (i.item.status === 'active') {
      refuse(409, ErrorCode.invalidState, 'Complete the item under discussion before removing it');
    }
    // Removing never orphans anything: an item that was discussed is part of the
    // minutes, and recommendations (removed ones too: they may be restored) or
    // requests filed under it need it. Such an item stays; only an untouched one goes.
    if (i.item.startedAt !== null) {
      refuse(
        409,
        ErrorCode.invalidState,
        `“${i.item.title}” was discussed: it stays in the minutes`,
      );
    }
    const recs = meetingRoots(ctx.doc)
      .recommendations.toArray()
      .filter((m) => m.get('agendaItemId') === itemId).length;
    if (recs > 0) {
      refuse(
        409,
        ErrorCode.invalidState,
        `“${i.item.title}” has ${recs} recommendation(s): remove or move them first`,
      );
    }
    const filed = readQueue(ctx.doc).filter((e) => e.agendaItemId === itemId);
    if (filed.some((e) => e.grantedAt !== null)) {
      refuse(
        409,
        ErrorCode.invalidState,
        `Requests for the floor are filed under “${i.item.title}”`,
      );
    }
    // What waits on an item not yet started (pre-inscriptions, requests moved on to it) never
    // had the floor: it goes with the item, once the sender said so.
    if (filed.length > 0 && waitingRequests !== 'end') {
      refuse(
        409,
        ErrorCode.confirmationRequired,
        `${filed.length} request(s) wait on “${i.item.title}”: send waitingRequests 'end'`,
      );
    }
    for (const e of queueEntries(ctx.doc).reverse()) {
      if (e.entry.agendaItemId === itemId) deleteQueueEntry(ctx.doc, e.index);
    }
    patchAgendaItem(i.map, { status: 'removed' });
    return { itemId, title: i.item.title };
  },

  'agenda.start'(ctx, { itemId, ...choices }) {
    const i = findItem(ctx.doc, itemId);
    requireNotRemoved(i);
    if (i.item.status === 'active')
      refuse(409, ErrorCode.invalidState, 'That item is already under discussion');
    checkEnding(ctx, choices, itemId);
    completeActiveItem(ctx, choices, itemId);
    // A chair may return to a finished item: it keeps its first start and gets a new end later.
    patchAgendaItem(i.map, {
      status: 'active',
      startedAt: i.item.startedAt ?? ctx.now,
      endedAt: null,
    });
    patchMeeting(ctx.doc, { currentItemId: itemId });
    return { itemId };
  },

  'agenda.complete'(ctx, { itemId, ...choices }) {
    const active = agendaItems(ctx.doc).find((i) => i.item.status === 'active');
    if (itemId !== undefined && findItem(ctx.doc, itemId).item.id !== active?.item.id) {
      // The sender saw this item under discussion; another chair moved on meanwhile.
      refuse(409, ErrorCode.stale, 'That item is no longer under discussion');
    }
    if (!active) refuse(409, ErrorCode.invalidState, 'No agenda item is under discussion');
    const moveTo = nextPendingItem(ctx.doc, active.item.id);
    checkEnding(ctx, choices, moveTo);
    completeActiveItem(ctx, choices, moveTo);
    return { itemId: active.item.id };
  },
};
