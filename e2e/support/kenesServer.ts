import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createLogger,
  loadConfig,
  openSqliteStore,
  startServer,
  type RoomAccess,
  type RunningServer,
  type Store,
  type UpdateGuard,
  type UpgradeAuthorizer,
} from '@kenes/server';
// TEMPORARY, as in the server's main.ts: the dev seams admit anyone. When the
// real authorizer and guard land, make them the defaults here and sign in
// through `openPage(…, { setup })` (see support/browser.ts).
import { devAuthorizer, devGuard } from '../../packages/server/src/sync/devSeams.js';
import { ensureClientBuilt } from './clientBuild.js';

/** Options of {@link startKenes}. */
export interface StartKenesOptions {
  /** Who may open a sync socket; defaults to the server's current wiring. */
  authorizer?: UpgradeAuthorizer;
  /** Which client updates are applied; defaults to the server's current wiring. */
  guard?: UpdateGuard;
  /** Extra environment (e.g. `ROOM_IDLE_GRACE_MS`), read like the server's own. */
  env?: Record<string, string>;
}

/** A Kenes server for one test file. */
export interface RunningKenes {
  /** `http://127.0.0.1:<port>`: open pages here. */
  origin: string;
  /** Server-side writes and reads of meeting docs, as commands do them. */
  rooms: RoomAccess;
  store: Store;
  server: RunningServer;
  dataDir: string;
  /** Shuts down gracefully, closes the store and deletes the data dir. */
  stop(): Promise<void>;
}

/**
 * Starts a real Kenes server in this process: the server package's source,
 * a temp DATA_DIR (SQLite), port 0 on 127.0.0.1, serving the built client.
 *
 * @example
 * const kenes = await startKenes();
 * await kenes.rooms.transact(id, (doc) => …);
 * afterAll(() => kenes.stop());
 */
export async function startKenes(options: StartKenesOptions = {}): Promise<RunningKenes> {
  const clientDir = ensureClientBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kenes-e2e-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLIENT_DIR: clientDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel });
  const store = openSqliteStore(config.dbPath);
  let server: RunningServer;
  try {
    server = await startServer({
      config,
      logger,
      store,
      authorizer: options.authorizer ?? devAuthorizer,
      guard: options.guard ?? devGuard,
    });
  } catch (err) {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  // The page must be served from the origin the server believes is its own
  // (PUBLIC_ORIGIN defaults to localhost:<PORT>, unknown before binding); use
  // the bound loopback URL and let the Origin check compare against it.
  return {
    origin: server.url,
    rooms: server.kenes.rooms,
    store,
    server,
    dataDir,
    async stop() {
      try {
        await server.close();
      } finally {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
