// Kenes side by side with its peers (issue 7): every workload of
// workloads/plan.mjs against every server of lib/servers.mjs, each server in
// its own child process(es) pinned to core 0, the load in another child
// pinned to core 1, everything on 127.0.0.1, every child time-limited.
// Rewrites bench/RESULTS.md.
//
//   pnpm build && node bench/compare.mjs            # full: 3 runs of the headline cases (~25 min)
//   node bench/compare.mjs --quick                  # 1 run, shorter windows (~8 min)
//   node bench/compare.mjs --servers=kenes,yws --only=fanout-1000,join --runs=1 --out=/tmp/r.md
//   BENCH_CPU_PROF=/tmp/prof node bench/compare.mjs --servers=kenes --only=draft-40-200 --out=/tmp/r.md
//   (BENCH_CPU_PROF_SERVER=<server id>|client: whose processes write the profiles; default kenes)
//   BENCH_KENES_NODE_FLAGS='--max-semi-space-size=16' node bench/compare.mjs --servers=kenes --only=memory-idle-warm --out=/tmp/r.md
//   (node flags for the Kenes rows instead of the root serve script's; '' for V8's defaults)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './lib/children.mjs';
import { totalCpuMs, totalRss } from './lib/procstat.mjs';
import { SERVERS, profileFlags, startServer } from './lib/servers.mjs';
import { now } from './lib/PeerClient.mjs';
import { plan } from './workloads/plan.mjs';
import { writeReport } from './lib/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const opt = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const quick = opt.quick === 'true';
const RUNS = Number(opt.runs ?? (quick ? 1 : 3));
const SERVER_CPU = 0;
const CLIENT_CPU = 1;
const servers = opt.servers
  ? SERVERS.filter((s) => opt.servers.split(',').includes(s.id))
  : SERVERS;
const cases = plan({ quick }).filter((c) => !opt.only || opt.only.split(',').includes(c.key));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kenes-compare-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** One case against one server: fresh server, prepared document, one client process. */
async function runCase(c, spec, runNo) {
  const run = `${process.pid}_${runNo}_${c.key.replace(/\W/g, '_')}_${spec.id.replace(/\W/g, '_')}`;
  const server = await startServer(spec, {
    dataDir: mkdtempSync(path.join(tmp, `${spec.id}-`)),
    run,
    cpu: SERVER_CPU,
    limitMs: c.limitMs + 60_000,
  });
  try {
    const docId = `bench-${c.key}`;
    await server.prepare(docId, c.prepare);
    const job = {
      ...c.job,
      protocol: spec.protocol,
      bases: server.bases,
      docId,
      limitMs: c.limitMs,
    };
    const client = startChild(path.join(here, 'workloads', 'main.mjs'), [JSON.stringify(job)], {
      cpu: CLIENT_CPU,
      limitMs: c.limitMs + 10_000,
      name: `workload:${c.key}`,
      nodeFlags: profileFlags('client'),
    });
    const marks = {};
    client.child.on('message', async (msg) => {
      if (msg?.type !== 'mark') return;
      // Memory readings: after a full collection, with the JS heap in use.
      const mem = msg.gc ? (await server.gc(), await server.memory()) : { heap: NaN, young: NaN };
      // Stalls since the previous mark (each read starts a new window).
      const stalls = await server.stalls();
      // The client's own CPU too: near 100 % of its core, a figure measures the load process, not the server.
      marks[msg.tag] = {
        cpu: totalCpuMs(server.pids),
        rss: totalRss(server.pids),
        heap: mem.heap,
        young: mem.young,
        clientCpu: totalCpuMs([client.child.pid]),
        stalls,
        t: now(),
      };
      client.send({ type: 'marked', id: msg.id });
    });
    const { result } = await client.waitFor('result', c.limitMs + 10_000);
    await client.exited;
    return { result, marks, persistence: server.persistence };
  } finally {
    await server.stop();
  }
}

const started = new Date();
const loadBefore = os.loadavg();
/** results[caseKey][serverId] = [{ figures: {name: value}, error? }] per run */
const results = {};
const notes = {};
for (let r = 1; r <= RUNS; r++) {
  for (const c of cases) {
    if (r > 1 && !c.headline) continue;
    for (const spec of servers) {
      // A case about a Kenes feature (suggestions) runs on the Kenes rows only.
      if (c.servers && !c.servers.includes(spec.id)) continue;
      if (spec.caseOnly && !c.servers) continue;
      const t0 = Date.now();
      process.stdout.write(`run ${r}/${RUNS} ${c.key} on ${spec.id}… `);
      const slot = ((results[c.key] ??= {})[spec.id] ??= []);
      try {
        const { result, marks, persistence } = await runCase(c, spec, r);
        if (persistence) notes[spec.id] = persistence;
        const figures = Object.fromEntries(c.figures.map((f) => [f.name, f.value(result, marks)]));
        slot.push({ figures });
        console.log(
          `${((Date.now() - t0) / 1000).toFixed(1)} s`,
          JSON.stringify(figures, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v)),
        );
      } catch (err) {
        slot.push({ error: String(err.message ?? err).slice(0, 200) });
        console.log(`FAILED: ${err.message}`);
      }
    }
  }
}

const file = writeReport({
  // --out=<file> for partial runs (profiling, one case) that must not replace the last full report.
  path: opt.out ?? path.join(here, 'RESULTS.md'),
  started,
  finished: new Date(),
  loadBefore,
  loadAfter: os.loadavg(),
  quick,
  runs: RUNS,
  servers,
  cases,
  results,
  notes,
  command: `pnpm build && node bench/compare.mjs ${process.argv.slice(2).join(' ')}`.trim(),
});
const raw = path.join(os.tmpdir(), `kenes-compare-${started.getTime()}.json`);
writeFileSync(raw, JSON.stringify({ results, notes }, null, 1));
console.log(`wrote ${file} (raw figures: ${raw})`);
process.exit(0);
