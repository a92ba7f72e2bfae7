// Scale-out bench: fan-out latency with N readers on ONE process vs the same
// readers spread over TWO processes (Postgres store + Redis fan-out), one
// writer typing on the first process. Everything on 127.0.0.1; every child
// has a time limit. Needs PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL).
//
//   pnpm build && node bench/scaleout.mjs [--readers=500] [--duration=10]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './lib/children.mjs';
import { ms, summary, table } from './lib/stats.mjs';
import { spawnSync } from 'node:child_process';

const here = path.dirname(fileURLToPath(import.meta.url));
const opt = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const READERS = Number(opt.readers ?? 500);
const DURATION_MS = Number(opt.duration ?? 10) * 1000;
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOST = '127.0.0.1';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kenes-bench-scaleout-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** A fresh schema (psql: the bench has no pg dependency of its own). */
function createSchema() {
  const schema = `kenes_bench_${randomBytes(5).toString('hex')}`;
  const sql = (q) => {
    const r = spawnSync('psql', [TEST_DATABASE_URL, '-qAt', '-c', q], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`psql failed (is PostgreSQL up at ${TEST_DATABASE_URL}?): ${r.stderr}`);
  };
  sql(`CREATE SCHEMA ${schema}`);
  return { schema, drop: async () => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/** Starts `count` server processes on one fresh schema (and Redis when several); runs `fn`; stops all. */
async function withServers(count, fn) {
  const db = createSchema();
  const prefix = `kenes-bench-${randomBytes(4).toString('hex')}`;
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const s = startChild(path.join(here, 'server.mjs'), [], {
        // Two cores here: servers share core 0, clients get core 1.
        cpu: 0,
        env: {
          DATA_DIR: path.join(tmp, `s${i}`),
          HOST,
          LOG_LEVEL: 'warn',
          DATABASE_URL: TEST_DATABASE_URL,
          DATABASE_SCHEMA: db.schema,
          ...(count > 1 ? { REDIS_URL, REDIS_CHANNEL_PREFIX: prefix } : {}),
        },
        limitMs: 5 * 60_000,
        name: `server${i}`,
      });
      servers.push({ child: s, port: (await s.waitFor('ready', 30_000)).port });
    }
    return await fn(servers);
  } finally {
    for (const s of servers) await s.child.stop();
    await db.drop();
  }
}

async function run(processes) {
  return withServers(processes, async (servers) => {
    const meetingId = `scaleout-${processes}`;
    servers[0].child.send({ type: 'prepare', meetingId });
    await servers[0].child.waitFor('prepared', 15_000);
    const urls = servers.map((s) => `ws://${HOST}:${s.port}/sync/${meetingId}`);
    const limitMs = DURATION_MS + 120_000;
    const child = startChild(
      path.join(here, 'clients.mjs'),
      [
        JSON.stringify({
          kind: 'fanout',
          url: urls[0],
          readerUrls: urls,
          origin: `http://${HOST}:${servers[0].port}`,
          readers: READERS,
          durationMs: DURATION_MS,
          rateHz: 10,
          warmupMs: 1000,
          limitMs,
        }),
      ],
      { cpu: 1, limitMs: limitMs + 10_000, name: 'clients' },
    );
    const { result } = await child.waitFor('result', limitMs + 10_000);
    await child.exited;
    return result;
  });
}

const rows = [];
for (const processes of [1, 2]) {
  const r = await run(processes);
  const all = summary(r.perReceipt);
  const row = (label, s, readers = r.readers) => [
    label,
    String(readers),
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    String(r.missing),
    String(r.diverged),
    String(r.closed),
  ];
  rows.push(row(`${processes} process${processes > 1 ? 'es' : ''}, all readers`, all));
  if (processes > 1) {
    rows.push(
      row('  readers on the writer’s process', summary(r.perUrl[0]), Math.ceil(r.readers / 2)),
    );
    rows.push(
      row(
        '  readers on the other process (via Redis)',
        summary(r.perUrl[1]),
        Math.floor(r.readers / 2),
      ),
    );
  }
}
console.log(
  `\nFan-out latency, ${READERS} readers, 10 edits/s for ${DURATION_MS / 1000} s, Postgres store (${os.cpus().length} cores)\n`,
);
console.log(
  table(['setup', 'readers', 'p50', 'p99', 'max', 'missing', 'diverged', 'closed'], rows),
);
