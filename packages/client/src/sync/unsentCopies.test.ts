import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearUnsentCopies,
  dismissUnsentCopy,
  keepUnsentCopies,
  loadUnsentCopies,
} from './unsentCopies.js';

const text = (t: string) => ({ recId: 'r1', title: 'Shelters', text: t });

describe('unsent copies', () => {
  beforeEach(() => localStorage.clear());

  it('keeps each refused version of a text, once, per account and meeting', () => {
    keepUnsentCopies('u1', 'm1', [text('Agreed. First try.')], 1);
    keepUnsentCopies('u1', 'm1', [text('Agreed. First try.')], 2);
    keepUnsentCopies('u1', 'm1', [text('Agreed. Second try.')], 3);
    expect(loadUnsentCopies('u1', 'm1').map((c) => [c.text, c.at])).toEqual([
      ['Agreed. First try.', 1],
      ['Agreed. Second try.', 3],
    ]);
    expect(loadUnsentCopies('u2', 'm1')).toEqual([]);
    expect(loadUnsentCopies('u1', 'm2')).toEqual([]);
  });

  it('discards one copy, and every copy of an account on sign-out', () => {
    keepUnsentCopies('u1', 'm1', [text('a')], 1);
    keepUnsentCopies('u1', 'm1', [text('b')], 2);
    keepUnsentCopies('u1', 'm2', [text('c')], 3);
    keepUnsentCopies('u2', 'm1', [text('d')], 4);
    dismissUnsentCopy('u1', 'm1', 'r1', 1);
    expect(loadUnsentCopies('u1', 'm1').map((c) => c.text)).toEqual(['b']);
    clearUnsentCopies('u1');
    expect(loadUnsentCopies('u1', 'm1')).toEqual([]);
    expect(loadUnsentCopies('u1', 'm2')).toEqual([]);
    expect(loadUnsentCopies('u2', 'm1').map((c) => c.text)).toEqual(['d']);
  });
});
