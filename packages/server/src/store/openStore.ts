import type { Config } from '../config.js';
import type { Store } from './Store.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';

/** What {@link openStore} needs of the configuration. */
export type StoreConfig = Pick<Config, 'databaseUrl' | 'dbPath'> &
  Partial<Pick<Config, 'databaseSchema'>>;

/**
 * Opens the configured backend, migrated: Postgres when `DATABASE_URL` is
 * set, else SQLite at `DATA_DIR/kenes.db`. The one place that choice is made
 * (the server and `pnpm migrate` both use it).
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) {
    return openPostgresStore(
      config.databaseUrl,
      config.databaseSchema ? { schema: config.databaseSchema } : {},
    );
  }
  return openSqliteStore(config.dbPath);
}

/** Where a store lives, fit for logs: a database URL never shows its password. */
export function describeStoreTarget(config: StoreConfig): string {
  if (!config.databaseUrl) return config.dbPath;
  try {
    const u = new URL(config.databaseUrl);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
