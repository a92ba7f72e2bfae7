import type * as Y from 'yjs';
import {
  ErrorCode,
  insertAgendaItem,
  meetingRoots,
  moveRecord,
  patchAgendaItem,
  patchMeeting,
  readAgendaItem,
  type AgendaItem,
  type RecordMap,
} from '@kenes/shared';
import { refuse, type CommandContext, type Handlers } from './context.js';
import { finishAnySpeaker } from './queue.js';

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

/**
 * Ends the active item (status done, endedAt) and clears the current item.
 * Finishes the current speaker first: a turn belongs to its item. Writes.
 */
export function completeActiveItem(ctx: CommandContext): void {
  finishAnySpeaker(ctx);
  for (const i of agendaItems(ctx.doc)) {
    if (i.item.status === 'active') patchAgendaItem(i.map, { status: 'done', endedAt: ctx.now });
  }
  patchMeeting(ctx.doc, { currentItemId: null });
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

  'agenda.remove'(ctx, { itemId }) {
    const i = findItem(ctx.doc, itemId);
    requireNotRemoved(i);
    if (i.item.status === 'active') {
      refuse(409, ErrorCode.invalidState, 'Complete the item under discussion before removing it');
    }
    patchAgendaItem(i.map, { status: 'removed' });
    return { itemId };
  },

  'agenda.start'(ctx, { itemId }) {
    const i = findItem(ctx.doc, itemId);
    requireNotRemoved(i);
    if (i.item.status === 'active')
      refuse(409, ErrorCode.invalidState, 'That item is already under discussion');
    completeActiveItem(ctx);
    // A chair may return to a finished item: it keeps its first start and gets a new end later.
    patchAgendaItem(i.map, {
      status: 'active',
      startedAt: i.item.startedAt ?? ctx.now,
      endedAt: null,
    });
    patchMeeting(ctx.doc, { currentItemId: itemId });
    return { itemId };
  },

  'agenda.complete'(ctx, { itemId }) {
    const active = agendaItems(ctx.doc).find((i) => i.item.status === 'active');
    if (itemId !== undefined && findItem(ctx.doc, itemId).item.id !== active?.item.id) {
      refuse(409, ErrorCode.invalidState, 'That item is not under discussion');
    }
    if (!active) refuse(409, ErrorCode.invalidState, 'No agenda item is under discussion');
    completeActiveItem(ctx);
    return { itemId: active.item.id };
  },
};
