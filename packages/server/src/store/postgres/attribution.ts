import type { Pool, PoolClient } from 'pg';
import type { TextAttribution } from '../Store.js';
import { toAttribution, type AttributionRecord } from '../records.js';

/**
 * Inserts moved-text attributions (see `TextAttribution`) on the append
 * transaction's connection, so they commit with the updates they describe.
 * A row already stored keeps its author.
 */
export async function insertAttributions(
  client: PoolClient,
  meetingId: string,
  rows: readonly TextAttribution[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO text_attributions (meeting_id, client_id, clock, length, user_id)
     SELECT $1, r.c, r.k, r.l, r.u
       FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::text[]) AS r(c, k, l, u)
     ON CONFLICT (meeting_id, client_id, clock) DO NOTHING`,
    [
      meetingId,
      rows.map((r) => r.clientId),
      rows.map((r) => r.clock),
      rows.map((r) => r.length),
      rows.map((r) => r.userId),
    ],
  );
}

/** A meeting's moved-text attributions, sorted by client and clock (of `clientIds` only, if given). */
export async function loadAttributions(
  pool: Pool,
  meetingId: string,
  clientIds?: readonly number[],
): Promise<TextAttribution[]> {
  if (clientIds?.length === 0) return [];
  const { rows } = await pool.query<AttributionRecord>(
    `SELECT client_id, clock, length, user_id FROM text_attributions
     WHERE meeting_id = $1 AND ($2::bigint[] IS NULL OR client_id = ANY($2::bigint[]))
     ORDER BY client_id, clock`,
    [meetingId, clientIds ?? null],
  );
  return rows.map(toAttribution);
}
