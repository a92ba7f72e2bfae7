// A busy drafting session: `writers` clients each type `rate` chars/s on
// average into their own paragraph of one recommendation (the prepared
// document has one per writer), each on its own socket and at its own pace —
// its own random phase, each gap drawn around the mean (±20 %), as people and
// providers type independently; plus `observers` silent readers. Writers
// apply nothing received, which keeps 50 Y.Docs off the client core.
// `probes` of the observers decode every frame to time each char; the rest
// only receive (their sockets still load the server like real ones).
// `suggesting`: each writer is a member of its own (`?bench-user=`, which
// only the bench's Kenes authorizer reads) and every character it types
// carries its insertion mark, as Kenes's suggesting mode writes it — in a
// suggestions-only text, so the guard checks each keystroke as a suggestion.
import * as Y from 'yjs';
import { now } from '../lib/PeerClient.mjs';
import { benchText } from '../lib/prepareDoc.mjs';
import { clientFactory, closeAll, connectAll, mark, prng, sleep } from './common.mjs';
import { SendLog, forEachChar } from './receipts.mjs';

/** The insertion mark of writer `n`, under the format key y-prosemirror gives a self-overlapping mark. */
function insertionOf(n) {
  const by = `writer-${n}`;
  return { [`insertion--${String(n).padStart(8, '0')}`]: { id: `${by}:bench`, by } };
}

/** @param {{ writers: number, rate: number, observers: number, probes: number, durationMs: number, warmupMs: number, suggesting?: boolean }} job */
export async function drafting(job) {
  const make = clientFactory(job);
  const log = new SendLog();
  const { clients: writers } = await connectAll(job.writers, (i) =>
    make(i, { applyUpdates: false, ...(job.suggesting && { query: `bench-user=writer-${i}` }) }),
  );
  /** Per probe: Map<"client:clock", t>. */
  const probeSeen = [];
  const { clients: observers } = await connectAll(
    job.observers,
    (i) => {
      const idx = i - job.writers;
      if (idx >= job.probes) return make(i, { applyUpdates: false });
      const seen = new Map();
      probeSeen.push(seen);
      return make(i, {
        applyUpdates: false,
        onUpdate: (t, frame) =>
          forEachChar(frame, (client, k) => {
            // A string key: client * 1e7 + k exceeds 2^53 for 32-bit client ids and collides.
            const key = `${client}:${k}`;
            if (!seen.has(key)) seen.set(key, t);
          }),
      });
    },
    { from: job.writers },
  );
  await sleep(500);

  await mark('start');
  const start = now();
  const end = start + job.durationMs;
  const interval = 1000 / job.rate;
  let sentCount = 0;
  // Each writer types on its own timer: a random phase, then gaps of 0.8–1.2× the mean.
  await Promise.all(
    writers.map(async (w, n) => {
      const text = benchText(w.doc, n);
      const id = w.doc.clientID;
      const marks = job.suggesting ? insertionOf(n) : undefined;
      const random = prng(n + 1);
      let due = start + random() * interval;
      while (due < end) {
        const wait = due - now();
        if (wait > 0) await sleep(wait);
        log.sent(id, Y.getState(w.doc.store, id), now());
        text.insert(text.length, 'x', marks);
        sentCount++;
        due += interval * (0.8 + 0.4 * random());
      }
    }),
  );
  await sleep(2000); // grace for stragglers; later ones count as undelivered
  await mark('end');

  const latencies = [];
  let expected = 0;
  let delivered = 0;
  for (const [client, times] of log.byClient) {
    times.forEach((t0, k) => {
      for (const seen of probeSeen) {
        expected++;
        const t = seen.get(`${client}:${k}`);
        if (t === undefined) continue;
        delivered++;
        if (t0 >= start + job.warmupMs) latencies.push(t - t0);
      }
    });
  }
  closeAll(writers, observers);
  return { sent: sentCount, expected, delivered, latencies };
}
