import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Logger } from 'pino';
import { ErrorCode } from '@kenes/shared';
import type { Config } from './config.js';
import type { Store } from './store/Store.js';
import type { UpdateGuard, UpgradeAuthorizer } from './sync/interfaces.js';
import { RoomRegistry } from './sync/RoomRegistry.js';
import { createUpgradeHandler } from './sync/upgrade.js';
import type { Timers } from './sync/timers.js';
import type { Fanout } from './fanout/Fanout.js';
import { createLocalFanout } from './fanout/local.js';
import { Metrics } from './metrics/Metrics.js';
import { createApi, type ApiDeps } from './http/api.js';
import { commandRoutes } from './http/routes/commands.js';
import { versionRoutes } from './http/routes/versions.js';
import { outcomeRoutes } from './http/routes/outcome.js';
import { exportRoutes } from './http/routes/exports.js';
import { createVersionSaver } from './versions/saveVersion.js';
import { createUpgradeAuthorizer } from './auth/upgradeAuthorizer.js';
import { createUpdateGuard } from './guard/createGuard.js';
import { errorBody, notFound, onError } from './http/errors.js';
import { limitBody } from './http/limits/bodyLimit.js';
import { securityHeaders } from './http/securityHeaders.js';
import { metricsRoute } from './http/metricsRoute.js';
import type { Mailer } from './mail/Mailer.js';
import { openMailer } from './mail/openMailer.js';
import { memoryMailLimiters, type MailLimiters } from './http/limits/mailLimits.js';

/** What the app is built from: every seam is passed in, nothing is global. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  store: Store;
  /** Who may open a sync socket. Default: session cookie, Origin and membership checks. */
  authorizer?: UpgradeAuthorizer;
  /** Which client updates may be applied. Default: the document guard (texts fragments only). */
  guard?: UpdateGuard;
  /** Clock for rate limits; tests inject one. */
  now?: () => number;
  /** Timers for room grace periods; tests inject them. */
  timers?: Timers;
  /** Fan-out to other processes (Redis). Default: a local no-op; the app does not close it. */
  fanout?: Fanout;
  /** Where mail goes. Default: from `config.mail` (SMTP, or the outbox directory); the app closes it. */
  mailer?: Mailer;
  /** Mail budgets shared across processes (Redis); default: in memory, from `config.mail`. */
  mailLimits?: MailLimiters;
  /** Extra options of the HTTP API (password hasher, throttle, more routes); the rest comes from above. */
  api?: Omit<ApiDeps, 'store' | 'publicOrigin' | 'logger' | 'connections' | 'now'>;
}

/** The built app: HTTP routes, the sync rooms, the upgrade listener and shutdown. */
export interface KenesApp {
  app: Hono;
  /** The rooms: {@link RoomAccess} for commands, {@link ConnectionControl} for auth routes. */
  rooms: RoomRegistry;
  /** This app's Prometheus metrics (its own registry). */
  metrics: Metrics;
  /** `/metrics` alone, without a token: for a separate listener (`METRICS_PORT`) only. */
  metricsApp: Hono;
  /** Listener for the http server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Refuses new sockets, commits queued writes, closes sockets with 1012. Does not close the store. */
  shutdown(): Promise<void>;
}

/**
 * Builds the Kenes server from its dependencies.
 *
 * @example
 * const kenes = createApp({ config, logger, store, authorizer, guard });
 * server.on('upgrade', kenes.handleUpgrade);
 */
