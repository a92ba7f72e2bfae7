import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, test } from 'vitest';
import { connectClient, waitSynced, type TestClient } from './clients.js';
import type { LiveUser } from './liveApi.js';
import { craftedUpdate, sendOneFrame, type SocketClose } from './rawSocket.js';
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

/** A file's shared server with real security, and its members' sockets. */
export interface LiveServer {
  /** The started server; throws before the file's first `beforeAll` ran. */
  readonly server: TestServer;
  /** A stock client of `meetingId` signed in as `user`, destroyed by the harness. */
  connect(user: LiveUser, meetingId: string, opts?: Omit<ConnectOptions, 'headers'>): TestClient;
  /** Runs `read` on a fresh synced client of `user` (what a newcomer gets), then closes it. */
  read<T>(user: LiveUser, meetingId: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** The update `edit` makes on a copy of `user`'s synced doc (what a hostile client sends). */
  memberUpdate(user: LiveUser, meetingId: string, edit: (doc: Y.Doc) => void): Promise<Uint8Array>;
  /** Sends one frame as `user` on a fresh raw socket; resolves with how the server closed it. */
  sendRaw(user: LiveUser, meetingId: string, frame: Uint8Array): Promise<SocketClose>;
}

/**
 * Starts one server for the whole file (`beforeAll`, real security unless
 * `opts` says otherwise) and stops it after; the clients opened through it
 * are destroyed after each test (`'test'`: a member may hold only a few
 * sockets) or after the file (`'file'`). Call it at the top of the file,
 * before the file's own `beforeAll` that signs people up.
 */
export function useLiveServer(
  opts: TestServerOptions = { security: 'real' },
  clientsLast: 'test' | 'file' = 'file',
): LiveServer {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  const destroyClients = () => {
    for (const c of clients.splice(0)) c.destroy();
  };
  beforeAll(async () => {
    server = await startTestServer(opts);
  });
  if (clientsLast === 'test') afterEach(destroyClients);
  afterAll(async () => {
    destroyClients();
    await server?.stop();
  });
  const live: LiveServer = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    connect(user, meetingId, opts = {}) {
      const c = connectClient(live.server.syncUrl, meetingId, {
        ...opts,
        headers: user.socketHeaders,
      });
      clients.push(c);
      return c;
    },
    async read(user, meetingId, read) {
      const probe = live.connect(user, meetingId);
      await waitSynced(probe);
      try {
        return read(probe.doc);
      } finally {
        // Members may hold only so many sockets: probes close when done.
        probe.destroy();
      }
    },
    async memberUpdate(user, meetingId, edit) {
      const synced = await live.read(user, meetingId, (doc) => Y.encodeStateAsUpdate(doc));
      const base = new Y.Doc();
      Y.applyUpdate(base, synced);
      return craftedUpdate(base, edit);
    },
    sendRaw(user, meetingId, frame) {
      return sendOneFrame(live.server.syncUrl, meetingId, user.socketHeaders, frame);
    },
  };
  return live;
}
