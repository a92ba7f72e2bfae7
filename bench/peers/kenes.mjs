// Kenes for the side-by-side run (bench/compare.mjs): the BUILT server
// (packages/server/dist) wired as main.ts wires it — openStore (SQLite in
// DATA_DIR, or Postgres when DATABASE_URL is set), the Redis fan-out when
// REDIS_URL is set, and the real document guard (createUpdateGuard: every
// client update is checked, then committed before it is broadcast). Only
// the upgrade authorizer is replaced: it admits every socket as a
// participant, since account sessions are not what is measured. Both Kenes
// rows (SQLite, and Postgres + Redis with two processes) run this file.
import * as Y from 'yjs';
import {
  createLogger,
  createUpdateGuard,
  loadConfig,
  openFanout,
  openStore,
  startServer,
} from '@kenes/server';
import { serveIpc } from './ipc.mjs';

/**
 * The bench admits every socket as a participant: auth cost is not what is
 * measured. Each socket is a member of its own, as in a real meeting (one
 * member may hold only a few sockets in a meeting: Limits.maxSocketsPerMember).
 */
let sockets = 0;
const benchAuthorizer = {
  async authorize(req, meetingId) {
    sockets += 1;
    // A suggesting writer names itself (its marks must name their sender).
    const named = new URL(req.url ?? '/', 'http://bench').searchParams.get('bench-user');
    return {
      ok: true,
      principal: {
        kind: 'member',
        userId: named ?? `bench-${meetingId}-${sockets}`,
        sessionId: 'bench',
        name: 'Bench',
        organisation: 'Kenes bench',
        orgType: 'other',
        role: 'participant',
      },
    };
  },
};

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Latency and sync cost are measured, not the abuse limits: seeding and
  // durability writers send as fast as the socket allows.
  SOCKET_MESSAGES_PER_SEC: '1000000',
  SOCKET_MESSAGE_BURST: '1000000',
  SOCKET_BYTES_PER_SEC: String(1 << 30),
  SOCKET_BYTE_BURST: String(1 << 30),
  // Nor the edit quotas: the durability writers type far more than a person.
  USER_EDIT_BYTES_PER_SEC: String(1 << 30),
  USER_EDIT_BYTE_BURST: String(1 << 30),
  TEXT_MAX_CHARS: String(1 << 30),
  MEETING_MAX_BYTES: String(1 << 30),
});
const logger = createLogger({ level: config.logLevel });
const store = await openStore(config);
const fanout = await openFanout(config, logger);
const server = await startServer({
  config,
  logger,
  store,
  authorizer: benchAuthorizer,
  guard: createUpdateGuard(),
  ...(fanout ? { fanout } : {}),
});
process.send({ type: 'ready', port: server.port });

/** Bucket counts of a Prometheus histogram, per value of `label` (prom-client's get()). */
async function buckets(name, label) {
  const metric = server.kenes.metrics.registry.getSingleMetric(name);
  const out = {};
  // A server built before the histogram existed (a before/after run) has none.
  if (!metric) return out;
  for (const v of (await metric.get()).values) {
    if (!v.metricName?.endsWith('_bucket')) continue;
    const key = label ? v.labels[label] : 'all';
    (out[key] ??= []).push([v.labels.le, v.value]);
  }
  return out;
}

let lastStages = {};
/**
 * The p99 of each stage of an update's path over the window since the last
 * read, as the upper bound of its Prometheus bucket (kenes_update_stage_seconds
 * and the store's commit): where a slow update's time went.
 */
async function stageP99s() {
  const now = {
    ...(await buckets('kenes_update_stage_seconds', 'stage')),
    commit: (await buckets('kenes_store_commit_duration_seconds')).all ?? [],
  };
  const out = {};
  for (const [stage, rows] of Object.entries(now)) {
    const before = new Map(lastStages[stage] ?? []);
    const window = rows.map(([le, n]) => [le, n - (before.get(le) ?? 0)]);
    const total = window.at(-1)?.[1] ?? 0;
    const at = window.find(([, n]) => n >= 0.99 * total);
    out[`${stage}P99Ms`] = total > 0 && at ? Number(at[0]) * 1000 : NaN;
  }
  lastStages = now;
  return { stages: out };
}

serveIpc(
  // As a command would: a server-side transaction, committed like any other.
  (meetingId, update) =>
    server.kenes.rooms.transact(meetingId, (doc) => Y.applyUpdate(doc, update)),
  async () => {
    await server.close();
    await fanout?.close();
    await store.close();
  },
  stageP99s,
);
