// The servers compared by bench/compare.mjs: how to start each (child
// processes pinned to the server core), how clients reach a document, and
// what each one's persistence is. Every child speaks peers/ipc.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './children.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { prepareUpdate } from './prepareDoc.mjs';
import { ensurePeerInstalled } from './peerInstall.mjs';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

/** Kenes migrates into DATABASE_SCHEMA but does not create it: make it empty first. */
async function createSchema(schema) {
  // pg is the server's dependency, not the bench's: load it from there.
  const pg = createRequire(createRequire(import.meta.url).resolve('@kenes/server'))('pg');
  // Like the server's pool: a URL naming no user means the OS user (pg would read $USER).
  const url = new URL(PG_URL);
  if (url.username === '' && !process.env.PGUSER) url.username = os.userInfo().username;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
}

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const peer = (file) => path.join(benchDir, 'peers', file);

/**
 * The node flags Kenes runs with: those of the root `serve` script
 * (`node <flags> packages/server/dist/main.js`), so the bench measures the
 * server as it is deployed. BENCH_KENES_NODE_FLAGS='…' replaces them, to try
 * another setting (`''`: none, V8's defaults).
 */
function kenesNodeFlags() {
  const override = process.env.BENCH_KENES_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync(path.join(benchDir, '..', 'package.json'), 'utf8'));
  const serve = /^node((?:\s+--\S+)*)\s+packages\/server\/dist\/main\.js$/.exec(pkg.scripts.serve);
  if (!serve) throw new Error(`root serve script not understood: ${pkg.scripts.serve}`);
  return serve[1].split(/\s+/).filter(Boolean);
}
const KENES_NODE_FLAGS = kenesNodeFlags();

/**
 * @typedef {object} ServerSpec
 * @property {string} id  short key, also the column name
 * @property {string} label
 * @property {string} protocol  'kenes' | 'yws' | 'hocuspocus' (see lib/protocols.mjs)
 * @property {string} persistence  honest one-liner for the durability table
 * @property {number} processes  server processes (clients are spread across them)
 * @property {boolean} [caseOnly]  runs only in the cases that name it in their `servers`
 * @property {string[]} [nodeFlags]  flags the server runs with in production
 * @property {() => void} [install]  first use: installs the peer's own dependencies (lib/peerInstall.mjs)
 * @property {(dataDir: string, run: string) => Record<string,string>} env
 */

/** @type {ServerSpec[]} */
export const SERVERS = [
  {
    id: 'kenes',
    label: 'Kenes (SQLite, 1 process)',
    script: peer('kenes.mjs'),
    protocol: 'kenes',
    processes: 1,
    nodeFlags: KENES_NODE_FLAGS,
    persistence: 'each accepted update committed to SQLite before it is broadcast',
    env: (dataDir) => ({ DATA_DIR: dataDir }),
  },
  ...[2, 1, 3].map((processes) => ({
    id: processes === 2 ? 'kenes-pg' : `kenes-pg${processes}`,
    label: `Kenes (Postgres + Redis, ${processes} process${processes === 1 ? '' : 'es'})`,
    script: peer('kenes.mjs'),
    protocol: 'kenes',
    processes,
    // One and three processes only run in the cases that name them (the cost of distribution).
    caseOnly: processes !== 2,
    nodeFlags: KENES_NODE_FLAGS,
    persistence:
      'each accepted update committed to Postgres before it is broadcast; Redis pub/sub between processes',
    before: (run) => createSchema(`bench_${run}`),
    env: (dataDir, run) => ({
      DATA_DIR: dataDir,
      DATABASE_URL: PG_URL,
      // An isolated schema and channel prefix per server start: runs never see each other's rows.
      DATABASE_SCHEMA: `bench_${run}`,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_CHANNEL_PREFIX: `bench-${run}`,
    }),
  })),
  {
    id: 'hocuspocus',
    label: 'Hocuspocus 3 (SQLite)',
    script: peer('hocuspocus.mjs'),
    protocol: 'hocuspocus',
    processes: 1,
    persistence:
      'broadcast first; whole document stored by onStoreDocument, debounced 2 s (max 10 s)',
    env: (dataDir) => ({ DATA_DIR: dataDir }),
  },
  {
    id: 'hocuspocus4',
    label: 'Hocuspocus 4 (SQLite; declares Node ≥ 22, runs here on the bench’s Node)',
    script: peer('hocuspocus4/server.mjs'),
    protocol: 'hocuspocus',
    processes: 1,
    persistence:
      'broadcast first; whole document stored by onStoreDocument, debounced 2 s (max 10 s)',
    // Its own node_modules (another major than the workspace's Hocuspocus 3), installed on first use.
    install: () => ensurePeerInstalled('hocuspocus4', { nativeFromWorkspace: ['better-sqlite3'] }),
    env: (dataDir) => ({ DATA_DIR: dataDir }),
  },
  {
    id: 'yws',
    label: 'y-websocket 1.x reference',
    script: peer('yws.mjs'),
    protocol: 'yws',
    processes: 1,
    persistence: 'none (memory only; YPERSISTENCE/LevelDB off)',
    env: () => ({}),
  },
  {
    id: 'relay',
    label: 'plain ws relay (ceiling)',
    script: peer('relay.mjs'),
    protocol: 'yws',
    processes: 1,
    persistence: 'none (bytes kept in memory for newcomers)',
    env: () => ({}),
  },
];

