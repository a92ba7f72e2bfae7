import { test } from 'vitest';
import { connectClient, type TestClient } from './clients.js';
import { startTestServer, type TestServer, type TestServerOptions } from './testServer.js';

type ConnectOptions = NonNullable<Parameters<typeof connectClient>[2]>;

/** One test's server and its stock clients, all closed after the test. */
export interface ServerHarness {
  /** Starts this test's server (again after {@link ServerHarness.stop}). */
  start(opts?: TestServerOptions): Promise<TestServer>;
  /** Destroys the clients and stops the server now (a restart test starts another after). */
  stop(): Promise<void>;
  /** The started server; throws before {@link ServerHarness.start}. */
  readonly server: TestServer;
  /** A stock WebsocketProvider client of `meetingId` on the started server. */
  client(meetingId: string, user?: string, opts?: Omit<ConnectOptions, 'user'>): TestClient;
}

/**
 * `it` with a `harness` fixture: the test starts its server with
 * `await harness.start(opts)` and opens clients with `harness.client(...)`;
 * after the test the clients are destroyed and the server stopped — the
 * `let server; const clients; afterEach` block each file used to repeat.
 */
export const serverTest = test.extend<{ harness: ServerHarness }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a fixture needs from this pattern
  harness: async ({}, use) => {
    let server: TestServer | undefined;
    const clients: TestClient[] = [];
    const harness: ServerHarness = {
      async start(opts) {
        if (server) throw new Error('this test already started its server');
        server = await startTestServer(opts);
        return server;
      },
      async stop() {
        for (const c of clients.splice(0)) c.destroy();
        await server?.stop();
        server = undefined;
      },
      get server() {
        if (!server) throw new Error('start the server first: await harness.start()');
        return server;
      },
      client(meetingId, user, opts = {}) {
        const c = connectClient(harness.server.syncUrl, meetingId, user ? { ...opts, user } : opts);
        clients.push(c);
        return c;
      },
    };
    await use(harness);
    await harness.stop();
  },
});