export function createApp(deps: AppDeps): KenesApp {
  const { config, logger, store } = deps;
  const now = deps.now ?? Date.now;
  const fanout = deps.fanout ?? createLocalFanout();
  // The registry reports into the metrics and the metrics read the registry: wire through a late-bound source.
  let registry: RoomRegistry | null = null;
  const metrics = new Metrics({ stats: () => registry?.stats() ?? { rooms: 0, sockets: 0 } });
  const rooms = new RoomRegistry({
    docs: store.docs,
    guard: deps.guard ?? createUpdateGuard({ now }),
    logger: logger.child({ component: 'sync' }),
    config: config.sync,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
    fanout,
    // Only a shared database can lock across processes; alone, the pipeline serializes.
    ...(fanout.distributed && store.meetingLocks ? { locks: store.meetingLocks } : {}),
    metrics,
    fanoutTickMs: config.fanoutTickMs,
  });
  registry = rooms;
  const mailer = deps.mailer ?? openMailer(config.mail, logger.child({ component: 'mail' }), now);
  const upgrade = createUpgradeHandler({
    authorizer:
      deps.authorizer ?? createUpgradeAuthorizer({ store, publicOrigin: config.publicOrigin, now }),
    rooms,
    logger: logger.child({ component: 'upgrade' }),
    maxFrameBytes: config.sync.maxFrameBytes,
    heartbeatMs: config.sync.heartbeatMs,
  });

  const app = new Hono();
  app.onError(onError((err, msg) => logger.error({ err }, msg)));
  app.notFound(notFound);
  app.use('*', securityHeaders(config.publicOrigin));
  // Before any route reads a body (sign-up and login included): 413 from the Content-Length alone.
  app.use('*', limitBody(config.maxBodyBytes));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    // Both must answer: without Redis this process's clients would miss the others' edits.
    // The store's ping writes, so a database that reads but takes no writes is not ready.
    const [db, redis] = await Promise.allSettled([store.ping(), fanout.ping()]);
    if (db.status === 'fulfilled' && redis.status === 'fulfilled') return c.json({ ok: true });
    const down = [
      db.status === 'rejected' ? 'database' : null,
      redis.status === 'rejected' ? 'redis' : null,
    ].filter(Boolean);
    logger.warn(
      { down, err: db.status === 'rejected' ? db.reason : (redis as PromiseRejectedResult).reason },
      'readiness check failed',
    );
    const what = down.includes('database') ? 'Store' : 'Redis';
    return c.json(errorBody(ErrorCode.unavailable, `${what} unavailable`), 503);
  });
  // Prometheus: on the public port only behind METRICS_TOKEN (deploy/nginx.conf denies it too).
  app.get('/metrics', metricsRoute(metrics, config.metricsToken ?? null));
  const metricsApp = new Hono();
  metricsApp.get('/metrics', metricsRoute(metrics, undefined));
  const mountCommands = commandRoutes({
    rooms,
    store,
    now,
    saveVersion: createVersionSaver(store),
    rate: config.commandRate,
  });
  const mountVersions = versionRoutes({ store });
  const mountOutcome = outcomeRoutes({ store, rooms, now });
  const mountExports = exportRoutes({ store, rooms, now });
  app.route(
    '/api',
    createApi({
      signupRate: config.signupRate,
      mail: {
        mailer,
        timeZone: config.mail.timeZone,
        limits: deps.mailLimits ?? memoryMailLimiters(config.mail, now),
      },
      ...deps.api,
      store,
      publicOrigin: config.publicOrigin,
      logger: logger.child({ component: 'api' }),
      connections: rooms,
      rooms,
      now,
      mount: (api, kit) => {
        mountCommands(api, kit);
        mountVersions(api, kit);
        mountOutcome(api, kit);
        mountExports(api, kit);
        deps.api?.mount?.(api, kit);
      },
    }),
  );
  mountClient(app, config.clientDir);

  let shutdown: Promise<void> | null = null;
  return {
    app,
    rooms,
    metrics,
    metricsApp,
    handleUpgrade: (req, socket, head) => upgrade.handleUpgrade(req, socket, head),
    shutdown() {
      shutdown ??= (async () => {
        upgrade.close();
        await rooms.shutdown();
        if (!deps.mailer) mailer.close();
      })();
      return shutdown;
    },
  };
}

/** Where the client build puts its hashed files (Vite's `assets/`). */
const ASSETS_PATH = '/assets/';

/**
 * Serves the built client with an SPA fallback: any GET outside /api that
 * is not a file answers index.html, so client-side routes survive a reload.
 * The build writes each text file compressed beside it (`.br`, `.gz`):
 * a browser that accepts one gets it (the editor's 385 KiB of script as
 * about 95), nothing is compressed per request.
 */
function mountClient(app: Hono, clientDir: string): void {
  const index = join(clientDir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (c) =>
      c.text(
        `Kenes server is running, but the client is not built (looked in ${clientDir}).\nRun \`pnpm build\` first.\n`,
      ),
    );
    return;
  }
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    // Source maps stay on the build machine: they would publish the sources with their comments.
    if (c.req.path.endsWith('.map')) return notFound(c);
    if (!c.req.path.startsWith(ASSETS_PATH))
      return serveStatic({ root: clientDir, precompressed: true })(c, next);
    const res = await serveStatic({ root: clientDir, precompressed: true })(c, next);
    // The build names every file under /assets/ by its content's hash: a browser may keep it
    // for good and open a room again without asking (index.html, unhashed, is asked for each time).
    if (res?.ok) res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    return res;
  });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    return serveStatic({ path: index, precompressed: true })(c, next);
  });
}
