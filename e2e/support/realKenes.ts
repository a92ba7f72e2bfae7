import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, openSqliteStore, startServer } from '@kenes/server';
import type { RoomAccess, RunningServer, Store } from '@kenes/server';
import { ensureClientBuilt } from './clientBuild.js';

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

/** A free loopback port: bound, read, released (a tiny race, fine for tests). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A Kenes server as production wires it — real upgrade authorizer, real
 * document guard, commands — so browsers sign up and use real cookies.
 * PUBLIC_ORIGIN must equal the page's origin (the Origin check of the API
 * and of the upgrade compares against it), and with port 0 it is unknown
 * before binding: so a free port is chosen first and both are set to it.
 */
export async function startRealKenes(env: Record<string, string> = {}): Promise<RunningKenes> {
  const clientDir = ensureClientBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kenes-e2e-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: origin,
    DATA_DIR: dataDir,
    CLIENT_DIR: clientDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...env,
  });
  const logger = createLogger({ level: config.logLevel });
  const store = openSqliteStore(config.dbPath);
  const server = await startServer({ config, logger, store }).catch(async (err: unknown) => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    origin,
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
