// Presence: `count` clients each publish an awareness state, then renew it
// every `periodMs` (y-protocols' heartbeat re-sends the same state with the
// next clock; with `caret`, the state changes: a moving caret). Phases are
// spread so the load is even. `probes` clients time every entry they
// receive against its send time (same process, same clock).
import { now } from '../lib/PeerClient.mjs';
import { encodeAwareness, forEachAwarenessEntry } from '../lib/awarenessFrame.mjs';
import { clientFactory, closeAll, connectAll, mark, sleep } from './common.mjs';

/** @param {{ count: number, periodMs: number, caret: boolean, windowMs: number, probes: number }} job */
export async function presence(job) {
  const make = clientFactory(job);
  /** Send time per "clientId:clock". */
  const sent = new Map();
  const latencies = [];
  let measuring = false;
  const { clients } = await connectAll(job.count, (i) =>
    make(i, {
      applyUpdates: false,
      onAwareness:
        i < job.probes
          ? (t, payload) =>
              forEachAwarenessEntry(payload, (id, clock) => {
                const t0 = sent.get(id * 1e6 + clock);
                if (measuring && t0 !== undefined) latencies.push(t - t0);
              })
          : undefined,
    }),
  );
  const clocks = new Map();
  const publish = (c, k) => {
    const id = c.doc.clientID;
    const clock = (clocks.get(id) ?? 0) + 1;
    clocks.set(id, clock);
    const state = {
      user: { name: `Bench ${id}`, color: '#30bced' },
      cursor: job.caret ? { anchor: k, head: k } : null,
    };
    sent.set(id * 1e6 + clock, now());
    c.sendAwareness(encodeAwareness(id, clock, state));
  };
  // Everyone's first state, spread over a second; then let the echoes settle.
  for (let i = 0; i < clients.length; i++) {
    publish(clients[i], 0);
    if (i % 20 === 19) await sleep(20);
  }
  await sleep(3000);

  let stop = false;
  const t0 = now();
  const loops = clients.map(async (c, n) => {
    let due = t0 + (n / clients.length) * job.periodMs;
    let k = 0;
    while (!stop) {
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      if (stop) break;
      publish(c, ++k);
      due += job.periodMs;
    }
  });
  measuring = true;
  await mark('start');
  await sleep(job.windowMs);
  await mark('end');
  stop = true;
  await sleep(1000); // late receipts of the window still count
  measuring = false;
  await Promise.all(loops);
  closeAll(clients);
  const renewals = Math.round((clients.length * job.windowMs) / job.periodMs);
  return { latencies, renewals };
}
