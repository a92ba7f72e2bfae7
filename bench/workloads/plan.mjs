// What bench/compare.mjs runs: each workload case, its client job, and the
// figures read from its result and its CPU/RSS marks. `headline` cases are
// repeated (medians of the runs); the others run once per invocation.
import { quantile } from '../lib/stats.mjs';

const q = quantile;
const cpu = (m, a, b) => (m[b]?.cpu ?? NaN) - (m[a]?.cpu ?? NaN);
/** The load process's CPU over the window, % of its core: near 100, the clients are the bottleneck. */
const clientCpu = {
  name: 'client CPU (load process)',
  unit: '% core',
  better: 'lower',
  value: (_r, m) =>
    (100 * ((m.end?.clientCpu ?? NaN) - (m.start?.clientCpu ?? NaN))) / (m.end.t - m.start.t),
};

/**
 * What holds a latency tail back, over the window (the servers' processes,
 * peers/ipc.mjs): the longest event-loop stall, and the garbage collector's
 * longest pause. A stall delays every update waiting behind it.
 */
const stallFigures = [
  {
    name: 'server longest stall',
    unit: 'ms',
    better: 'lower',
    value: (_r, m) => m.end?.stalls?.loopMaxMs ?? NaN,
  },
  {
    name: 'server longest GC pause',
    unit: 'ms',
    better: 'lower',
    value: (_r, m) => m.end?.stalls?.gcMaxMs ?? NaN,
  },
  // Kenes only: where its updates' time went (p99 per stage, as Prometheus bucket bounds).
  ...[
    ['wait', 'queue and batching turn'],
    ['check', 'guard'],
    ['commit', 'store'],
    ['flush', 'commit to write'],
    ['write', 'to every socket'],
  ].map(([stage, what]) => ({
    name: `Kenes stage p99 ≤: ${stage} (${what})`,
    unit: 'ms',
    better: 'lower',
    value: (_r, m) => m.end?.stalls?.stages?.[`${stage}P99Ms`] ?? NaN,
  })),
];

/**
 * @typedef {{ name: string, unit: string, better: 'lower'|'higher', value: (r: any, marks: any) => number }} Figure
 * @typedef {{ key: string, title: string, headline: boolean, job: object, limitMs: number, figures: Figure[] }} Case
 */

/** Fan-out figures: a receipt's latency at quantile `p`, misses, CPU per update. */
const receipt = (p) => ({
  name: `receipt p${Math.round(p * 100)}`,
  unit: 'ms',
  better: 'lower',
  value: (r) => q(r.perReceipt, p),
});
const missingReceipts = {
  name: 'missing receipts',
  unit: '',
  better: 'lower',
  value: (r) => r.missing,
};
const cpuPerUpdate = (name) => ({
  name,
  unit: 'ms',
  better: 'lower',
  value: (r, m) => cpu(m, 'start', 'end') / r.edits,
});

