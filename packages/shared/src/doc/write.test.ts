import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  lockedRecommendationIds,
  readAgenda,
  readMeeting,
  readQueue,
  readRecommendations,
} from './read.js';
import { recommendationText, meetingRoots } from './roots.js';
import type { AgendaItem, QueueEntry, Recommendation } from './shapes.js';
import {
  deleteRecommendation,
  insertAgendaItem,
  insertQueueEntry,
  insertRecommendation,
  moveRecord,
  patchMeeting,
  patchQueueEntry,
  setRecommendationRemoved,
} from './write.js';

const item: AgendaItem = {
  id: 'a1',
  title: 'T',
  description: 'D',
  plannedMinutes: 10,
  status: 'removed',
  startedAt: 1,
  endedAt: 2,
};
const entry: QueueEntry = {
  id: 'e1',
  agendaItemId: 'a1',
  userId: null,
  name: 'N',
  organisation: 'O',
  orgType: 'ngo',
  kind: 'reply',
  status: 'speaking',
  requestedAt: 1,
  grantedAt: 2,
  endedAt: null,
  limitSeconds: 90,
  elapsedMs: 5,
  runningSince: null,
  pausedAt: 3,
  replyToEntryId: 'e0',
};
const rec: Recommendation = {
  id: 'r1',
  agendaItemId: 'a1',
  title: 'R',
  status: 'agreed',
  proposerId: 'u',
  proposerName: 'U',
  proposerOrganisation: 'O',
  createdAt: 4,
  endorsements: [{ userId: 'u', organisation: 'O', orgType: 'ngo', at: 5 }],
  suggestionsOnly: true,
  proposerDecides: false,
  agreedAt: 6,
};

describe('writers', () => {
  it('write records the readers read back unchanged', () => {
    const doc = new Y.Doc();
    insertAgendaItem(doc, 0, item);
    insertQueueEntry(doc, 0, entry);
    insertRecommendation(doc, rec);
    const rules = {
      defaultSpeakingSeconds: 60,
      speakingSeconds: { speak: 60, reply: 30, point_of_order: 45 },
      budgets: [
        { scope: 'orgType' as const, target: 'ngo', seconds: 600 },
        { scope: 'organisation' as const, target: 'UNDP', seconds: 300 },
      ],
    };
    const details = { startsAt: 1_800_000_000_000, venue: 'Astana', description: 'D' };
    patchMeeting(doc, {
      title: 'M',
      status: 'live',
      currentItemId: 'a1',
      listOpen: false,
      ...rules,
      ...details,
      suggestionsOnly: true,
    });
    expect(readAgenda(doc)).toEqual([item]);
    expect(readQueue(doc)).toEqual([entry]);
    expect(readRecommendations(doc)).toEqual([rec]);
    expect(readMeeting(doc)).toEqual({
      title: 'M',
      status: 'live',
      currentItemId: 'a1',
      listOpen: false,
      ...rules,
      ...details,
      suggestionsOnly: true,
    });
    expect(recommendationText(doc, 'r1')?.length).toBe(0);
  });

  it('leaves fields given as undefined untouched', () => {
    const doc = new Y.Doc();
    insertQueueEntry(doc, 0, entry);
    const map = meetingRoots(doc).queue.get(0);
    patchQueueEntry(map, { name: undefined, elapsedMs: 9 });
    expect(readQueue(doc)[0]).toMatchObject({ name: 'N', elapsedMs: 9 });
  });

  it('moves a record by copy, and deletes a recommendation with its text', () => {
    const doc = new Y.Doc();
    insertQueueEntry(doc, 0, entry);
    insertQueueEntry(doc, 1, { ...entry, id: 'e2' });
    insertQueueEntry(doc, 2, { ...entry, id: 'e3' });
    moveRecord(meetingRoots(doc).queue, 0, 2);
    expect(readQueue(doc).map((e) => e.id)).toEqual(['e2', 'e3', 'e1']);
    expect(readQueue(doc)[2]).toEqual(entry);
    insertRecommendation(doc, rec);
    deleteRecommendation(doc, 0, 'r1');
    expect(readRecommendations(doc)).toEqual([]);
    expect(recommendationText(doc, 'r1')).toBeUndefined();
  });
});

describe('lockedRecommendationIds', () => {
  it('names removed and agreed texts apart, and never defines a root', () => {
    const doc = new Y.Doc();
    insertRecommendation(doc, rec);
    insertRecommendation(doc, { ...rec, id: 'r2', status: 'draft', agreedAt: null });
    insertRecommendation(doc, { ...rec, id: 'r3' });
    const r3 = meetingRoots(doc).recommendations.get(2);
    setRecommendationRemoved(r3, 9);
    expect(lockedRecommendationIds(doc)).toEqual({
      removed: new Set(['r3']),
      agreed: new Set(['r1']),
    });
    const fresh = new Y.Doc();
    expect(lockedRecommendationIds(fresh)).toEqual({ removed: new Set(), agreed: new Set() });
    expect(fresh.share.size).toBe(0);
  });

  it('reads agreedAt only while agreed', () => {
    const doc = new Y.Doc();
    insertRecommendation(doc, { ...rec, status: 'draft', agreedAt: 7 });
    expect(readRecommendations(doc)[0]?.agreedAt).toBeNull();
  });
});
