import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { createApp, type AppDeps, type KenesApp } from './app.js';

/** A listening Kenes server. */
export interface RunningServer {
  /** The bound port (useful with PORT=0). */
  port: number;
  /** The bound port of the separate metrics listener, or null without `METRICS_PORT`. */
  metricsPort: number | null;
  /** `http://host:port`, with a loopback host when bound to all interfaces. */
  url: string;
  kenes: KenesApp;
  /** Stops accepting, commits queued writes, closes sockets with 1012, then the listener. Not the store. */
  close(): Promise<void>;
}

/** Starts the app on `config.host:config.port` and attaches the WebSocket upgrade handler. */
export async function startServer(deps: AppDeps): Promise<RunningServer> {
  const kenes = createApp(deps);
  const server = serve({
    fetch: kenes.app.fetch,
    port: deps.config.port,
    hostname: deps.config.host,
  }) as Server;
  server.on('upgrade', kenes.handleUpgrade);
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  // METRICS_PORT: /metrics alone on its own listener, for a scraper on a private network.
  const metricsServer =
    deps.config.metricsPort === undefined
      ? null
      : await listen(kenes.metricsApp.fetch, deps.config.metricsPort, deps.config.host);
  const host =
    deps.config.host === '0.0.0.0' || deps.config.host === '::' ? '127.0.0.1' : deps.config.host;
  let closing: Promise<void> | null = null;
  return {
    port,
    metricsPort: metricsServer ? (metricsServer.address() as AddressInfo).port : null,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    kenes,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await kenes.shutdown();
        // Requests still running after the sockets were drained get cut.
        const timer = setTimeout(() => server.closeAllConnections(), 2000);
        await closed;
        clearTimeout(timer);
        if (metricsServer) await new Promise<void>((r) => metricsServer.close(() => r()));
      })();
      return closing;
    },
  };
}

async function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<Server> {
  const server = serve({ fetch, port, hostname }) as Server;
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}