/** @returns {Case[]} */
export function plan({ quick }) {
  const cases = [];
  const fanDur = quick ? 5000 : 10_000;
  for (const n of quick ? [100, 1000] : [100, 500, 1000]) {
    cases.push({
      key: `fanout-${n}`,
      title: `Fan-out, 1 writer at 10 chars/s, ${n} readers`,
      headline: n === 1000,
      job: { kind: 'fanout', readers: n, durationMs: fanDur, rateHz: 10, warmupMs: 1000 },
      limitMs: fanDur + 90_000,
      figures: [
        receipt(0.5),
        receipt(0.95),
        receipt(0.99),
        { name: 'last receiver p50', unit: 'ms', better: 'lower', value: (r) => q(r.toLast, 0.5) },
        { name: 'last receiver p99', unit: 'ms', better: 'lower', value: (r) => q(r.toLast, 0.99) },
        missingReceipts,
        cpuPerUpdate('server CPU per update'),
      ],
    });
  }
  // The cost of distribution (issue 20): the same fan-out, readers split
  // evenly over 1, 2 and 3 processes on Postgres + Redis; the CPU per
  // update summed over the processes should stay near one process's.
  cases.push({
    key: 'distribution-1000',
    title:
      'Fan-out, 1 writer at 10 chars/s, 1000 readers split over 1, 2 and 3 processes (Postgres + Redis)',
    headline: true,
    servers: ['kenes-pg1', 'kenes-pg', 'kenes-pg3'],
    job: { kind: 'fanout', readers: 1000, durationMs: fanDur, rateHz: 10, warmupMs: 1000 },
    limitMs: fanDur + 90_000,
    figures: [
      receipt(0.5),
      receipt(0.99),
      missingReceipts,
      cpuPerUpdate('server CPU per update (all processes)'),
    ],
  });
  const draftDur = quick ? 5000 : 8000;
  const drafts = quick
    ? [
        [20, 200],
        [40, 200],
      ]
    : [
        [5, 200],
        [20, 200],
        [40, 200],
        [5, 500],
        [20, 500],
        [40, 500],
      ];
  /** Busy drafting; `suggesting`: in a suggestions-only text, every keystroke a suggestion (issue 18). */
  const WRITERS = 50;
  const draftCase = (rate, observers, suggesting = false) => ({
    key: `draft-${rate}-${observers}${suggesting ? '-suggest' : ''}`,
    title: `Busy drafting, 50 writers × ${rate} chars/s + ${observers} observers${suggesting ? ', every writer suggesting (suggestions-only text)' : ''}`,
    headline: !suggesting && rate === 40 && observers === 200,
    ...(suggesting && { servers: ['kenes', 'kenes-pg'] }),
    prepare: { paragraphs: WRITERS, suggestionsOnly: suggesting },
    job: {
      kind: 'drafting',
      writers: WRITERS,
      rate,
      observers,
      probes: 10,
      durationMs: draftDur,
      warmupMs: 1000,
      suggesting,
    },
    limitMs: draftDur + 120_000,
    figures: [
      { name: 'latency p50', unit: 'ms', better: 'lower', value: (r) => q(r.latencies, 0.5) },
      { name: 'latency p99', unit: 'ms', better: 'lower', value: (r) => q(r.latencies, 0.99) },
      {
        name: 'delivered',
        unit: '%',
        better: 'higher',
        value: (r) => (100 * r.delivered) / r.expected,
      },
      {
        name: 'server CPU',
        unit: '% core',
        better: 'lower',
        value: (r, m) => (100 * cpu(m, 'start', 'end')) / (m.end.t - m.start.t),
      },
      ...stallFigures,
      clientCpu,
    ],
  });
  for (const [rate, observers] of drafts) cases.push(draftCase(rate, observers));
  cases.push(draftCase(40, 200, true));
  cases.push({
    key: 'join',
    title: 'Join (100,000-edit document), reconnect storm and cold storm',
    headline: true,
    job: {
      kind: 'join',
      edits: 100_000,
      alone: quick ? 3 : 5,
      together: 20,
      togetherRounds: quick ? 1 : 3,
      storm: 1000,
      stormTimeoutMs: 60_000,
    },
    limitMs: 300_000,
    figures: [
      { name: 'seed 100k edits', unit: 'ms', better: 'lower', value: (r) => r.seedMs },
      {
        name: 'newcomer synced p50 (alone)',
        unit: 'ms',
        better: 'lower',
        value: (r) => q(r.alone.synced, 0.5),
      },
      {
        name: 'step 2 arrived p50 (alone)',
        unit: 'ms',
        better: 'lower',
        value: (r) => q(r.alone.arrivals, 0.5),
      },
      {
        name: '20 at once: synced p50',
        unit: 'ms',
        better: 'lower',
        value: (r) => q(r.together.synced, 0.5),
      },
      {
        name: '20 at once: synced max',
        unit: 'ms',
        better: 'lower',
        value: (r) => q(r.together.synced, 1),
      },
      {
        name: 'reconnect storm: last of 1000 synced',
        unit: 'ms',
        better: 'lower',
        value: (r) => (r.storm.failed ? NaN : r.storm.lastMs),
      },
      { name: 'reconnect storm: failed', unit: '', better: 'lower', value: (r) => r.storm.failed },
      {
        name: 'reconnect storm: server CPU',
        unit: 'ms',
        better: 'lower',
        value: (r, m) => cpu(m, 'storm-start', 'storm-end'),
      },
      {
        name: 'cold storm (1000 empty docs): last has step 2',
        unit: 'ms',
        better: 'lower',
        value: (r) => (r.coldStorm.failed ? NaN : r.coldStorm.lastMs),
      },
      {
        name: 'cold storm: failed',
        unit: '',
        better: 'lower',
        value: (r) => r.coldStorm.failed,
      },
      {
        name: 'cold storm: server CPU',
        unit: 'ms',
        better: 'lower',
        value: (r, m) => cpu(m, 'cold-start', 'cold-end'),
      },
    ],
  });
  // Cold: the first 1000 connections of a fresh process, which also pay for
  // JIT code and the young generation V8 grows under the handshakes' load.
  // Warm: 1000 more after a round of 1000 has come and gone — what each idle
  // connection holds in a server that has been running.
  for (const warm of [false, true]) {
    for (const withAwareness of [false, true]) {
      cases.push({
        key: `memory-${withAwareness ? 'aw' : 'idle'}${warm ? '-warm' : ''}`,
        title: `Memory, 1000 idle connections${withAwareness ? ', each with an awareness state' : ''}${warm ? ', after a warm-up round' : ' (fresh process)'}`,
        headline: warm && !withAwareness,
        job: { kind: 'memory', count: 1000, withAwareness, warmup: warm, settleMs: 3000 },
        limitMs: 150_000,
        figures: [
          {
            name: 'RSS per connection',
            unit: 'KiB',
            better: 'lower',
            value: (r, m) => (m.after.rss - m.before.rss) / 1024 / r.count,
          },
          {
            name: 'JS heap per connection',
            unit: 'KiB',
            better: 'lower',
            value: (r, m) => (m.after.heap - m.before.heap) / 1024 / r.count,
          },
          {
            name: 'RSS at 1000',
            unit: 'MiB',
            better: 'lower',
            value: (r, m) => m.after.rss / 2 ** 20,
          },
          {
            // Part of RSS, never given back (peers/ipc.mjs): how far V8 grew its
            // semi-spaces, bounded by --max-semi-space-size, not what connections hold.
            name: 'V8 young generation at 1000',
            unit: 'MiB',
            better: 'lower',
            value: (r, m) => m.after.young / 2 ** 20,
          },
        ],
      });
    }
  }
  const presWindow = quick ? 7500 : 15_000;
  const presences = [
    {
      key: 'presence-200',
      count: 200,
      periodMs: 15_000,
      caret: false,
      title: '200 idle clients, heartbeat every 15 s',
    },
    {
      key: 'presence-1000',
      count: 1000,
      periodMs: 15_000,
      caret: false,
      title: '1000 idle clients, heartbeat every 15 s',
      headline: true,
    },
    {
      key: 'caret-200',
      count: 200,
      periodMs: 1000,
      caret: true,
      title: '200 clients moving their caret once a second',
    },
  ];
  for (const p of presences) {
    cases.push({
      key: p.key,
      title: `Presence, ${p.title}`,
      headline: p.headline ?? false,
      job: {
        kind: 'presence',
        count: p.count,
        periodMs: p.periodMs,
        caret: p.caret,
        windowMs: presWindow,
        probes: 20,
      },
      limitMs: presWindow + 120_000,
      figures: [
        {
          name: 'server CPU',
          unit: '% core',
          better: 'lower',
          value: (r, m) => (100 * cpu(m, 'start', 'end')) / (m.end.t - m.start.t),
        },
        {
          name: 'awareness latency p50',
          unit: 'ms',
          better: 'lower',
          value: (r) => q(r.latencies, 0.5),
        },
        {
          name: 'awareness latency p99',
          unit: 'ms',
          better: 'lower',
          value: (r) => q(r.latencies, 0.99),
        },
        { name: 'receipts timed', unit: '', better: 'higher', value: (r) => r.latencies.length },
        clientCpu,
      ],
    });
  }
  cases.push({
    key: 'durability',
    title: 'Durability: 10 writers sending single-char updates back to back',
    headline: true,
    job: { kind: 'durability', writers: 10, perWriter: quick ? 1000 : 2000, timeoutMs: 30_000 },
    limitMs: 90_000,
    figures: [
      { name: 'updates/s reaching a reader', unit: '/s', better: 'higher', value: (r) => r.perSec },
      {
        name: 'delivered',
        unit: '%',
        better: 'higher',
        value: (r) => (100 * r.received) / r.total,
      },
    ],
  });
  return cases;
}
