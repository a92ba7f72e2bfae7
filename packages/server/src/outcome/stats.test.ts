import { describe, expect, it } from 'vitest';
import { readQueue, type QueueEntry } from '@kenes/shared';
import { cast, scriptMeeting } from '../test-support/outcomeScript.js';
import { speakingStats } from './stats.js';

const sec = (n: number) => n * 1000;

/** A finished turn of `seconds` by `userId` (null: an in-room speaker). */
function turn(id: string, userId: string | null, seconds: number): QueueEntry {
  return {
    id,
    agendaItemId: 'a',
    userId,
    name: userId ?? 'Guest',
    organisation: `Org ${id}`,
    orgType: 'ngo',
    kind: 'speak',
    status: 'done',
    requestedAt: 0,
    grantedAt: 1_000 + id.length,
    endedAt: 2_000,
    limitSeconds: 180,
    elapsedMs: sec(seconds),
    runningSince: null,
    pausedAt: null,
  };
}

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
    // Three speakers declared, but "male" is one person (and "Female" and " female " one group of
    // two): any breakdown would show that person's declared gender beside their minutes.
    expect(stats.byGender).toBeNull();
    expect(stats.genderHidden).toBe('small_group');
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

  it('never shows a gender group smaller than the threshold, only groups of at least three', () => {
    // Seven speakers: three women, three men, one non-binary person; two in-room guests.
    const genders: Record<string, string> = {
      w1: 'female',
      w2: 'Female',
      w3: 'female',
      m1: 'male',
      m2: 'male',
      m3: 'male',
      x1: 'non-binary',
    };
    const queue = [
      ...Object.keys(genders).map((u, i) => turn(`e${i}`, u, (i + 1) * 10)),
      turn('g', null, 5),
      turn('g2', null, 6),
    ];
    const stats = speakingStats(queue, 1_000_000, (id) => genders[id]);
    expect(stats.genderHidden).toBeNull();
    const groups = stats.byGender!.groups.map((g) => [g.gender, g.durationMs, g.interventions]);
    expect(groups).toEqual([
      ['male', sec(40 + 50 + 60), 3],
      ['female', sec(10 + 20 + 30), 3],
    ]);
    // The group of one is nowhere by name; its time joins the guests' in the bucket not shown.
    expect(JSON.stringify(stats.byGender)).not.toMatch(/non-binary/);
    expect(stats.byGender!.undeclared).toMatchObject({
      durationMs: sec(70 + 5 + 6),
      interventions: 3,
    });
  });

  it('counts "prefer not to say" as undeclared, never as a group of its own', () => {
    const genders: Record<string, string> = {
      w1: 'woman',
      w2: 'woman',
      w3: 'woman',
      m1: 'man',
      m2: 'man',
      m3: 'man',
      p1: 'prefer_not_to_say',
      p2: 'prefer_not_to_say',
      p3: 'prefer_not_to_say',
    };
    const queue = Object.keys(genders).map((u, i) => turn(`e${i}`, u, 10));
    const stats = speakingStats(queue, 1_000_000, (id) => genders[id]);
    expect(stats.byGender!.declaredSpeakers).toBe(6);
    expect(stats.byGender!.groups.map((g) => g.gender).sort()).toEqual(['man', 'woman']);
    expect(stats.byGender!.undeclared).toMatchObject({ interventions: 3 });
    expect(JSON.stringify(stats)).not.toMatch(/prefer/);
    // Two declared and three who preferred not to say: too few declared to show anything.
    const few = speakingStats(
      queue.slice(1, 2).concat(queue.slice(3, 4), queue.slice(6)),
      1_000_000,
      (id) => genders[id],
    );
    expect(few.genderHidden).toBe('too_few_declared');
  });

  it('hides the whole breakdown when what is left besides the shown groups would single people out', () => {
    // Three women and one man, nobody undeclared: "not shown" would be exactly the man.
    const genders: Record<string, string> = { w1: 'f', w2: 'f', w3: 'f', m1: 'm' };
    const queue = Object.keys(genders).map((u, i) => turn(`e${i}`, u, 10 + i));
    const stats = speakingStats(queue, 1_000_000, (id) => genders[id]);
    expect(stats.byGender).toBeNull();
    expect(stats.genderHidden).toBe('small_group');
    // With two more undeclared speakers the man is one of three: his group folds in, unnamed.
    const more = [...queue, turn('u1', 'u1', 7), turn('u2', 'u2', 8)];
    const shown = speakingStats(more, 1_000_000, (id) => genders[id]);
    expect(shown.byGender!.groups.map((g) => g.gender)).toEqual(['f']);
    expect(shown.byGender!.undeclared.interventions).toBe(3);
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
