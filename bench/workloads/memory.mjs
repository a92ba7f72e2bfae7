// Memory: server RSS (and JS heap) per idle connection. Both readings are taken in the
// same steady state — after a pause without traffic and a full collection in
// the server (peers/ipc.mjs) — so what is counted is what the connections
// hold, not how far V8 had grown its young generation while starting or
// while a thousand handshakes allocated. Between them, `count` clients
// connect (and, `withAwareness`, each publishes one awareness state as a
// provider does on connect). `warmup`: a round of `count` connections comes
// and goes first, so JIT code and the young generation's growth are paid.
import { encodeAwareness } from '../lib/awarenessFrame.mjs';
import { clientFactory, closeAll, connectAll, mark, sleep } from './common.mjs';

/** @param {{ count: number, withAwareness: boolean, warmup?: boolean, settleMs: number }} job */
export async function memory(job) {
  const make = clientFactory(job);
  if (job.warmup) {
    // A round of the same clients, gone before the first reading.
    const { clients } = await connectAll(job.count, (i) => make(i, { applyUpdates: false }));
    closeAll(clients);
  }
  await sleep(job.settleMs);
  await mark('before', { gc: true });
  const { clients } = await connectAll(job.count, (i) => make(i, { applyUpdates: false }));
  if (job.withAwareness) {
    for (const c of clients) {
      c.sendAwareness(
        encodeAwareness(c.doc.clientID, 1, {
          user: { name: `Bench ${c.doc.clientID}`, color: '#30bced' },
          cursor: null,
        }),
      );
      await sleep(1); // a join is spread over time, not one burst of a thousand states
    }
  }
  await sleep(job.settleMs);
  await mark('after', { gc: true });
  closeAll(clients);
  return { count: job.count };
}
