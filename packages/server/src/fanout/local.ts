import { randomUUID } from 'node:crypto';
import type { Fanout, FanoutSubscription } from './Fanout.js';

const NOOP_SUBSCRIPTION: FanoutSubscription = { close() {} };

/**
 * The fan-out of a single process: there is nobody to tell, so publishing
 * does nothing and subscribing resolves at once. Keeps the one-process path
 * (SQLite) free of any fan-out cost.
 */
export function createLocalFanout(): Fanout {
  return {
    distributed: false,
    processId: randomUUID(),
    subscribe: () => Promise.resolve(NOOP_SUBSCRIPTION),
    publish() {},
    onResume() {},
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
