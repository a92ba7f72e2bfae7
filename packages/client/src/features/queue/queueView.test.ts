import { describe, expect, it } from 'vitest';
import type { MeetingInfo, QueueEntry } from '@kenes/shared';
import { queueView, repliesTo } from './queueView.js';

const meeting = (over: Partial<MeetingInfo> = {}): MeetingInfo => ({
  title: 'M',
  status: 'live',
  currentItemId: 'a',
  listOpen: true,
  defaultSpeakingSeconds: 180,
  suggestionsOnly: false,
  speakingSeconds: { speak: 180, reply: 180, point_of_order: 180 },
  budgets: [],
  startsAt: null,
  venue: '',
  description: '',
  ...over,
});

const entry = (
  id: string,
  agendaItemId: string | null,
  over: Partial<QueueEntry> = {},
): QueueEntry => ({
  id,
  agendaItemId,
  userId: `u-${id}`,
  name: id.toUpperCase(),
  organisation: 'Org',
  orgType: 'ngo',
  kind: 'speak',
  status: 'waiting',
  requestedAt: 1,
  grantedAt: null,
  endedAt: null,
  limitSeconds: 180,
  elapsedMs: 0,
  runningSince: null,
  pausedAt: null,
  ...over,
});

describe('queueView', () => {
  const queue = [entry('x', 'a'), entry('y', 'b'), entry('z', null)];

  it('shows only the current item’s list', () => {
    expect(queueView(queue, meeting()).waiting.map((e) => e.id)).toEqual(['x']);
  });

  it('shows nobody waiting between items (no mixed leftovers) and once the meeting is closed', () => {
    expect(queueView(queue, meeting({ currentItemId: null })).waiting).toEqual([]);
    expect(queueView(queue, meeting({ status: 'closed' })).waiting).toEqual([]);
  });

  it('names the speaker a reply answers', () => {
    const speaker = entry('s', 'a', { status: 'speaking' });
    const reply = entry('r', 'a', { kind: 'reply', replyToEntryId: 's' });
    expect(repliesTo([speaker, reply], reply)).toBe('S');
    expect(repliesTo([speaker, reply], speaker)).toBeNull();
  });
});
