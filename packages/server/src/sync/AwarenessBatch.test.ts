import { describe, expect, it } from 'vitest';
import {
  AwarenessBatch,
  RENEWAL_BATCH_MIN_SOCKETS,
  RENEWAL_DELAY_MS,
  type AwarenessSink,
} from './AwarenessBatch.js';
import { decodeAwarenessUpdate, type AwarenessEntry } from './awareness.js';

type Sent =
  | { to: 'all'; except: string[]; ids: number[] }
  | { to: string; ids: number[] }
  | { to: 'publish'; ids: number[] };

const ids = (p: Uint8Array): number[] => decodeAwarenessUpdate(p, 1000).map((e) => e.clientId);
const entry = (clientId: number, clock = 1): AwarenessEntry => ({
  clientId,
  clock,
  state: { x: clock },
});

function setup(audience = 1000): {
  batch: AwarenessBatch<string>;
  sent: Sent[];
  tick: () => void;
  delays: Array<{ fn: () => void; ms: number }>;
} {
  const delays: Array<{ fn: () => void; ms: number }> = [];
  const sent: Sent[] = [];
  let pending: Array<() => void> = [];
  const sink: AwarenessSink<string> = {
    sendAll: (p, except) => sent.push({ to: 'all', except: [...except], ids: ids(p) }),
    sendTo: (to, p) => sent.push({ to, ids: ids(p) }),
    publish: (p) => sent.push({ to: 'publish', ids: ids(p) }),
    audience: () => audience,
  };
  const batch = new AwarenessBatch(
    sink,
    (fn) => pending.push(fn),
    (fn, ms) => delays.push({ fn, ms }),
  );
  const tick = (): void => {
    const run = pending;
    pending = [];
    for (const fn of run) fn();
  };
  return { batch, sent, tick, delays };
}

describe('AwarenessBatch', () => {
  it('relays the entries of one tick in one frame, encoded once, published once', () => {
    const { batch, sent, tick } = setup();
    batch.add('a', [entry(1)]);
    batch.add('a', [entry(2)]);
    expect(sent).toEqual([]);
    tick();
    expect(sent).toEqual([
      { to: 'all', except: ['a'], ids: [1, 2] },
      { to: 'publish', ids: [1, 2] },
    ]);
  });

  it('keeps the latest entry per client id', () => {
    const { batch, sent, tick } = setup();
    batch.add('a', [entry(1, 1)]);
    batch.add('a', [entry(1, 2)]);
    tick();
    expect(sent[0]).toEqual({ to: 'all', except: ['a'], ids: [1] });
  });

  it("never sends a sender its own entries, but sends it the others'", () => {
    const { batch, sent, tick } = setup();
    batch.add('a', [entry(1)]);
    batch.add('b', [entry(2)]);
    tick();
    expect(sent).toEqual([
      { to: 'all', except: ['a', 'b'], ids: [1, 2] },
      { to: 'a', ids: [2] },
      { to: 'b', ids: [1] },
      { to: 'publish', ids: [1, 2] },
    ]);
  });

  it('lets unchanged renewals wait a short while to share a frame; a change sends them at once', () => {
    const { batch, sent, tick, delays } = setup();
    batch.add('a', [entry(1, 1)]);
    batch.add('b', [{ clientId: 2, clock: 1, state: { same: true } }]);
    tick();
    sent.length = 0;
    // Heartbeats: same states, next clocks.
    batch.add('a', [{ clientId: 1, clock: 2, state: { x: 1 } }]);
    batch.add('b', [{ clientId: 2, clock: 2, state: { same: true } }]);
    tick();
    expect(sent).toEqual([]);
    expect(delays.map((d) => d.ms)).toEqual([RENEWAL_DELAY_MS]);
    delays[0]!.fn();
    expect(sent[0]).toEqual({ to: 'all', except: ['a', 'b'], ids: [1, 2] });
    sent.length = 0;
    batch.add('b', [{ clientId: 2, clock: 3, state: { same: true } }]);
    batch.add('a', [{ clientId: 1, clock: 3, state: { x: 'moved' } }]);
    tick();
    expect(sent[0]).toEqual({ to: 'all', except: ['b', 'a'], ids: [2, 1] });
  });

  it('relays renewals at once in a small room', () => {
    const { batch, sent, tick, delays } = setup(RENEWAL_BATCH_MIN_SOCKETS - 1);
    batch.add('a', [entry(1, 1)]);
    tick();
    batch.add('a', [{ clientId: 1, clock: 2, state: { x: 1 } }]);
    tick();
    expect(delays).toEqual([]);
    expect(sent.filter((x) => x.to === 'all')).toHaveLength(2);
  });

  it('sends nothing once stopped', () => {
    const { batch, sent, tick } = setup();
    batch.add('a', [entry(1)]);
    batch.stop();
    batch.add('a', [entry(2)]);
    tick();
    expect(sent).toEqual([]);
  });
});
