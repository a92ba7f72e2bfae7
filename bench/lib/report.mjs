// bench/RESULTS.md for compare.mjs: the machine, the versions, one table per
// workload (a row per figure, a column per server, then Kenes / peer
// ratios), medians over the runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { quantile, table } from './stats.mjs';
import { TARGETS } from '../workloads/targets.mjs';

const require = createRequire(import.meta.url);

/** The installed version of a package, read from its package.json (`entry`: a module of it that resolves). */
function version(name, from = import.meta.url, entry = name) {
  try {
    const r = createRequire(from);
    let dir = r.resolve(entry);
    for (;;) {
      dir = dir.slice(0, dir.lastIndexOf('/'));
      try {
        const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
        if (pkg.name === name) return pkg.version;
      } catch {
        // keep climbing
      }
      if (!dir.includes('/')) return '?';
    }
  } catch {
    return '?';
  }
}

function fmt(v, unit) {
  if (!Number.isFinite(v)) return '–';
  const n = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit === '' || unit === undefined
    ? n
    : unit === '%' || unit === '/s'
      ? `${n}${unit === '%' ? ' %' : ''}`
      : n;
}

const median = (xs) => (xs.length ? quantile(xs, 0.5) : NaN);

/** Writes the report; returns its path. */
export function writeReport(r) {
  const kenes = r.servers.find((s) => s.id === 'kenes');
  const peers = r.servers.filter((s) => s.id !== 'kenes');
  const m = os.cpus()[0]?.model ?? 'unknown';
  const serverVersion = JSON.parse(
    readFileSync(new URL('../../packages/server/package.json', import.meta.url), 'utf8'),
  ).version;
  const hp = require.resolve('@hocuspocus/server');
  // Hocuspocus 4 resolves from its own directory (bench/peers/hocuspocus4, installed on first use).
  const hp4 = new URL('../peers/hocuspocus4/server.mjs', import.meta.url).href;
  const hp4Versions = r.servers.some((s) => s.id === 'hocuspocus4')
    ? `, @hocuspocus/server ${version('@hocuspocus/server', hp4)} with yjs ${version('yjs', hp4)} (hocuspocus4: own node_modules, Node ${process.version} though it declares >= 22)`
    : '';
  const out = [];
  out.push(`# Kenes side by side with its peers

Date: ${r.started.toISOString()} (${((r.finished - r.started) / 60000).toFixed(1)} min)
Command: \`${r.command}\`
Machine: ${m}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}; Node ${process.version}
Load average (1/5/15 min): before ${r.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${r.loadAfter.map((l) => l.toFixed(2)).join(' ')} — other engineers' builds and tests may share the 2 cores: expect noise.
Pinning: every server process on core 0, the load clients on core 1 (taskset); Postgres and Redis (Kenes scale-out row) are system services, not pinned, and their CPU is not counted.
Runs: ${r.runs}. Headline cases (marked ★) are medians of ${r.runs} run${r.runs > 1 ? 's' : ''}; the others ran once${r.quick ? '. --quick: shorter windows (fan-out 5 s, drafting 5 s, presence 7.5 s), fewer drafting mixes, one run: indicative only' : ''}.

Servers:
${r.servers.map((s) => `- **${s.id}**: ${s.label} — persistence: ${r.notes[s.id] ? `${s.persistence}; ${r.notes[s.id]}` : s.persistence}`).join('\n')}

Versions: @kenes/server ${serverVersion} (packages/server/dist, run with node flags \`${kenes?.nodeFlags?.join(' ') || '(none)'}\` (${process.env.BENCH_KENES_NODE_FLAGS === undefined ? 'the root serve script’s' : 'BENCH_KENES_NODE_FLAGS'}); real document guard, bench authorizer admitting every socket as a participant of its own), @hocuspocus/server ${version('@hocuspocus/server')}, y-websocket ${version('y-websocket')} (bin/utils setupWSConnection), ws ${version('ws')}, yjs ${version('yjs')} (bench) / ${version('yjs', hp)} (hocuspocus)${hp4Versions}, y-protocols ${version('y-protocols', import.meta.url, 'y-protocols/sync')}.

How measured: clients are raw \`ws\` + yjs sockets (bench/lib/PeerClient.mjs; Hocuspocus through its document-name framing, lib/protocols.mjs), all in one process on core 1. Latencies are from the send to the frame's arrival at a receiving socket (before applying). Drafting: each writer types into its own paragraph of one recommendation on its own socket, at its own pace (random phase, gaps 0.8–1.2× the mean). "Longest stall" and "longest GC pause" are read inside each server process over the window (monitorEventLoopDelay, PerformanceObserver 'gc'); Kenes's "stage p99 ≤" rows are the upper bounds of its Prometheus buckets (kenes_update_stage_seconds, the store's commit). Server CPU is user+system time of the server process(es) from /proc/<pid>/stat over the measured window; RSS from /proc/<pid>/status. Ratio = Kenes / peer (for "lower is better" figures, < 1 means Kenes is ahead; for "higher", > 1).
`);
  /** Median of one figure of one case on one server over the runs. */
  const med = (caseKey, serverId, figure) =>
    median(
      (r.results[caseKey]?.[serverId] ?? [])
        .filter((x) => x.figures)
        .map((x) => x.figures[figure])
        .filter(Number.isFinite),
    );
  out.push('## Targets (issues 7 and 20), from the medians below\n');
  out.push(
    table(
      ['target', 'met', 'figures'],
      TARGETS.map((t) => {
        const { verdict, detail } = t.check(med);
        return [t.text, verdict, detail];
      }),
    ),
  );
  out.push('');
  for (const c of r.cases) {
    const res = r.results[c.key];
    if (!res) continue;
    out.push(`## ${c.headline ? '★ ' : ''}${c.title}\n`);
    const header = [
      'figure',
      ...r.servers.map((s) => s.id),
      ...(kenes ? peers.map((p) => `kenes / ${p.id}`) : []),
    ];
    const errors = [];
    const rows = c.figures.map((f) => {
      const at = {};
      for (const s of r.servers) {
        for (const x of res[s.id] ?? []) if (x.error) errors.push(`${s.id}: ${x.error}`);
        at[s.id] = med(c.key, s.id, f.name);
      }
      const ratios = kenes
        ? peers.map((p) => (at[p.id] > 0 ? (at.kenes / at[p.id]).toFixed(2) + '×' : '–'))
        : [];
      return [
        `${f.name}${f.unit && f.unit !== '' ? ` (${f.unit})` : ''}`,
        ...r.servers.map((s) => fmt(at[s.id], f.unit)),
        ...ratios,
      ];
    });
    out.push(table(header, rows));
    const uniq = [...new Set(errors)];
    if (uniq.length) out.push(`\nFailures: ${uniq.map((e) => `\`${e}\``).join('; ')}`);
    out.push('');
  }
  writeFileSync(r.path, out.join('\n'));
  return r.path;
}
