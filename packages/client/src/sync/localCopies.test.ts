import { describe, expect, it } from 'vitest';
import { isLocalCopyOf, localCopyName } from './localCopies.js';

describe('local copies belong to one account', () => {
  it('names a copy by account and meeting', () => {
    expect(localCopyName('u1', 'm1')).toBe('kenes:u1:m1');
  });

  it('on leaving, takes that account’s copies and ownerless old ones, never another’s', () => {
    expect(isLocalCopyOf('kenes:u1:m1', 'u1')).toBe(true);
    expect(isLocalCopyOf('kenes:m1', 'u1')).toBe(true);
    expect(isLocalCopyOf('kenes:u2:m1', 'u1')).toBe(false);
    expect(isLocalCopyOf('other-app', 'u1')).toBe(false);
    expect(isLocalCopyOf('kenes:', 'u1')).toBe(false);
  });
});
