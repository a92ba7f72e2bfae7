import { describe, expect, it } from 'vitest';
import type { Fanout, ReceivedMessage } from '../fanout/Fanout.js';
import { subscribeThenLoad } from './subscribeThenLoad.js';

/** A fan-out whose deliveries the test triggers, recording the order of calls. */
function fakeFanout(
  events: string[],
): Fanout & { deliver(msg: ReceivedMessage): void; open: number } {
  let handler: ((m: ReceivedMessage) => void) | null = null;
  const f = {
    distributed: true,
    processId: 'me',
    open: 0,
    async subscribe(_meetingId: string, onMessage: (m: ReceivedMessage) => void) {
      events.push('subscribe');
      handler = onMessage;
      f.open += 1;
      return {
        close() {
          handler = null;
          f.open -= 1;
        },
      };
    },
    publish() {},
    onResume() {},
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
    deliver(msg: ReceivedMessage) {
      handler?.(msg);
    },
  };
  return f;
}

const update = (n: number): ReceivedMessage => ({
  kind: 'update',
  updates: [new Uint8Array([n])],
  seqs: [n],
  from: 'peer',
  sentAt: 0,
});

describe('subscribeThenLoad', () => {
  it('subscribes before loading, holds what arrives during the load, applies it after, in order', async () => {
    const events: string[] = [];
    const fanout = fakeFanout(events);
    let finishLoad!: () => void;
    const loaded = new Promise<void>((r) => (finishLoad = r));
    const applied: Array<{ room: string; n: number }> = [];
    const opening = subscribeThenLoad(
      fanout,
      'm1',
      async () => {
        events.push('load');
        await loaded;
        return 'room';
      },
      (room, msg) => applied.push({ room, n: msg.kind === 'update' ? msg.updates[0]![0]! : -1 }),
    );
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['subscribe', 'load']);
    fanout.deliver(update(1));
    fanout.deliver(update(2));
    expect(applied).toEqual([]); // Nothing applied before the room exists.
    finishLoad();
    const { room } = await opening;
    expect(room).toBe('room');
    expect(applied).toEqual([
      { room: 'room', n: 1 },
      { room: 'room', n: 2 },
    ]);
    fanout.deliver(update(3));
    expect(applied.at(-1)).toEqual({ room: 'room', n: 3 }); // Then directly.
  });

  it('a failed load leaves the channel and rethrows', async () => {
    const fanout = fakeFanout([]);
    await expect(
      subscribeThenLoad(
        fanout,
        'm1',
        () => Promise.reject(new Error('db down')),
        () => undefined,
      ),
    ).rejects.toThrow('db down');
    expect(fanout.open).toBe(0);
  });
});
