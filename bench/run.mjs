// Kenes bench: fan-out latency and newcomer sync time, server and clients in
// separate processes (pinned to different cores when possible), traffic on
// 127.0.0.1 only. Prints a table and writes bench/RESULTS-kenes-only.md
// (the side-by-side comparison, `pnpm bench`, owns bench/RESULTS.md).
//
//   pnpm bench                      # builds, then runs everything (~2 min)
//   node bench/run.mjs --quick      # shorter runs, for trying the harness
//   node bench/run.mjs --readers=50 --duration=5 --edits=20000
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canPin, startChild } from './lib/children.mjs';
import { ms, summary, table } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const opt = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const quick = opt.quick === 'true';
const READERS = (opt.readers ?? '50,500').split(',').map(Number);
const DURATION_MS = Number(opt.duration ?? (quick ? 5 : 15)) * 1000;
const EDITS = Number(opt.edits ?? (quick ? 20_000 : 100_000));
const HOST = '127.0.0.1';
const SERVER_CPU = 0;
const CLIENT_CPU = 1;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kenes-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Runs `fn` against a fresh server process on `dataDir`; always stops it. */
async function withServer(dataDir, fn) {
  const server = startChild(path.join(here, 'server.mjs'), [], {
    cpu: SERVER_CPU,
    env: { DATA_DIR: dataDir, HOST, LOG_LEVEL: 'warn' },
    limitMs: 10 * 60_000,
    name: 'server',
  });
  try {
    const { port } = await server.waitFor('ready', 30_000);
    return await fn({
      port,
      url: (meetingId) => `ws://${HOST}:${port}/sync/${meetingId}`,
      origin: `http://${HOST}:${port}`,
      async prepare(meetingId) {
        server.send({ type: 'prepare', meetingId });
        await server.waitFor('prepared', 15_000);
      },
      async rss() {
        server.send({ type: 'stats' });
        return (await server.waitFor('stats', 5_000)).rss;
      },
    });
  } finally {
    await server.stop();
  }
}

/** Runs one clients.mjs job in its own process; resolves with its result. */
async function clients(job, limitMs) {
  const child = startChild(path.join(here, 'clients.mjs'), [JSON.stringify({ ...job, limitMs })], {
    cpu: CLIENT_CPU,
    limitMs: limitMs + 10_000,
    name: `clients:${job.kind}`,
  });
  const { result } = await child.waitFor('result', limitMs + 10_000);
  await child.exited;
  return result;
}

async function fanout(readers) {
  return withServer(path.join(tmp, `fanout-${readers}`), async (s) => {
    const meetingId = `fanout-${readers}`;
    await s.prepare(meetingId);
    const result = await clients(
      {
        kind: 'fanout',
        url: s.url(meetingId),
        origin: s.origin,
        readers,
        durationMs: DURATION_MS,
        rateHz: 10,
        warmupMs: 1000,
      },
      DURATION_MS + 120_000,
    );
    return { ...result, serverRss: await s.rss() };
  });
}

async function joins() {
  const dataDir = path.join(tmp, 'join');
  const meetingId = 'join-100k';
  const out = {};
  await withServer(dataDir, async (s) => {
    await s.prepare(meetingId);
    const base = { url: s.url(meetingId), origin: s.origin };
    out.seed = await clients({ kind: 'seed', ...base, edits: EDITS, batch: 1000 }, 300_000);
    const expectedLength = out.seed.textLength;
    out.warm1 = await clients(
      { kind: 'join', ...base, count: 1, rounds: 10, hold: true, expectedLength },
      120_000,
    );
    out.warm20 = await clients(
      { kind: 'join', ...base, count: 20, rounds: 5, hold: true, expectedLength },
      120_000,
    );
    out.serverRss = await s.rss();
  });
  // Cold: a fresh process must load the meeting from the store first.
  await withServer(dataDir, async (s) => {
    const base = { url: s.url(meetingId), origin: s.origin, expectedLength: out.seed.textLength };
    out.cold1 = await clients({ kind: 'join', ...base, count: 1, rounds: 1, hold: false }, 120_000);
  });
  await withServer(dataDir, async (s) => {
    const base = { url: s.url(meetingId), origin: s.origin, expectedLength: out.seed.textLength };
    out.cold20 = await clients(
      { kind: 'join', ...base, count: 20, rounds: 1, hold: false },
      120_000,
    );
  });
  return out;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    // Other work on the machine skews the figures: record how busy it was.
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    pinned: canPin
      ? `server on core ${SERVER_CPU}, clients on core ${CLIENT_CPU} (taskset)`
      : 'no (taskset or a second core missing)',
  };
}

