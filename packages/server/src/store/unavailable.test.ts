import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { withDefaultUser } from './postgres/pool.js';
import { isStoreUnavailable } from './unavailable.js';

/** The real Postgres the tests run against. */
const URL = withDefaultUser(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test');

/** The error `fn` rejects with. */
async function errorOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('isStoreUnavailable on real Postgres errors', () => {
  const pools: pg.Pool[] = [];
  const pool = (opts: pg.PoolConfig = {}) => {
    const p = new pg.Pool({ connectionString: URL, ...opts });
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  it('counts a lock wait that timed out (55P03, a busy meeting lock) as unavailable, like SQLITE_BUSY', async () => {
    const p = pool({ max: 2 });
    const holder = await p.connect();
    const waiter = await p.connect();
    const key = 0x6b1200 + Math.floor(Math.random() * 1000);
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [key]);
      const err = await errorOf(() =>
        waiter.query(`SET lock_timeout = '50ms'; SELECT pg_advisory_lock(${key})`),
      );
      expect((err as { code?: string }).code).toBe('55P03');
      expect(isStoreUnavailable(err)).toBe(true);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [key]);
      holder.release();
      waiter.release(true);
    }
  });

  it('counts a pool that gave no connection in time as unavailable', async () => {
    const p = pool({ max: 1, connectionTimeoutMillis: 50 });
    const busy = await p.connect();
    try {
      const err = await errorOf(() => p.connect());
      expect(isStoreUnavailable(err)).toBe(true);
    } finally {
      busy.release();
    }
  });

  it('does not count a bug (a syntax error) as unavailable', async () => {
    const err = await errorOf(() => pool().query('SELEC 1'));
    expect(isStoreUnavailable(err)).toBe(false);
  });
});
