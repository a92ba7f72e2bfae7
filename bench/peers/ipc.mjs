// The IPC contract every compared server child speaks with bench/compare.mjs:
// `{type:'ready', port}` once listening;
// `{type:'prepare', meetingId, update}` → `{type:'prepared'}` after the
// document holds the bench structure (`update`: its bytes as a number array,
// built by lib/prepareDoc.mjs); `{type:'gc'}` → `{type:'gced'}` after a full,
// memory-reducing collection (servers start with --expose-gc; the memory case
// reads RSS after one, so garbage is not counted as memory held);
// `{type:'memoryUsage'}` → Node's process.memoryUsage() and `young`, the bytes
// of RAM V8's young generation holds (new space and new large objects:
// physical_space_size). V8 in Node 20 grows new space under load up to its
// --max-semi-space-size and never shrinks it, not even on these collections:
// RSS keeps the semi-spaces' high-water mark. CPU and RSS are read from /proc
// by the parent. `{type:'stalls'}` → `stalls`: the longest event-loop stall,
// its p99 and the garbage collector's longest and total pause since the last
// such request (what holds a latency tail back, read over a case's window).
import v8 from 'node:v8';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/** Bytes of RAM held by V8's young generation. */
function youngBytes() {
  return v8
    .getHeapSpaceStatistics()
    .filter((s) => YOUNG_SPACES.has(s.space_name))
    .reduce((sum, s) => sum + s.physical_space_size, 0);
}

/** Two last-resort major collections: garbage goes, free old-space pages are returned. */
function collectGarbage() {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('bench peer started without --expose-gc');
  for (let i = 0; i < 2; i++) gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** Event-loop delay and GC pauses since the last read (each read starts a new window). */
function stallMeter() {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gcMax = 0;
  let gcTotal = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMax = Math.max(gcMax, e.duration);
      gcTotal += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  return () => {
    const read = {
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      gcMaxMs: gcMax,
      gcTotalMs: gcTotal,
    };
    loop.reset();
    gcMax = 0;
    gcTotal = 0;
    return read;
  };
}

/**
 * Wires `prepare`, `gc`, `stalls` and the shutdown rules. `moreStalls`: a
 * server's own figures for the same window, added to the `stalls` answer
 * (Kenes: where its updates' time went, stage by stage).
 * @param {(meetingId: string, update: Uint8Array) => Promise<void> | void} prepare
 * @param {() => Promise<void> | void} close
 * @param {() => Promise<object>} [moreStalls]
 */
export function serveIpc(prepare, close, moreStalls) {
  const stalls = stallMeter();
  process.on('message', (msg) => {
    void (async () => {
      try {
        if (msg.type === 'prepare') {
          await prepare(msg.meetingId, Uint8Array.from(msg.update));
          process.send({ type: 'prepared', meetingId: msg.meetingId });
        } else if (msg.type === 'gc') {
          collectGarbage();
          // V8 frees the pages it gave up on a background thread: let it finish.
          await new Promise((resolve) => setTimeout(resolve, 1000));
          collectGarbage();
          process.send({ type: 'gced' });
        } else if (msg.type === 'stalls') {
          process.send({ type: 'stalls', stalls: { ...stalls(), ...(await moreStalls?.()) } });
        } else if (msg.type === 'memoryUsage') {
          process.send({ type: 'memoryUsage', usage: process.memoryUsage(), young: youngBytes() });
        }
      } catch (err) {
        console.error('bench peer:', err);
        process.exit(1);
      }
    })();
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.resolve()
      .then(close)
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  // Never outlive the orchestrator.
  process.on('disconnect', stop);
}

/**
 * `serveIpc` for a Hocuspocus server (3 or 4): `prepare` writes the bench
 * document through a direct connection, held open so it stays loaded. `Y`
 * is the peer's own yjs (Hocuspocus 4 lives in its own node_modules).
 */
export function serveHocuspocusIpc(server, Y) {
  const held = [];
  serveIpc(
    async (meetingId, update) => {
      const conn = await server.hocuspocus.openDirectConnection(meetingId, {});
      await conn.transact((doc) => Y.applyUpdate(doc, update));
      held.push(conn);
    },
    () => server.destroy(),
  );
}
