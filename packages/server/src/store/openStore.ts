import type { Config } from '../config.js';
import { redactUrl } from '../redactUrl.js';
import type { Store } from './Store.js';

/** What {@link openStore} needs of the configuration. */
export type StoreConfig = Pick<Config, 'databaseUrl' | 'dbPath'> &
  Partial<Pick<Config, 'databaseSchema'>>;

/**
 * Opens the configured backend, migrated: Postgres when `DATABASE_URL` is
 * set, else SQLite at `DATA_DIR/kenes.db`. The one place that choice is made
 * (the server and `pnpm migrate` both use it). Only the chosen backend's
 * driver is loaded: a SQLite server never carries pg, nor Postgres one
 * better-sqlite3.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/index.js');
    return openPostgresStore(
      config.databaseUrl,
      config.databaseSchema ? { schema: config.databaseSchema } : {},
    );
  }
  const { openSqliteStore } = await import('./sqlite/index.js');
  return openSqliteStore(config.dbPath);
}

/** Where a store lives, fit for logs: a database URL never shows its password. */
export function describeStoreTarget(config: StoreConfig): string {
  return config.databaseUrl ? redactUrl(config.databaseUrl, 'DATABASE_URL') : config.dbPath;
}
