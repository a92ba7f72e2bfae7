import { speakingElapsedMs, type OrgType, type QueueEntry, type RequestKind } from '@kenes/shared';

/**
 * One time someone had the floor: a queue entry that was granted. Entries
 * withdrawn or removed before their turn are requests, not interventions.
 */
export interface Intervention {
  entryId: string;
  agendaItemId: string | null;
  /** The account that spoke, or null for an in-room speaker the chair added. */
  userId: string | null;
  speaker: string;
  organisation: string;
  orgType: OrgType;
  kind: RequestKind;
  /** `speaking`: under way at `now`; `removed`: the chair took the floor away mid-turn. */
  status: 'done' | 'speaking' | 'removed';
  grantedAt: number;
  endedAt: number | null;
  /** Time spoken, pauses excluded (`speakingElapsedMs`); a current speaker counts up to `now`. */
  durationMs: number;
}

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
