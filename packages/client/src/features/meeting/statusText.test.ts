import { describe, expect, it } from 'vitest';
import { statusText } from './statusText.js';

describe('statusText', () => {
  it('names each status', () => {
    expect(statusText('synced', null)).toBe('Synced');
    expect(statusText('connecting', null)).toBe('Connecting…');
  });
  it('explains a refusal with its code and reason', () => {
    expect(statusText('offline', { code: 4401, reason: 'session required', terminal: true })).toBe(
      'Offline: sign-in needed (4401 session required)',
    );
    expect(statusText('offline', { code: 1006, reason: '', terminal: false })).toBe(
      'Offline (1006)',
    );
  });
});
