// The targets of issues 7 and 20, checked against the medians of a run: each reads
// figures through `med(caseKey, serverId, figureName)` and says whether it
// holds. A target whose figures are missing (case or server not run) is
// reported as not measured, never as met.

const ok = (cond) => (cond === undefined ? 'not measured' : cond ? '✓' : '✗');
const n = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');
const known = (...vs) => vs.every(Number.isFinite);

/** @type {{ text: string, check: (med: (c: string, s: string, f: string) => number) => { verdict: string, detail: string } }[]} */
export const TARGETS = [
  {
    text: 'fan-out p99 at N = 1000: Kenes ≤ 1.0× the reference server and ≤ 1.3× the plain-ws ceiling',
    check(med) {
      const [k, y, r] = ['kenes', 'yws', 'relay'].map((s) => med('fanout-1000', s, 'receipt p99'));
      return {
        verdict: ok(known(k, y, r) ? k <= y && k <= 1.3 * r : undefined),
        detail: `${n(k)} ms vs ${n(y)} (reference) and ${n(r)} (relay): ${n(k / y, 2)}× / ${n(k / r, 2)}×`,
      };
    },
  },
  {
    text: 'busy drafting, 50 writers × 40 chars/s + 200 observers: p99 ≤ 50 ms, every update delivered',
    check(med) {
      const p99 = med('draft-40-200', 'kenes', 'latency p99');
      const d = med('draft-40-200', 'kenes', 'delivered');
      return {
        verdict: ok(known(p99, d) ? p99 <= 50 && d >= 100 : undefined),
        detail: `p99 ${n(p99)} ms, ${n(d, 2)} % delivered`,
      };
    },
  },
  {
    text: 'join of the 100k-edit document: ≤ 0.5× the reference server',
    check(med) {
      const a = med('join', 'kenes', 'step 2 arrived p50 (alone)');
      const ay = med('join', 'yws', 'step 2 arrived p50 (alone)');
      const t = med('join', 'kenes', '20 at once: synced p50');
      const ty = med('join', 'yws', '20 at once: synced p50');
      const s = med('join', 'kenes', 'newcomer synced p50 (alone)');
      const sy = med('join', 'yws', 'newcomer synced p50 (alone)');
      return {
        verdict: ok(known(a, ay, t, ty) ? a <= 0.5 * ay && t <= 0.5 * ty : undefined),
        detail:
          `the server's answer (step 2 arrived, alone) ${n(a)} vs ${n(ay)} ms (${n(a / ay, 2)}×); ` +
          `20 at once, synced p50 ${n(t, 0)} vs ${n(ty, 0)} ms (${n(t / ty, 2)}×); ` +
          `alone, synced including the newcomer's own apply (the same work on every server) ${n(s, 0)} vs ${n(sy, 0)} ms (${n(s / sy, 2)}×)`,
      };
    },
  },
  {
    text: 'presence, 1000 idle clients renewing awareness every 15 s: Kenes under 20 % of a core',
    check(med) {
      const c = med('presence-1000', 'kenes', 'server CPU');
      const y = med('presence-1000', 'yws', 'server CPU');
      return {
        verdict: ok(known(c) ? c < 20 : undefined),
        detail: `${n(c)} % (reference ${n(y)} %)`,
      };
    },
  },
  {
    text: 'reconnect storm: the last of 1000 reconnecting observers synced within 3 s',
    check(med) {
      const l = med('join', 'kenes', 'reconnect storm: last of 1000 synced');
      const f = med('join', 'kenes', 'reconnect storm: failed');
      const cold = med('join', 'kenes', 'cold storm (1000 empty docs): last has step 2');
      return {
        verdict: ok(known(l, f) ? l <= 3000 && f === 0 : undefined),
        detail: `${n(l, 0)} ms, ${n(f, 0)} failed (1000 newcomers with empty documents: ${n(cold, 0)} ms)`,
      };
    },
  },
  {
    text: 'idle connection memory ≤ the reference server’s',
    check(med) {
      const k = med('memory-idle-warm', 'kenes', 'RSS per connection');
      const y = med('memory-idle-warm', 'yws', 'RSS per connection');
      const kc = med('memory-idle', 'kenes', 'RSS per connection');
      const yc = med('memory-idle', 'yws', 'RSS per connection');
      const kh = med('memory-idle-warm', 'kenes', 'JS heap per connection');
      const yh = med('memory-idle-warm', 'yws', 'JS heap per connection');
      return {
        verdict: ok(known(k, y) ? k <= y : undefined),
        detail:
          `after a warm-up round ${n(k)} vs ${n(y)} KiB RSS (JS heap ${n(kh)} vs ${n(yh)} KiB); ` +
          `first 1000 of a fresh process ${n(kc)} vs ${n(yc)} KiB`,
      };
    },
  },
  {
    text: '≥ 5,000 updates per second committed before broadcast on one process',
    check(med) {
      const u = med('durability', 'kenes', 'updates/s reaching a reader');
      return { verdict: ok(known(u) ? u >= 5000 : undefined), detail: `${n(u, 0)} /s` };
    },
  },
  {
    text: 'issue 20 · busy drafting, 50 writers × 40 chars/s + 200 observers: p99 ≤ 50 ms and ≤ 0.5× Hocuspocus 4, every update delivered',
    check(med) {
      const p99 = med('draft-40-200', 'kenes', 'latency p99');
      const d = med('draft-40-200', 'kenes', 'delivered');
      const h = med('draft-40-200', 'hocuspocus4', 'latency p99');
      return {
        verdict: ok(known(p99, d, h) ? p99 <= 50 && p99 <= 0.5 * h && d >= 100 : undefined),
        detail: `p99 ${n(p99)} ms vs Hocuspocus 4 ${n(h)} ms (${n(p99 / h, 2)}×), ${n(d, 2)} % delivered`,
      };
    },
  },
  {
    text: 'issue 20 · every drafting workload on two processes: p99 ≤ 2× one process, every update delivered',
    check(med) {
      const keys = [
        'draft-5-200',
        'draft-20-200',
        'draft-40-200',
        'draft-5-500',
        'draft-20-500',
        'draft-40-500',
      ];
      const rows = keys
        .map((k) => ({
          k,
          one: med(k, 'kenes', 'latency p99'),
          two: med(k, 'kenes-pg', 'latency p99'),
          d: med(k, 'kenes-pg', 'delivered'),
        }))
        .filter((r) => known(r.one, r.two, r.d));
      return {
        verdict: ok(
          rows.length > 0 ? rows.every((r) => r.two <= 2 * r.one && r.d >= 100) : undefined,
        ),
        detail: rows
          .map((r) => `${r.k} ${n(r.two)} vs ${n(r.one)} ms (${n(r.two / r.one, 2)}×)`)
          .join('; '),
      };
    },
  },
  {
    text: 'issue 20 · fan-out to 1000 readers split over two processes: p99 ≤ 1.2× one process',
    check(med) {
      const one = med('fanout-1000', 'kenes', 'receipt p99');
      const two = med('fanout-1000', 'kenes-pg', 'receipt p99');
      return {
        verdict: ok(known(one, two) ? two <= 1.2 * one : undefined),
        detail: `${n(two)} vs ${n(one)} ms (${n(two / one, 2)}×)`,
      };
    },
  },
  {
    text: 'issue 20 · ≥ 15,000 updates per second committed to Postgres before broadcast',
    check(med) {
      const u = med('durability', 'kenes-pg', 'updates/s reaching a reader');
      return { verdict: ok(known(u) ? u >= 15000 : undefined), detail: `${n(u, 0)} /s` };
    },
  },
  {
    text: 'issue 20 · the cost of distribution: server CPU per update summed over 1, 2 and 3 processes ≤ 1.3× one process',
    check(med) {
      const f = 'server CPU per update (all processes)';
      const [one, two, three] = ['kenes-pg1', 'kenes-pg', 'kenes-pg3'].map((s) =>
        med('distribution-1000', s, f),
      );
      return {
        verdict: ok(known(one, two, three) ? two <= 1.3 * one && three <= 1.3 * one : undefined),
        detail: `${n(one, 2)} / ${n(two, 2)} / ${n(three, 2)} ms (${n(two / one, 2)}× and ${n(three / one, 2)}×)`,
      };
    },
  },
];
