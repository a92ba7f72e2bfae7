import { describe, expect, it } from 'vitest';
import { durationText, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads m:ss and whole minutes within bounds', () => {
    expect(parseDuration('1:00', 10, 3600)).toBe(60);
    expect(parseDuration(' 0:45 ', 10, 3600)).toBe(45);
    expect(parseDuration('2', 10, 3600)).toBe(120);
    expect(parseDuration('60:00', 10, 3600)).toBe(3600);
  });
  it('refuses what is not a duration or is out of bounds', () => {
    for (const bad of [
      '',
      'abc',
      '1:5',
      '1:60',
      '-1:00',
      '1.5',
      '0:05',
      '60:01',
      '1:00:00',
      '99999',
    ])
      expect(parseDuration(bad, 10, 3600), bad).toBeNull();
  });
  it('writes what it reads', () => {
    for (const s of [10, 60, 95, 3600, 86400])
      expect(parseDuration(durationText(s), 0, 1e6)).toBe(s);
  });
});
