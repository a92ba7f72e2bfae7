import { describe, expect, it } from 'vitest';
import { decodeFanoutMessage, encodeFanoutMessage } from './wire.js';

describe('fan-out wire format', () => {
  it('round-trips every kind', () => {
    const updates = [new Uint8Array([1, 2, 3]), new Uint8Array(0)];
    const seqs = [7, 2 ** 40];
    expect(
      decodeFanoutMessage(encodeFanoutMessage({ kind: 'update', updates, seqs }, 'p1', 1234.5)),
    ).toEqual({ kind: 'update', updates, seqs, from: 'p1', sentAt: 1234.5 });
    const payload = new Uint8Array([9, 9]);
    expect(
      decodeFanoutMessage(encodeFanoutMessage({ kind: 'awareness', payload }, 'p2', 1)),
    ).toEqual({ kind: 'awareness', payload, from: 'p2', sentAt: 1 });
    expect(decodeFanoutMessage(encodeFanoutMessage({ kind: 'awarenessQuery' }, 'p3', 2))).toEqual({
      kind: 'awarenessQuery',
      from: 'p3',
      sentAt: 2,
    });
    const close = {
      kind: 'close',
      userId: 'display:ab',
      code: 4403,
      reason: 'display link revoked',
    } as const;
    expect(decodeFanoutMessage(encodeFanoutMessage(close, 'p4', 3))).toEqual({
      ...close,
      from: 'p4',
      sentAt: 3,
    });
  });

  it('reads an update message of a process that sent no seqs (a rolling upgrade)', () => {
    const updates = [new Uint8Array([1, 2, 3])];
    const full = encodeFanoutMessage({ kind: 'update', updates, seqs: [] }, 'old', 1);
    // The older format ended after the updates: drop the trailing seq count.
    const older = full.subarray(0, full.length - 1);
    expect(decodeFanoutMessage(older)).toEqual({
      kind: 'update',
      updates,
      seqs: [],
      from: 'old',
      sentAt: 1,
    });
  });

  it('refuses another version and garbage', () => {
    const ok = encodeFanoutMessage({ kind: 'awarenessQuery' }, 'p', 0);
    const bumped = Uint8Array.from(ok);
    bumped[0] = 2;
    expect(() => decodeFanoutMessage(bumped)).toThrow(/version/);
    expect(() => decodeFanoutMessage(new Uint8Array([1]))).toThrow();
  });
});
