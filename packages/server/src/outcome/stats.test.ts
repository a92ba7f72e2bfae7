import { describe, expect, it } from 'vitest';
import { readQueue, type QueueEntry } from '@kenes/shared';
import { cast, scriptMeeting } from '../test-support/outcomeScript.js';
import { speakingStats } from './stats.js';

const sec = (n: number) => n * 1000;

const GENDERS: Record<string, string | null> = {
  [cast.alice.userId]: 'Female',
  [cast.bob.userId]: 'male',
  [cast.dana.userId]: ' female ',
  [cast.chair.userId]: null,
};

describe('speakingStats', () => {
  it('totals time and interventions by organisation type, organisation and gender, as computed by hand', () => {
    const m = scriptMeeting();
    const stats = speakingStats(readQueue(m.doc), m.end, (id) => GENDERS[id]);
    const total = sec(120 + 75 + 45);
    expect(stats.live).toBe(false);
    expect(stats.total).toEqual({ durationMs: total, interventions: 3, speakers: 3 });
    expect(stats.byOrgType.map((b) => [b.orgType, b.durationMs, b.interventions])).toEqual([
      ['government', 0, 0],
      ['parliament', sec(45), 1],
      ['nhri', sec(120), 1],
      ['ngo', sec(75), 1],
      ['international', 0, 0],
      ['other', 0, 0],
    ]);
    expect(stats.byOrgType.find((b) => b.orgType === 'nhri')!.share).toBeCloseTo(120 / 240);
    expect(
      stats.byOrganisation.map((b) => [b.organisation, b.orgType, b.durationMs, b.interventions]),
    ).toEqual([
      ['Ombudsman Office', 'nhri', sec(120), 1],
      ['Women NGO Alliance', 'ngo', sec(75), 1],
      ['Mazhilis Social Committee', 'parliament', sec(45), 1],
    ]);
    // Three speakers declared: shown. "Female" and " female " are one group.
    expect(stats.genderHidden).toBeNull();
    expect(stats.byGender).toEqual({
      declaredSpeakers: 3,
      groups: [
        { gender: 'Female', durationMs: sec(165), interventions: 2, share: 165 / 240 },
        { gender: 'male', durationMs: sec(75), interventions: 1, share: 75 / 240 },
      ],
      undeclared: { durationMs: 0, interventions: 0, share: 0 },
    });
  });

  it('hides the gender breakdown when fewer than three speakers declared one', () => {
    const m = scriptMeeting();
    const two: Record<string, string | null> = { ...GENDERS, [cast.bob.userId]: '  ' };
    const stats = speakingStats(readQueue(m.doc), m.end, (id) => two[id]);
    expect(stats.byGender).toBeNull();
    expect(stats.genderHidden).toBe('too_few_declared');
    // Declarations of people who never spoke do not count either.
    const none = speakingStats(readQueue(m.doc), m.end, () => undefined);
    expect(none.byGender).toBeNull();
  });

  it('counts a current speaker up to now and merges spellings of one organisation', () => {
    const base: QueueEntry = {
      id: 'e1',
      agendaItemId: 'a',
      userId: null,
      name: 'Guest',
      organisation: 'UN Women',
      orgType: 'international',
      kind: 'speak',
      status: 'done',
      requestedAt: 0,
      grantedAt: 1_000,
      endedAt: 31_000,
      limitSeconds: 180,
      elapsedMs: 30_000,
      runningSince: null,
      pausedAt: null,
    };
    const speaking: QueueEntry = {
      ...base,
      id: 'e2',
      organisation: ' un  women',
      status: 'speaking',
      grantedAt: 40_000,
      endedAt: null,
      elapsedMs: 5_000,
      runningSince: 50_000,
    };
    const stats = speakingStats(
      [base, speaking, { ...base, id: 'e3', status: 'withdrawn', grantedAt: null }],
      62_000,
      () => null,
    );
    expect(stats.live).toBe(true);
    expect(stats.byOrganisation).toEqual([
      {
        organisation: 'UN Women',
        orgType: 'international',
        durationMs: 30_000 + 5_000 + 12_000,
        interventions: 2,
        share: 1,
      },
    ]);
    expect(stats.total.speakers).toBe(1); // one in-room speaker, the organisation spelled two ways
  });
});
