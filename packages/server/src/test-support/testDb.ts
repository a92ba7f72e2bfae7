import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Store } from '../store/Store.js';
import { openPostgresStore, type PostgresStoreOptions } from '../store/postgres/index.js';
import { withDefaultUser } from '../store/postgres/pool.js';

/**
 * Test support (not used by the server): a fresh schema per opened store, so
 * test files running in parallel against one database never see each
 * other's rows, and nothing is left behind.
 */

/** The database tests run against; CI and the dev machine both provide it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

/** A schema created for one test; `drop()` removes it and everything in it. */
export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** Runs `sql` on a short-lived connection, failing loudly when unreachable. */
async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({
    connectionString: withDefaultUser(url),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (err) {
    // Never a skip: a missing database must fail the run, with the reason.
    throw new Error(
      `PostgreSQL is unreachable at ${url} (set TEST_DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty schema `kenes_test_<random>` in the test database. */
export async function createTestSchema(url: string = TEST_DATABASE_URL): Promise<TestSchema> {
  const schema = `kenes_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  return {
    url,
    schema,
    drop: () => adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/**
 * Opens a migrated Postgres store in a fresh schema: the `open` argument of
 * the contract suites (`describe…Contract('postgres', openTestPostgresStore)`).
 */
export async function openTestPostgresStore(
  opts: Omit<PostgresStoreOptions, 'schema'> = {},
): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const db = await createTestSchema();
  let store: Store;
  try {
    store = await openPostgresStore(db.url, { ...opts, schema: db.schema });
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
  return {
    store,
    async cleanup() {
      await store.close();
      await db.drop();
    },
  };
}
