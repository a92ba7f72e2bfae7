// Peer 3b: @hocuspocus/server 4 with its SQLite extension (better-sqlite3
// since v4; documents stored by the Database extension's onStoreDocument,
// which Hocuspocus debounces: 2 s after the last change, at most 10 s —
// persistence after broadcast). It lives in its own directory with its own
// node_modules (bench/lib/peerInstall.mjs installs it on first use), so its
// imports resolve to v4 and its own yjs, not the workspace's Hocuspocus 3.
// Hocuspocus 4 declares Node >= 22; the bench runs it on the Node it has.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import * as Y from 'yjs';
import { serveHocuspocusIpc } from '../ipc.mjs';

const betterSqlite3 = createRequire(import.meta.url)('better-sqlite3/package.json').version;
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [new SQLite({ database: path.join(process.env.DATA_DIR ?? '.', 'hocuspocus.db') })],
});
await server.listen();
process.send({
  type: 'ready',
  port: server.address.port,
  persistence: `extension-sqlite over better-sqlite3 ${betterSqlite3} (the workspace's build); run on Node ${process.version}, though Hocuspocus 4 declares Node >= 22`,
});

serveHocuspocusIpc(server, Y);
