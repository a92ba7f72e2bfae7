import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeeting, readQueue } from './read.js';
import { meetingRoots } from './roots.js';
import { budgetUsage } from './budgets.js';
import { organisationKey } from '../organisation.js';
import { readBudgets, readSpeakingTimes } from './speakingRules.js';
import type { QueueEntry } from './shapes.js';

describe('reading the speaking rules survives any stored value', () => {
  it('falls back per kind to the older single default, then to 3:00', () => {
    expect(readSpeakingTimes(undefined, undefined)).toEqual({
      speak: 180,
      reply: 180,
      point_of_order: 180,
    });
    expect(readSpeakingTimes({ point_of_order: 60 }, 240)).toEqual({
      speak: 240,
      reply: 240,
      point_of_order: 60,
    });
    for (const bad of [-5, 0, 1e308, Number.NaN, Infinity, '60', null, { a: 1 }, 4000])
      expect(readSpeakingTimes({ speak: bad }, bad).speak).toBe(180);
  });

  it('drops ill-formed budgets and keeps at most 50', () => {
    expect(
      readBudgets([
        { scope: 'orgType', target: 'ngo', seconds: 600 },
        { scope: 'orgType', target: 'pirates', seconds: 600 },
        { scope: 'organisation', target: '', seconds: 600 },
        { scope: 'organisation', target: 'x'.repeat(201), seconds: 600 },
        { scope: 'organisation', target: 'UNDP', seconds: -1 },
        { scope: 'organisation', target: 'UNDP', seconds: 1e12 },
        { scope: 'galaxy', target: 'UNDP', seconds: 600 },
        null,
        'budget',
        { scope: 'organisation', target: 'UNDP', seconds: 600.4 },
      ]),
    ).toEqual([
      { scope: 'orgType', target: 'ngo', seconds: 600 },
      { scope: 'organisation', target: 'UNDP', seconds: 600 },
    ]);
    expect(readBudgets('nope')).toEqual([]);
    const many = Array.from({ length: 80 }, (_, i) => ({
      scope: 'organisation',
      target: `Org ${i}`,
      seconds: 600,
    }));
    expect(readBudgets(many)).toHaveLength(50);
  });

  it('readMeeting of a meeting root holding junk gives bounded rules', () => {
    const doc = new Y.Doc();
    const m = meetingRoots(doc).meeting;
    m.set('speakingSeconds', [1, 2, 3]);
    m.set('defaultSpeakingSeconds', -1);
    m.set('budgets', { not: 'an array' });
    expect(readMeeting(doc)).toMatchObject({
      defaultSpeakingSeconds: 180,
      speakingSeconds: { speak: 180, reply: 180, point_of_order: 180 },
      budgets: [],
    });
  });
});

describe('budgetUsage', () => {
  const turn = (fields: Partial<QueueEntry>): QueueEntry => ({
    ...readQueue(new Y.Doc())[0]!,
    id: 'e',
    agendaItemId: 'i',
    userId: 'u',
    name: 'N',
    organisation: 'Union of Crisis Centres',
    orgType: 'ngo',
    kind: 'speak',
    status: 'done',
    requestedAt: 0,
    grantedAt: 0,
    endedAt: 1,
    limitSeconds: 180,
    elapsedMs: 60_000,
    runningSince: null,
    pausedAt: null,
    ...fields,
  });

  it('counts turns that had the floor, never waiting requests, and bounds junk', () => {
    const budgets = [
      { scope: 'orgType' as const, target: 'ngo', seconds: 300 },
      { scope: 'organisation' as const, target: ' Union of Crisis   Centres ', seconds: 120 },
    ];
    const queue = [
      turn({}),
      turn({ status: 'speaking', elapsedMs: 10_000, runningSince: 1_000, endedAt: null }),
      turn({ status: 'waiting', grantedAt: null, elapsedMs: 99_000 }),
      turn({ elapsedMs: -50_000 }),
      turn({ orgType: 'government', organisation: 'MFA', elapsedMs: 30_000 }),
    ];
    const [byType, byOrg] = budgetUsage(budgets, queue, 21_000, organisationKey);
    expect(byType).toMatchObject({ usedMs: 90_000, remainingMs: 210_000, current: true });
    expect(byOrg).toMatchObject({ usedMs: 90_000, remainingMs: 30_000, exhausted: false });
    const huge = budgetUsage(budgets, [turn({ elapsedMs: 1e300 })], 0, organisationKey)[0]!;
    expect(Number.isFinite(huge.usedMs)).toBe(true);
  });
});
