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
import type { UpdateGuard, UpgradeAuthorizer } from './sync/seams.js';
import { RoomRegistry } from './sync/RoomRegistry.js';
import { createUpgradeHandler } from './sync/upgrade.js';
import type { Timers } from './sync/timers.js';
import { createApi, type ApiDeps } from './http/api.js';
import { commandRoutes } from './http/routes/commands.js';
import { versionRoutes } from './http/routes/versions.js';
import { createVersionSaver } from './versions/saveVersion.js';
import { createUpgradeAuthorizer } from './auth/upgradeAuthorizer.js';
import { createUpdateGuard } from './guard/createGuard.js';
import { errorBody, notFound, onError } from './http/errors.js';

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
  /** Extra options of the HTTP API (password hasher, throttle, more routes); the rest comes from above. */
  api?: Omit<ApiDeps, 'store' | 'publicOrigin' | 'logger' | 'connections' | 'now'>;
}

/** The built app: HTTP routes, the sync rooms, the upgrade listener and shutdown. */
export interface KenesApp {
  app: Hono;
  /** The rooms: {@link RoomAccess} for commands, {@link ConnectionControl} for auth routes. */
  rooms: RoomRegistry;
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
  const rooms = new RoomRegistry({
    docs: store.docs,
    guard: deps.guard ?? createUpdateGuard(),
    logger: logger.child({ component: 'sync' }),
    config: config.sync,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
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
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ ok: true });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      return c.json(errorBody(ErrorCode.unavailable, 'Store unavailable'), 503);
    }
  });
  const mountCommands = commandRoutes({ rooms, store, now, saveVersion: createVersionSaver(store) });
  const mountVersions = versionRoutes({ store });
  app.route(
    '/api',
    createApi({
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
        deps.api?.mount?.(api, kit);
      },
    }),
  );
  mountClient(app, config.clientDir);

  let shutdown: Promise<void> | null = null;
  return {
    app,
    rooms,
    handleUpgrade: (req, socket, head) => upgrade.handleUpgrade(req, socket, head),
    shutdown() {
      shutdown ??= (async () => {
        upgrade.close();
        await rooms.shutdown();
      })();
      return shutdown;
    },
  };
}

/**
 * Serves the built client with an SPA fallback: any GET outside /api that
 * is not a file answers index.html, so client-side routes survive a reload.
 */
function mountClient(app: Hono, clientDir: string): void {
  const index = join(clientDir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (c) =>
      c.text(`Kenes server is running, but the client is not built (looked in ${clientDir}).\nRun \`pnpm build\` first.\n`),
    );
    return;
  }
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    return serveStatic({ root: clientDir })(c, next);
  });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    return serveStatic({ path: index })(c, next);
  });
}
