import { describe, expect, it } from 'vitest';
import type { MeetingInfo } from '@kenes/shared';
import { displayState } from './displayState.js';

const meeting = (over: Partial<MeetingInfo>): MeetingInfo => ({
  title: 'M',
  status: 'live',
  currentItemId: null,
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

describe('displayState', () => {
  it('says where the meeting is', () => {
    expect(displayState(meeting({ status: 'scheduled' }))).toBe('notStarted');
    // Between items a live meeting is not "not started".
    expect(displayState(meeting({ status: 'live' }))).toBe('noItem');
    expect(displayState(meeting({ status: 'live', currentItemId: 'a' }))).toBeNull();
    expect(displayState(meeting({ status: 'adjourned', currentItemId: 'a' }))).toBe('adjourned');
    expect(displayState(meeting({ status: 'closed' }))).toBe('closed');
  });
});