const started = new Date();
const fan = [];
for (const n of READERS) {
  console.log(`fan-out: 1 writer at 10 chars/s, ${n} readers, ${DURATION_MS / 1000} s…`);
  fan.push(await fanout(n));
}
console.log(`join: seeding ${EDITS} edits, then newcomers…`);
const join = await joins();

const fanRows = fan.map((r) => {
  const per = summary(r.perReceipt);
  const last = summary(r.toLast);
  const joined = summary(r.joinTimes);
  return [
    String(r.readers),
    String(r.measuredEdits),
    String(per.n),
    ms(per.p50),
    ms(per.p99),
    ms(last.p50),
    ms(last.p99),
    ms(last.max),
    String(r.missing),
    String(r.diverged),
    ms(joined.p50),
    `${(r.serverRss / 2 ** 20).toFixed(0)} MiB`,
  ];
});
const fanTable = table(
  [
    'readers',
    'edits',
    'receipts',
    'receipt p50',
    'receipt p99',
    'last receiver p50',
    'last receiver p99',
    'last receiver max',
    'missing',
    'diverged',
    'reader join p50',
    'server RSS',
  ],
  fanRows,
);
const joinRow = (label, r) => {
  const s = summary(r.times);
  const a = summary(r.arrivals);
  const ap = summary(r.applies);
  return [
    label,
    String(r.count),
    String(s.n),
    ms(a.p50),
    ms(a.p99),
    ms(ap.p50),
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    String(r.wrong),
  ];
};
const joinTable = table(
  [
    'case',
    'at once',
    'samples',
    'step 2 arrived p50',
    'step 2 arrived p99',
    'apply p50',
    'synced p50',
    'synced p99',
    'synced max',
    'wrong state',
  ],
  [
    joinRow('cold (fresh server process, loads from SQLite)', join.cold1),
    joinRow('cold, 20 at once', join.cold20),
    joinRow('warm (room loaded)', join.warm1),
    joinRow('warm, 20 at once', join.warm20),
  ],
);
const m = machine(); // load average read at the end: covers the run's last minutes
const seed = join.seed;
const args = process.argv.slice(2).join(' ');
const command =
  args === ''
    ? 'pnpm bench (pnpm build && node bench/run.mjs)'
    : `pnpm build && node bench/run.mjs ${args}`;
const report = `# Kenes bench results

Date: ${started.toISOString()}
Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, ${m.os}; Node ${m.node}; load average at the end ${m.load} (1/5/15 min)
Pinning: ${m.pinned}
Command: \`${command}\`

Server: the built \`@kenes/server\` (packages/server/dist) in its own process, SQLite
in a temp DATA_DIR, an authorizer that admits anyone. Clients: raw \`ws\` + yjs +
y-protocols in another process (bench/clients.mjs), all on 127.0.0.1.

## Fan-out (1 writer typing 10 chars/s into a recommendation text, ${DURATION_MS / 1000} s)

Latency in ms from the writer's edit to each reader's receipt of the frame (taken
on arrival, before applying: it measures the server's fan-out plus the client
process's socket handling). "Last receiver": per edit, the slowest reader. The
first second is warm-up and not counted. "Diverged": readers whose final text
differs from the writer's.

${fanTable}

## Join (newcomer's connect → synced, a document with ${EDITS.toLocaleString('en')} single-char edits)

History: ${seed.edits.toLocaleString('en')} edits by one client (3 inserts : 1 delete, at random
positions, one transaction each), sent in ${seed.frames} merged frames in ${ms(seed.seedMs)} ms;
final text ${seed.textLength.toLocaleString('en')} chars, state ${(seed.stateBytes / 1024).toFixed(0)} KiB encoded.
"Step 2 arrived": ms from \`new WebSocket\` to the arrival of sync step 2 (the
server's share: handshake, load if cold, encoding, transfer). "Apply": the
newcomer applying it. "Synced" = arrival + own apply, what y-websocket calls
synced, as if each newcomer had its own core (the 20 share one client
process here, so their applies are timed one by one after all arrived).
Warm runs keep one client connected so the room stays loaded; cold runs start
a fresh server process, which loads the meeting from SQLite on the first socket.
Server RSS after the warm runs: ${(join.serverRss / 2 ** 20).toFixed(0)} MiB.

${joinTable}
`;
console.log('\n' + report);
writeFileSync(path.join(here, 'RESULTS-kenes-only.md'), report);
console.log(`wrote ${path.join('bench', 'RESULTS-kenes-only.md')}`);
