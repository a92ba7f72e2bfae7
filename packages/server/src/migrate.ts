import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import type { Store } from './store/Store.js';
import { describeStoreTarget, openStore, type StoreConfig } from './store/openStore.js';

/**
 * Opens the store the server would open with `config`, which applies every
 * pending migration, then closes it. Safe while servers are up and from
 * several places at once: Postgres migrations take an advisory lock, SQLite
 * ones run in a write transaction.
 *
 * @returns which backend was migrated and where (no credentials).
 */
export async function migrateConfiguredStore(
  config: StoreConfig,
): Promise<{ kind: Store['kind']; target: string }> {
  const store = await openStore(config);
  await store.close();
  return { kind: store.kind, target: describeStoreTarget(config) };
}

/** `pnpm migrate` (root script: `node packages/server/dist/migrate.js`). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.logLevel });
  try {
    log.info(await migrateConfiguredStore(config), 'store migrated');
  } catch (err) {
    log.error({ err }, 'migration failed');
    process.exitCode = 1;
  }
}

// Runs only as the entry point, so tests can import the function.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    // loadConfig failed: no logger yet.
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
