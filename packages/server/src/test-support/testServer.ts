import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../server.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/Store.js';
import type { Principal, UpdateGuard, UpgradeAuthorizer } from '../sync/interfaces.js';
import type { SyncConfig } from '../sync/SyncConfig.js';
import type { Timers } from '../sync/timers.js';
import { permissiveGuard } from './permissiveGuard.js';
import { FAST_HASHER } from './apiHarness.js';
import { freePort } from './freePort.js';

/** A principal for tests; `userId` doubles as the name unless given. */
export function testPrincipal(userId: string, over: Partial<Principal> = {}): Principal {
  return {
    kind: 'member',
    userId,
    sessionId: `session-${userId}`,
    name: userId,
    organisation: `Org of ${userId}`,
    orgType: 'ngo',
    role: 'participant',
    ...over,
  };
}

/**
 * Admits everyone; the user is the `user` query parameter (default "tester"),
 * so one test can open sockets for several people.
 */
export const queryAuthorizer: UpgradeAuthorizer = {
  async authorize(req) {
    const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? 'tester';
    return { ok: true, principal: testPrincipal(user) };
  },
};

/** A config for tests: loopback, port 0, a temp data dir, silent logs, small grace. */
export function testConfig(dataDir: string, sync: Partial<SyncConfig> = {}): Config {
  const base = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CLIENT_DIR: join(dataDir, 'no-client'),
  });
  return {
    ...base,
    // Test files sign many people up from 127.0.0.1; the throttle has tests of its own.
    signupRate: { perSecond: 100, burst: 10_000 },
    sync: { ...base.sync, roomIdleGraceMs: 50, ...sync },
  };
}

/** Log lines captured from a test server. */
export interface LogCapture {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
}

/** A logger at `debug` whose JSON lines are kept in memory (to assert on what was logged). */
export function captureLogs(): LogCapture {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n'))
        if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination: stream }), lines };
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  dataDir?: string;
  /**
   * `real`: the production authorizer and guard (session cookie, Origin,
   * membership; texts fragments only), with PUBLIC_ORIGIN set to the
   * server's own URL and cheap argon2 parameters. Default: admit anyone,
   * permissive guard (for tests of the sync layer alone).
   */
  security?: 'real' | 'open';
  sync?: Partial<SyncConfig>;
  authorizer?: UpgradeAuthorizer;
  guard?: UpdateGuard;
  /** Wraps the real store (e.g. to make it fail). */
  wrapStore?: (store: Store) => Store;
  timers?: Timers;
  now?: () => number;
  /** Overrides of the config (limits, metrics token, client dir, …). */
  config?: Partial<Config>;
}

/** A running in-process server on a real SQLite file, and its teardown. */
export interface TestServer extends RunningServer {
  dataDir: string;
  store: Store;
  logs: LogCapture;
  /** `ws://127.0.0.1:port/sync`, the provider's serverUrl. */
  syncUrl: string;
  /** Closes the server and the store; removes the data dir unless `keepData`. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** Starts a real server on 127.0.0.1:0 with a real SQLite file in a temp dir. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kenes-sync-'));
  const real = opts.security === 'real';
  let config = { ...testConfig(dataDir, opts.sync), ...opts.config };
  if (real) {
    // The public origin must be known before listening: pick the port first.
    const port = await freePort();
    config = { ...config, port, publicOrigin: `http://127.0.0.1:${port}` };
  }
  const raw = openSqliteStore(config.dbPath);
  const store = opts.wrapStore ? opts.wrapStore(raw) : raw;
  const logs = captureLogs();
  const server = await startServer({
    config,
    logger: logs.logger,
    store,
    ...(real
      ? { api: { passwordHasher: FAST_HASHER } }
      : { authorizer: opts.authorizer ?? queryAuthorizer, guard: opts.guard ?? permissiveGuard }),
    ...(opts.timers ? { timers: opts.timers } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return {
    ...server,
    dataDir,
    store,
    logs,
    syncUrl: `${server.url.replace(/^http/, 'ws')}/sync`,
    async stop(o = {}) {
      await server.close();
      await raw.close();
      if (!o.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
