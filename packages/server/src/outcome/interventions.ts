import { speakingElapsedMs, type Intervention, type QueueEntry } from '@kenes/shared';

/**
 * Every intervention of the queue, in the order they were given the floor.
 * Pure: `now` only matters for a speaker still speaking.
 *
 * @example interventionsOf(readQueue(doc), Date.now())
 */
export function interventionsOf(queue: readonly QueueEntry[], now: number): Intervention[] {
  const out: Intervention[] = [];
  for (const e of queue) {
    if (e.grantedAt === null) continue;
    if (e.status !== 'done' && e.status !== 'speaking' && e.status !== 'removed') continue;
    out.push({
      entryId: e.id,
      agendaItemId: e.agendaItemId,
      userId: e.userId,
      speaker: e.name,
      organisation: e.organisation,
      orgType: e.orgType,
      kind: e.kind,
      status: e.status,
      grantedAt: e.grantedAt,
      endedAt: e.endedAt,
      durationMs: Math.max(0, Math.round(speakingElapsedMs(e, now))),
    });
  }
  // The queue array is the waiting order and entries are moved around in it; the record is the grant order.
  return out.sort((a, b) => a.grantedAt - b.grantedAt || a.entryId.localeCompare(b.entryId));
}
