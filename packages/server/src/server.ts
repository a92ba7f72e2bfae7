import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { createApp, type AppDeps, type KenesApp } from './app.js';

/** A listening Kenes server. */
export interface RunningServer {
  /** The bound port (useful with PORT=0). */
  port: number;
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
  const host =
    deps.config.host === '0.0.0.0' || deps.config.host === '::' ? '127.0.0.1' : deps.config.host;
  let closing: Promise<void> | null = null;
  return {
    port,
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
      })();
      return closing;
    },
  };
}
