// Peer 3: @hocuspocus/server 3 with its SQLite extension (documents stored
// by the Database extension's onStoreDocument, which Hocuspocus debounces:
// 2 s after the last change, at most 10 s — persistence after broadcast).
// When the extension's native sqlite3 binding is missing (prebuilt binaries
// come from GitHub), the same Database extension is run over better-sqlite3
// with the SQLite extension's own schema and queries.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { serveHocuspocusIpc } from './ipc.mjs';

const require = createRequire(import.meta.url);
// Verbatim from @hocuspocus/extension-sqlite 3.4.4 (its schema and queries).
const SCHEMA = `CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))`;
const SELECT = `SELECT data FROM "documents" WHERE name = $name ORDER BY rowid DESC`;
const UPSERT = `INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data`;
const dbPath = path.join(process.env.DATA_DIR ?? '.', 'hocuspocus.db');

async function sqliteExtension() {
  const sqliteDir = path.dirname(require.resolve('@hocuspocus/extension-sqlite'));
  try {
    // Probe the native binding first: a failed ESM import of the extension leaves rejections behind.
    createRequire(sqliteDir + '/')('sqlite3');
    const { SQLite } = await import('@hocuspocus/extension-sqlite');
    return { ext: new SQLite({ database: dbPath }), kind: 'extension-sqlite (sqlite3)' };
  } catch (err) {
    // The Database extension's ESM build, so it shares the server's yjs instance.
    const dbPkg = path.dirname(
      createRequire(sqliteDir + '/').resolve('@hocuspocus/extension-database'),
    );
    const { Database } = await import(path.join(dbPkg, 'hocuspocus-database.esm.js'));
    const Better = createRequire(require.resolve('@kenes/server'))('better-sqlite3');
    const db = new Better(dbPath);
    db.exec(SCHEMA);
    const select = db.prepare(SELECT);
    const upsert = db.prepare(UPSERT);
    const ext = new Database({
      fetch: async ({ documentName }) => select.get({ name: documentName })?.data ?? null,
      store: async ({ documentName, state }) =>
        void upsert.run({ name: documentName, data: state }),
    });
    const why = err.message.split('\n')[0].slice(0, 60);
    return {
      ext,
      kind: `extension-database over better-sqlite3, extension-sqlite's schema and queries (its sqlite3 binding: ${why})`,
    };
  }
}

const { ext, kind } = await sqliteExtension();
console.error(`hocuspocus peer: persistence via ${kind}`);
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [ext],
});
await server.listen();
if (ext.db?.run) {
  // extension-sqlite runs its CREATE TABLE in onConfigure without waiting for
  // it: a fetch right after start can find no table. Wait for the same
  // (IF NOT EXISTS) statement before taking documents.
  await new Promise((resolve, reject) =>
    ext.db.run(SCHEMA, (err) => (err ? reject(err) : resolve())),
  );
}
process.send({ type: 'ready', port: server.address.port, persistence: kind });

serveHocuspocusIpc(server, Y);