/**
 * BENCH_CPU_PROF=<dir> [BENCH_CPU_PROF_SERVER=kenes]: the chosen server's
 * processes write V8 CPU profiles (--cpu-prof) into <dir> when they stop.
 */
export function profileFlags(id) {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir || id !== (process.env.BENCH_CPU_PROF_SERVER ?? 'kenes')) return [];
  // Node refuses --cpu-prof in NODE_OPTIONS: it must be a flag of the process.
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/**
 * Starts one server (all its processes) on `cpu`; resolves once all listen.
 * @returns {Promise<{ spec: ServerSpec, bases: string[], pids: number[], persistence?: string, prepare(id: string, options?: { suggestionsOnly?: boolean }): Promise<void>, gc(): Promise<void>, stalls(): Promise<{ loopMaxMs: number, loopP99Ms: number, gcMaxMs: number, gcTotalMs: number }>, memory(): Promise<{ heap: number, young: number }>, stop(): Promise<void> }>}
 */
export async function startServer(spec, { dataDir, run, cpu, limitMs }) {
  spec.install?.();
  await spec.before?.(run);
  const children = Array.from({ length: spec.processes }, (_, i) =>
    startChild(spec.script, [], {
      cpu,
      env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...spec.env(dataDir, run) },
      // --expose-gc: only the memory case calls it (through peers/ipc.mjs), for every server alike.
      nodeFlags: [...(spec.nodeFlags ?? []), '--expose-gc', ...profileFlags(spec.id)],
      limitMs,
      name: `${spec.id}#${i}`,
    }),
  );
  const stop = async () => void (await Promise.all(children.map((c) => c.stop())));
  try {
    // The first one migrates a fresh schema; the others start after it.
    const readies = [];
    for (const c of children) readies.push(await c.waitFor('ready', 60_000));
    return {
      spec,
      bases: readies.map((r) => `ws://127.0.0.1:${r.port}`),
      pids: children.map((c) => c.child.pid),
      persistence: readies[0].persistence,
      async prepare(meetingId, options) {
        children[0].send({
          type: 'prepare',
          meetingId,
          update: Array.from(prepareUpdate(meetingId, options)),
        });
        await children[0].waitFor('prepared', 30_000);
      },
      /** Bytes of JS heap in use and of RAM held by the young generation, summed over the processes (peers/ipc.mjs). */
      async memory() {
        const answers = await Promise.all(
          children.map((c) => {
            c.send({ type: 'memoryUsage' });
            return c.waitFor('memoryUsage', 30_000);
          }),
        );
        return {
          heap: answers.reduce((sum, a) => sum + a.usage.heapUsed, 0),
          young: answers.reduce((sum, a) => sum + a.young, 0),
        };
      },
      /** The longest event-loop stall and GC pause over the processes since the last call (peers/ipc.mjs). */
      async stalls() {
        const answers = await Promise.all(
          children.map((c) => {
            c.send({ type: 'stalls' });
            return c.waitFor('stalls', 30_000);
          }),
        );
        const all = answers.map((a) => a.stalls);
        // Kenes's stages: the worse process's bucket bound, per stage.
        const stages = {};
        for (const a of all)
          for (const [k, v] of Object.entries(a.stages ?? {}))
            stages[k] = Math.max(stages[k] ?? -Infinity, v);
        return {
          stages,
          loopMaxMs: Math.max(...all.map((a) => a.loopMaxMs)),
          loopP99Ms: Math.max(...all.map((a) => a.loopP99Ms)),
          gcMaxMs: Math.max(...all.map((a) => a.gcMaxMs)),
          gcTotalMs: all.reduce((sum, a) => sum + a.gcTotalMs, 0),
        };
      },
      /** A full, memory-reducing GC in every process (peers/ipc.mjs). */
      async gc() {
        await Promise.all(
          children.map((c) => {
            c.send({ type: 'gc' });
            return c.waitFor('gced', 30_000);
          }),
        );
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
