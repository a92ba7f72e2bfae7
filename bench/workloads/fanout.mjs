// Fan-out: one writer types `rateHz` chars/s, `readers` clients record when
// each char reaches them (on arrival, before applying: what is measured is
// the server's fan-out, not a thousand Y.Doc applies on one client core).
import * as Y from 'yjs';
import { now } from '../lib/PeerClient.mjs';
import { benchText } from '../lib/prepareDoc.mjs';
import { clientFactory, closeAll, connectAll, mark, sleep } from './common.mjs';
import { forEachChar } from './receipts.mjs';

/** @param {{ readers: number, durationMs: number, rateHz: number, warmupMs: number }} job */
export async function fanout(job) {
  const make = clientFactory(job);
  const writer = make(0);
  await writer.connect();
  const writerId = writer.doc.clientID;
  const text = benchText(writer.doc);
  const arrivals = []; // per reader: Map<clock, t>
  const { clients } = await connectAll(
    job.readers,
    (i) => {
      const seen = new Map();
      arrivals.push(seen);
      return make(i, {
        applyUpdates: false,
        onUpdate: (t, frame) =>
          forEachChar(frame, (client, k) => {
            if (client === writerId && !seen.has(k)) seen.set(k, t);
          }),
      });
    },
    { from: 1 },
  );
  await sleep(500);

  const base = text.length;
  const edits = Math.round((job.durationMs / 1000) * job.rateHz);
  const sent = [];
  const clock0 = Y.getState(writer.doc.store, writerId);
  await mark('start');
  const start = now();
  for (let i = 0; i < edits; i++) {
    const wait = start + i * (1000 / job.rateHz) - now();
    if (wait > 0) await sleep(wait);
    sent.push(now());
    text.insert(base + i, String.fromCharCode(97 + (i % 26)));
  }
  await sleep(1500);
  await mark('end');

  const warm = Math.ceil((job.warmupMs / 1000) * job.rateHz);
  const perReceipt = [];
  const toLast = [];
  let missing = 0;
  for (let i = warm; i < edits; i++) {
    let worst = 0;
    for (const seen of arrivals) {
      const t = seen.get(clock0 + i);
      if (t === undefined) {
        missing++;
        continue;
      }
      perReceipt.push(t - sent[i]);
      worst = Math.max(worst, t - sent[i]);
    }
    toLast.push(worst);
  }
  closeAll(writer, clients);
  return { readers: job.readers, edits, measured: edits - warm, perReceipt, toLast, missing };
}
