import { describe, expect, it } from 'vitest';
import { readAgenda, readMeeting, readQueue, readRecommendations } from '@kenes/shared';
import { applyCommand } from '../commands/apply.js';
import type { Actor } from '../commands/context.js';
import { cast, scriptMeeting, T0 } from '../test-support/outcomeScript.js';
import { buildMinutes, type MeetingRecord } from './minutes.js';

const sec = (n: number) => n * 1000;

function record(doc: ReturnType<typeof scriptMeeting>['doc']): MeetingRecord {
  return {
    meeting: readMeeting(doc),
    agenda: readAgenda(doc),
    queue: readQueue(doc),
    recommendations: readRecommendations(doc),
  };
}

describe('buildMinutes', () => {
  it('gives planned and actual time, interventions in order and recommendations, as computed by hand', () => {
    const m = scriptMeeting();
    const minutes = buildMinutes(record(m.doc), m.audit, m.end + sec(60));

    expect(minutes.title).toBe('');
    expect(minutes.openedAt).toBe(T0);
    expect(minutes.closedAt).toBeNull();
    expect(minutes.statusChanges).toEqual([{ at: T0, status: 'live', userId: cast.chair.userId }]);

    const [one, two] = minutes.items;
    // Item 1: started at 60 s, ended at 600 s → 540 s; alice 60 s + 60 s (pause excluded), bob 75 s.
    expect(one).toMatchObject({
      id: m.item1,
      title: 'Ensuring gender equality',
      status: 'done',
      plannedMinutes: 30,
      startedAt: T0 + sec(60),
      endedAt: T0 + sec(600),
      actualMs: sec(540),
      speakingMs: sec(195),
    });
    expect(
      one!.interventions.map((i) => [i.speaker, i.organisation, i.orgType, i.kind, i.durationMs]),
    ).toEqual([
      ['Alice', 'Ombudsman Office', 'nhri', 'speak', sec(120)],
      ['Bob', 'Women NGO Alliance', 'ngo', 'speak', sec(75)],
    ]);
    expect(one!.interventions[0]).toMatchObject({
      grantedAt: T0 + sec(90),
      endedAt: T0 + sec(240),
      status: 'done',
    });
    expect(one!.recommendations).toEqual([
      {
        id: m.rec1,
        title: 'Adopt a gender equality law',
        status: 'agreed',
        proposerName: 'Alice',
        proposerOrganisation: 'Ombudsman Office',
        endorsements: [
          { organisation: 'Women NGO Alliance', orgType: 'ngo' },
          { organisation: 'Mazhilis Social Committee', orgType: 'parliament' },
        ],
        statusChangedAt: T0 + sec(750),
        // Agreed with no organisation's position taken: the record says so.
        agreedPositions: [],
      },
    ]);

    // Item 2: 660 s → 800 s; dana 690 → 735 s; bob's withdrawn reply is no intervention.
    expect(two).toMatchObject({
      id: m.item2,
      plannedMinutes: 20,
      actualMs: sec(140),
      speakingMs: sec(45),
    });
    expect(two!.interventions.map((i) => [i.speaker, i.orgType, i.durationMs])).toEqual([
      ['Dana', 'parliament', sec(45)],
    ]);
    expect(two!.recommendations.map((r) => [r.title, r.status, r.statusChangedAt])).toEqual([
      ['Fund shelters', 'discussed', T0 + sec(755)],
    ]);

    expect(minutes.outsideAgenda).toEqual({ interventions: [], recommendations: [] });
    expect(minutes.totals).toEqual({
      plannedMinutes: 50,
      actualMs: sec(540 + 140),
      interventions: 3,
      speakingMs: sec(120 + 75 + 45),
    });
  });

  it('counts a current speaker and an active item up to now, and notes the close', () => {
    const m = scriptMeeting();
    const run = (
      at: number,
      command: Parameters<typeof applyCommand>[1],
      actor: Actor = cast.chair,
    ) => {
      const r = applyCommand(m.doc, command, actor, at, () => `x${at}`);
      if (!r.ok) throw new Error(r.message);
    };
    run(m.end + sec(10), { type: 'agenda.start', itemId: m.item1 });
    run(m.end + sec(20), { type: 'queue.request', kind: 'point_of_order' }, cast.bob);
    run(m.end + sec(30), { type: 'queue.grant' });
    const now = m.end + sec(50);
    const minutes = buildMinutes(
      record(m.doc),
      [
        ...m.audit,
        {
          id: 99,
          meetingId: 'm1',
          userId: 'u-chair',
          action: 'meeting.setStatus',
          payload: '{"type":"meeting.setStatus","status":"closed"}',
          result: 'ok',
          at: now,
          count: 1,
        },
        // A refused change and an unreadable payload are ignored.
        {
          id: 100,
          meetingId: 'm1',
          userId: 'u-chair',
          action: 'meeting.setStatus',
          payload: '{"status":"live"}',
          result: 'forbidden',
          at: now,
          count: 1,
        },
        {
          id: 101,
          meetingId: 'm1',
          userId: 'u-chair',
          action: 'rec.setStatus',
          payload: '{"recId":',
          result: 'ok',
          at: now,
          count: 1,
        },
      ],
      now,
    );
    const one = minutes.items[0]!;
    // Restarted: the first start is kept, the item runs until now.
    expect(one.status).toBe('active');
    expect(one.actualMs).toBe(now - (T0 + sec(60)));
    expect(one.interventions.at(-1)).toMatchObject({
      speaker: 'Bob',
      kind: 'point_of_order',
      status: 'speaking',
      durationMs: sec(20),
      endedAt: null,
    });
    expect(minutes.closedAt).toBe(now);
    expect(minutes.statusChanges.map((c) => c.status)).toEqual(['live', 'closed']);
  });
});
