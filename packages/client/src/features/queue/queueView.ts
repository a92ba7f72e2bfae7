import type { MeetingInfo, QueueEntry } from '@kenes/shared';

/** The queue as the room shows it: who speaks now and who waits, in order. */
export interface QueueView {
  speaking: QueueEntry | null;
  /** Waiting requests on the current agenda item, in queue order; none while no item is current. */
  waiting: QueueEntry[];
}

/**
 * Splits the queue record into the current speaker and the waiting list of
 * the item under discussion. Ended entries are the record, not shown here;
 * requests filed under another item (moved on to a later one) wait for it,
 * and between items (or once the meeting is closed) nobody is shown waiting.
 */
export function queueView(queue: readonly QueueEntry[], meeting: MeetingInfo): QueueView {
  const speaking = queue.find((e) => e.status === 'speaking') ?? null;
  const current = meeting.status === 'closed' ? null : meeting.currentItemId;
  const waiting =
    current === null
      ? []
      : queue.filter((e) => e.status === 'waiting' && e.agendaItemId === current);
  return { speaking, waiting };
}

/** The name of the speaker a reply answers (or answered), if it is known. */
export function repliesTo(queue: readonly QueueEntry[], entry: QueueEntry): string | null {
  if (!entry.replyToEntryId) return null;
  return queue.find((e) => e.id === entry.replyToEntryId)?.name ?? null;
}
