import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  listSuggestions,
  readAgenda,
  readMeeting,
  readQueue,
  readRecommendations,
  recommendationText,
} from '@kenes/shared';
import { createAuditLog } from '../audit/auditLog.js';
import { applyCommand } from '../commands/apply.js';
import type { Actor } from '../commands/context.js';
import { runCommand } from '../commands/runCommand.js';
import type { AuditRow, Store } from '../store/Store.js';
import { people } from '../test-support/commandHarness.js';
import { memoryRooms } from '../test-support/outcomeHarness.js';
import { cast, scriptMeeting, T0 } from '../test-support/outcomeScript.js';
import { suggestionFormat } from '../test-support/suggestionFormat.js';
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

  it('counts suggestions by organisation: accepted and rejected from the audit, pending from the texts', async () => {
    const m = scriptMeeting();
    const rooms = memoryRooms();
    rooms.docs.set('m1', m.doc);
    // The member records: bob for Women NGO Alliance, alice and carol for the ombudsman (spelled
    // two ways); 'u-gone' suggested and left (no member record, nothing decided).
    const members = [people.bob, people.alice, people.carol].map((p) => ({
      meetingId: 'm1',
      userId: p.userId,
      role: p.role,
      joinedAt: 0,
      organisation: p.organisation,
      orgType: p.orgType,
    }));
    const rows: AuditRow[] = [];
    const audit = createAuditLog({
      add: async (row) => void rows.push({ ...row, id: rows.length + 1, count: row.count ?? 1 }),
      addRefused: async () => undefined,
      list: async () => rows,
    });
    const store = { meetings: { members: async () => members } } as unknown as Store;
    let clock = m.end;
    const deps = { rooms, audit, store, now: () => ++clock };

    // Rec 2's closing paragraph "Funded from the state budget.": bob inserts " and donors",
    // alice strikes "state ", carol inserts " fully", u-gone inserts " soon".
    const para = recommendationText(m.doc, m.rec2)!.get(1) as Y.XmlElement;
    const text = para.get(0) as Y.XmlText;
    m.doc.transact(() => {
      text.insert(28, ' and donors', suggestionFormat('insertion', { id: 'u-bob:a', by: 'u-bob' }));
      text.format(16, 6, suggestionFormat('deletion', { id: 'u-alice:b', by: 'u-alice' }));
      text.insert(6, ' fully', suggestionFormat('insertion', { id: 'u-carol:c', by: 'u-carol' }));
      text.insert(
        text.length - 1,
        ' soon',
        suggestionFormat('insertion', { id: 'u-gone:d', by: 'u-gone' }),
      );
    });
    expect(text.toString().replace(/<[^>]+>/g, '')).toBe(
      'Funded fully from the state budget and donors soon.',
    );
    const decide = async (body: Record<string, unknown>) => {
      const out = await runCommand(deps, {
        meetingId: 'm1',
        actor: people.chair,
        body: { type: 'suggestion.decide', recId: m.rec2, ...body },
      });
      expect(out.ok).toBe(true);
    };
    await decide({ decision: 'accept', suggestionId: 'u-bob:a' });
    await decide({ decision: 'reject', suggestionId: 'u-alice:b' });

    const withPending: MeetingRecord = {
      ...record(m.doc),
      pendingSuggesters: listSuggestions(recommendationText(m.doc, m.rec2)!).map((s) => s.by),
    };
    const organisations = new Map(members.map((p) => [p.userId, p.organisation]));
    const minutes = buildMinutes(withPending, [...m.audit, ...rows], clock, organisations);
    expect(minutes.suggestions).toEqual([
      { organisation: 'Ombudsman Office', made: 2, accepted: 0, rejected: 1, pending: 1 },
      { organisation: 'Women NGO Alliance', made: 1, accepted: 1, rejected: 0, pending: 0 },
      { organisation: null, made: 1, accepted: 0, rejected: 0, pending: 1 },
    ]);
    // Without any suggestion, no rows.
    expect(buildMinutes(record(scriptMeeting().doc), m.audit, clock).suggestions).toEqual([]);
  });
});
