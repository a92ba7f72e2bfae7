import { describe, expect, it } from 'vitest';
import type { Endorsement } from '@kenes/shared';
import { endorsementOf } from './endorsement.js';

const undp: Endorsement = { userId: 'u', organisation: 'UNDP', orgType: 'international', at: 1 };

describe('endorsementOf (the endorse button)', () => {
  it('finds my organisation as the server keys it, not letter for letter', () => {
    // Issue 14: "UNDP" vs "undp " offered an endorsement the server then refused.
    expect(endorsementOf([undp], 'undp ')).toBe(undp);
    expect(endorsementOf([undp], 'UN\u200bDP')).toBe(undp);
    expect(endorsementOf([undp], 'UNDР')).toBe(undp); // Cyrillic Р
    expect(
      endorsementOf(
        [{ ...undp, organisation: 'Union of  Crisis Centres' }],
        'union of crisis centres',
      ),
    ).toBeDefined();
  });

  it('does not mistake another organisation for mine', () => {
    expect(endorsementOf([undp], 'UNEP')).toBeUndefined();
    expect(endorsementOf([], 'UNDP')).toBeUndefined();
  });
});
