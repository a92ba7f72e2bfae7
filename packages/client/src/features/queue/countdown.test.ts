import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '@kenes/shared';
import { clockOffset, offsetFromDateHeader } from '../../sync/serverClock.js';
import { formatClock, timerCue, timerText, timerView } from './countdown.js';

const T0 = 1_800_000_000_000;

function speaking(over: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id: 'e1',
    agendaItemId: 'a1',
    userId: 'u1',
    name: 'Aigerim',
    organisation: 'Ombudsman',
    orgType: 'nhri',
    kind: 'speak',
    status: 'speaking',
    requestedAt: T0 - 60_000,
    grantedAt: T0,
    endedAt: null,
    limitSeconds: 180,
    elapsedMs: 0,
    runningSince: T0,
    pausedAt: null,
    ...over,
  };
}

describe('timerView', () => {
  it('counts down from the limit in server time', () => {
    const v = timerView(speaking(), T0 + 30_000, 0);
    expect(v.remainingMs).toBe(150_000);
    expect(v.overtime).toBe(false);
    expect(timerText(v)).toBe('2:30');
  });

  it('corrects for the clock offset: a client 5 minutes behind sees the same time', () => {
    const offset = 5 * 60_000;
    const v = timerView(speaking(), T0 + 30_000 - offset, offset);
    expect(timerText(v)).toBe('2:30');
    // Without the offset the same client would think the turn had not begun.
    expect(timerText(timerView(speaking(), T0 + 30_000 - offset, 0))).toBe('3:00');
  });

  it('a client ahead of the server does not show lost time', () => {
    const v = timerView(speaking(), T0 + 10_000 + 90_000, -90_000);
    expect(v.elapsedMs).toBe(10_000);
  });

  it('turns to overtime after the limit and counts up', () => {
    const at = (s: number) => timerView(speaking(), T0 + s * 1000, 0);
    expect(timerText(at(179.5))).toBe('0:01');
    expect(at(180).overtime).toBe(false);
    expect(timerText(at(180))).toBe('0:00');
    const over = at(192.7);
    expect(over.overtime).toBe(true);
    expect(over.remainingMs).toBe(0);
    expect(over.overtimeMs).toBe(12_700);
    expect(timerText(over)).toBe('+0:12');
  });

  it('a paused timer stands still and keeps time spoken before the pause', () => {
    const entry = speaking({ elapsedMs: 40_000, runningSince: null, pausedAt: T0 + 40_000 });
    const a = timerView(entry, T0 + 50_000, 0);
    const b = timerView(entry, T0 + 500_000, 0);
    expect(a).toEqual(b);
    expect(a.paused).toBe(true);
    expect(timerText(a)).toBe('2:20');
  });

  it('after a resume, adds the running stretch to the time spoken before', () => {
    const entry = speaking({ elapsedMs: 40_000, runningSince: T0 + 100_000 });
    expect(timerView(entry, T0 + 110_000, 0).elapsedMs).toBe(50_000);
  });

  it('an extension adds to the limit', () => {
    const v = timerView(speaking({ limitSeconds: 240 }), T0 + 200_000, 0);
    expect(v.overtime).toBe(false);
    expect(timerText(v)).toBe('0:40');
  });
});

describe('formatClock', () => {
  it('shows hours only when needed', () => {
    expect(formatClock(59_000, 'down')).toBe('0:59');
    expect(formatClock(3_725_000, 'down')).toBe('1:02:05');
  });
});

describe('timerCue', () => {
  const at = (s: number) => timerView(speaking(), T0 + s * 1000, 0);
  it('fires once for one minute left and once for time up', () => {
    expect(timerCue(at(119), at(120))).toBe('oneMinute');
    expect(timerCue(at(120), at(121))).toBeNull();
    expect(timerCue(at(180), at(181))).toBe('timeUp');
    expect(timerCue(at(181), at(182))).toBeNull();
  });
});

describe('clockOffset', () => {
  it('is the median of the samples’ offsets', () => {
    expect(clockOffset([])).toBe(0);
    expect(
      clockOffset([
        { serverNow: 1_000, localNow: 900 },
        { serverNow: 2_000, localNow: 1_880 },
        { serverNow: 3_000, localNow: 1_000 }, // one slow outlier
      ]),
    ).toBe(120);
  });
  it('falls back to the Date header', () => {
    const local = Date.parse('2030-01-01T00:00:00Z');
    expect(offsetFromDateHeader('Tue, 01 Jan 2030 00:00:10 GMT', local)).toBe(10_500);
    expect(offsetFromDateHeader(null, local)).toBeNull();
    expect(offsetFromDateHeader('nonsense', local)).toBeNull();
  });
});

describe('timerView survives any relayed value', () => {
  it.each<[string, Partial<QueueEntry>]>([
    ['a huge limit', { limitSeconds: 1e300 }],
    ['a negative limit', { limitSeconds: -500 }],
    ['a huge elapsed time', { elapsedMs: 1e300, runningSince: null, pausedAt: T0 }],
    ['a negative elapsed time', { elapsedMs: -1e9, runningSince: null, pausedAt: T0 }],
    ['a start far in the past', { runningSince: -1e300 }],
  ])('%s gives a short, bounded clock text', (_name, over) => {
    const view = timerView(speaking(over), T0 + 5_000, 0);
    for (const v of [view.elapsedMs, view.limitMs, view.remainingMs, view.overtimeMs])
      expect(v >= 0 && v <= 8 * 3600 * 1000).toBe(true);
    expect(timerText(view)).toMatch(/^\+?(\d:)?\d{1,2}:\d\d$/);
  });
});
