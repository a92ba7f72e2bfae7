import type { Pool, PoolClient } from 'pg';

/**
 * Runs `fn` on one pooled connection inside BEGIN … COMMIT, rolling back when
 * it throws. Resolves only after COMMIT succeeded, so a resolved store call
 * has committed.
 */
export async function withTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A failed ROLLBACK means the connection is unusable: drop it from the pool.
    broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    throw err;
  } finally {
    client.release(broken);
  }
}
