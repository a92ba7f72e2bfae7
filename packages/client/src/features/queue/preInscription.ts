import type { AgendaItem, MeetingInfo, QueueEntry } from '@kenes/shared';

/** A later agenda item with its number as shown and the requests waiting on it. */
export interface LaterItemList {
  item: AgendaItem;
  /** 1-based position among the visible agenda items. */
  number: number;
  waiting: QueueEntry[];
}

/**
 * The items after-or-other-than the one under discussion that requests may
 * wait on (not started: `pending`), each with its waiting requests in queue
 * order. The current item's list is the queue panel's own.
 */
export function laterItemLists(
  visibleAgenda: readonly AgendaItem[],
  queue: readonly QueueEntry[],
  meeting: MeetingInfo,
): LaterItemList[] {
  return visibleAgenda.flatMap((item, i) =>
    item.id === meeting.currentItemId || item.status !== 'pending'
      ? []
      : [
          {
            item,
            number: i + 1,
            waiting: queue.filter((e) => e.status === 'waiting' && e.agendaItemId === item.id),
          },
        ],
  );
}
