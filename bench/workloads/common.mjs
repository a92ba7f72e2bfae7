// Shared pieces of the client-side workloads: which server a client talks
// to, batched connects, timing marks read by the parent (server CPU/RSS).
import { PeerClient } from '../lib/PeerClient.mjs';
import * as protocols from '../lib/protocols.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The adapter for a server's protocol name. */
export function protocolOf(name) {
  if (name === 'hocuspocus') return protocols.hocuspocus();
  return protocols.yWebsocket(name === 'kenes' ? '/sync/' : '/');
}

/**
 * A client factory for one job: client `i` talks to process `i % bases.length`
 * (one process for most servers; Kenes scale-out spreads clients over two).
 */
export function clientFactory(job) {
  const protocol = protocolOf(job.protocol);
  return (i, opts = {}) =>
    new PeerClient(job.bases[i % job.bases.length], job.docId, protocol, {
      origin: job.origin,
      ...opts,
    });
}

/** Connects clients made by `make(i)` for i in [from, from+count), `parallel` handshakes at a time. */
export async function connectAll(
  count,
  make,
  { parallel = 50, from = 0, timeoutMs = 60_000 } = {},
) {
  const clients = [];
  const times = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) =>
      make(from + i + j),
    );
    times.push(...(await Promise.all(batch.map((c) => c.connect(timeoutMs)))));
    clients.push(...batch);
  }
  return { clients, times };
}

let markSeq = 0;
/**
 * Asks the parent to read the server processes' CPU time and RSS now, under
 * `tag`; resolves once it has (so what follows is outside the reading).
 * `{ gc: true }`: the servers run a full collection first (memory readings).
 */
export function mark(tag, { gc = false } = {}) {
  if (!process.send) return Promise.resolve();
  const id = ++markSeq;
  return new Promise((resolve) => {
    const on = (msg) => {
      if (msg?.type === 'marked' && msg.id === id) {
        process.off('message', on);
        resolve();
      }
    };
    process.on('message', on);
    process.send({ type: 'mark', tag, id, gc });
  });
}

/** Tiny seeded PRNG (mulberry32) so every run builds the same history. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Closes every client given. */
export const closeAll = (...groups) => groups.flat().forEach((c) => c?.close());
