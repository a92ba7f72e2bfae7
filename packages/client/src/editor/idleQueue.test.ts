import { describe, expect, it } from 'vitest';
import { createIdleQueue } from './idleQueue.js';

describe('idle queue', () => {
  it('runs jobs in order, as many as an idle period has room for, skipping cancelled ones', () => {
    const waiting: Array<(d: { timeRemaining(): number }) => void> = [];
    const queue = createIdleQueue((fn) => waiting.push(fn));
    const ran: number[] = [];
    queue.add(() => ran.push(1));
    const cancel = queue.add(() => ran.push(2));
    queue.add(() => ran.push(3));
    queue.add(() => ran.push(4));
    cancel();
    // A period with 20 ms left, then none: jobs 1 and 3 fit, 4 waits for the next one.
    let left = 20;
    waiting.shift()!({ timeRemaining: () => (left -= 10) });
    expect(ran).toEqual([1, 3]);
    expect(waiting).toHaveLength(1);
    // Even a short period runs one job: the queue always moves on.
    waiting.shift()!({ timeRemaining: () => 0 });
    expect(ran).toEqual([1, 3, 4]);
    expect(waiting).toHaveLength(0);
  });
});
