import type { Store } from '../Store.js';
import { createPostgresAccountStore } from './accounts.js';
import { createPostgresAuditStore } from './audit.js';
import { createPostgresDocStore } from './docs.js';
import { createPostgresDisplayLinkStore } from './displayLinks.js';
import { createPostgresMeetingLocks } from './locks.js';
import { createPostgresMeetingStore } from './meetings.js';
import { migratePostgres } from './migrate.js';
import { createPool, type PostgresPoolOptions } from './pool.js';
import { createPostgresVersionStore } from './versions.js';
import { createPostgresPasswordResetStore } from './passwordResets.js';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions extends PostgresPoolOptions {
  /** Clock for the times the store stamps itself (snapshots, bindings). */
  now?: () => number;
  /** Connections reserved for meeting locks (default 10). */
  lockConnections?: number;
}

/**
 * Opens the Postgres store at `url` (a `DATABASE_URL`), applying pending
 * migrations first: several processes may open at once, the migration lock
 * lets exactly one apply each migration. Rejects (and closes the pool) when
 * the database is unreachable or a migration fails.
 *
 * @example
 *   const store = await openPostgresStore(process.env.DATABASE_URL!);
 */
export async function openPostgresStore(
  url: string,
  opts: PostgresStoreOptions = {},
): Promise<Store> {
  const pool = createPool(url, opts);
  const now = opts.now ?? Date.now;
  try {
    await migratePostgres(pool, undefined, now);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  // Lock connections live in their own small pool (see locks.ts); pg
  // connects lazily, so a store that never locks opens none.
  const lockPool = createPool(url, { ...opts, max: opts.lockConnections ?? 10 });
  let closed: Promise<void> | null = null;
  return {
    kind: 'postgres',
    docs: createPostgresDocStore(pool, now),
    accounts: createPostgresAccountStore(pool),
    meetings: createPostgresMeetingStore(pool),
    audit: createPostgresAuditStore(pool),
    versions: createPostgresVersionStore(pool),
    passwordResets: createPostgresPasswordResetStore(pool),
    displayLinks: createPostgresDisplayLinkStore(pool),
    meetingLocks: createPostgresMeetingLocks(lockPool),
    async ping() {
      // A write, not a read: a read-only replica or a full disk answers SELECT 1 but no command.
      await pool.query(
        'INSERT INTO health_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at',
        [now()],
      );
    },
    close() {
      // pg throws on a second end(); shutdown paths may close twice.
      closed ??= Promise.all([pool.end(), lockPool.end()]).then(() => undefined);
      return closed;
    },
  };
}

export { POSTGRES_MIGRATIONS } from './migrations.js';
export { migratePostgres } from './migrate.js';
export type { PostgresPoolOptions } from './pool.js';
