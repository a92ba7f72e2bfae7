// Durability / throughput: `writers` clients each send `perWriter`
// single-char updates back to back (bounded by their socket buffer); one
// reader counts the chars that reach it. For Kenes a char that reaches a
// reader was committed first, so the rate is commits before broadcast; for
// peers it is delivery only (see each server's persistence model).
import { now } from '../lib/PeerClient.mjs';
import { benchText } from '../lib/prepareDoc.mjs';
import { clientFactory, closeAll, connectAll, mark, sleep } from './common.mjs';
import { forEachChar } from './receipts.mjs';

/** @param {{ writers: number, perWriter: number, timeoutMs: number }} job */
export async function durability(job) {
  const make = clientFactory(job);
  let received = 0;
  let lastAt = 0;
  const reader = make(0, {
    applyUpdates: false,
    onUpdate: (t, frame) =>
      forEachChar(frame, () => {
        received++;
        lastAt = t;
      }),
  });
  await reader.connect();
  const { clients: writers } = await connectAll(job.writers, (i) =>
    make(i + 1, { applyUpdates: false }),
  );
  const total = job.writers * job.perWriter;
  await mark('start');
  const t0 = now();
  await Promise.all(
    writers.map(async (w) => {
      const text = benchText(w.doc);
      for (let i = 0; i < job.perWriter; i++) {
        text.insert(text.length, 'x');
        while (w.ws.bufferedAmount > 64 * 1024) await sleep(1);
        if (i % 100 === 99) await sleep(0);
      }
    }),
  );
  while (received < total && now() - t0 < job.timeoutMs) await sleep(20);
  await mark('end');
  closeAll(reader, writers);
  const elapsed = (received >= total ? lastAt : now()) - t0;
  return { total, received, elapsedMs: elapsed, perSec: (received * 1000) / elapsed };
}
