import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './MeetingDetails.js';

describe('the date field of the meeting details', () => {
  it('round-trips a time through the datetime-local value, to the minute', () => {
    const at = new Date(2026, 2, 12, 10, 30).getTime();
    expect(toLocalInput(at)).toBe('2026-03-12T10:30');
    expect(fromLocalInput('2026-03-12T10:30')).toBe(at);
  });

  it('treats an empty or broken value as no date', () => {
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});
