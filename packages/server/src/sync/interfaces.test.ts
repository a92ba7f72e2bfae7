import { describe, expect, it } from 'vitest';
import { displayPrincipal, displayPrincipalId, mayEditTexts } from './interfaces.js';
import { testPrincipal } from '../test-support/testServer.js';

describe('principals', () => {
  it('a display link is its own narrow principal, never a person', () => {
    const p = displayPrincipal('ab12');
    expect(p).toMatchObject({
      kind: 'display',
      userId: 'display:ab12',
      role: 'observer',
      name: '',
    });
    expect(p.userId).toBe(displayPrincipalId('ab12'));
    // Its session id is no session: logout of anyone never matches it.
    expect(p.sessionId).toBe('display:ab12');
  });

  it('only members whose role may edit texts may write; a display never, whatever its role says', () => {
    expect(mayEditTexts(testPrincipal('u', { role: 'participant' }))).toBe(true);
    expect(mayEditTexts(testPrincipal('u', { role: 'chair' }))).toBe(true);
    expect(mayEditTexts(testPrincipal('u', { role: 'observer' }))).toBe(false);
    expect(mayEditTexts({ ...displayPrincipal('x'), role: 'chair' })).toBe(false);
  });
});
