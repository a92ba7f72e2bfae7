import type { MeetingInfo, QueueEntry } from '@kenes/shared';

/** The queue as the room shows it: who speaks now and who waits, in order. */
export interface QueueView {
  speaking: QueueEntry | null;
  /** Waiting requests on the current agenda item, in queue order. */
  waiting: QueueEntry[];
}

/**
 * Splits the queue record into the current speaker and the waiting list of
 * the item under discussion. Ended entries are the record, not shown here.
 */
export function queueView(queue: readonly QueueEntry[], meeting: MeetingInfo): QueueView {
  const speaking = queue.find((e) => e.status === 'speaking') ?? null;
  const waiting = queue.filter(
    (e) =>
      e.status === 'waiting' &&
      (meeting.currentItemId === null || e.agendaItemId === meeting.currentItemId),
  );
  return { speaking, waiting };
}
