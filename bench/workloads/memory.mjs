// Memory: server RSS per idle connection. Marks before and after `count`
// clients connect (and, `withAwareness`, each publishes one awareness state
// as a provider does on connect), after a settling pause.
import { encodeAwareness } from '../lib/awarenessFrame.mjs';
import { clientFactory, closeAll, connectAll, mark, sleep } from './common.mjs';

/** @param {{ count: number, withAwareness: boolean, settleMs: number }} job */
export async function memory(job) {
  const make = clientFactory(job);
  await sleep(500);
  await mark('before');
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
  await mark('after');
  closeAll(clients);
  return { count: job.count };
}
