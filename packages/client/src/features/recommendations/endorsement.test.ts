import { describe, expect, it } from 'vitest';
import { organisationKey, type Endorsement } from '@kenes/shared';
import { endorsementOf } from './endorsement.js';

/** An endorsement as the server writes it: with the organisation's key. */
const undp: Endorsement = {
  userId: 'u',
  organisation: 'UNDP',
  key: organisationKey('UNDP'),
  orgType: 'international',
  at: 1,
};
/** Me, as `GET /api/meetings/:id` describes me: my meeting organisation and its key. */
const me = (organisation: string) => ({
  organisation,
  organisationKey: organisationKey(organisation),
});

describe('endorsementOf (the endorse button)', () => {
  it('finds my organisation by the key the server computed, not letter for letter', () => {
    // Issue 14: "UNDP" vs "undp " offered an endorsement the server then refused.
    expect(endorsementOf([undp], me('undp '))).toBe(undp);
    expect(endorsementOf([undp], me('UN\u200bDP'))).toBe(undp);
    expect(endorsementOf([undp], me('UNDР'))).toBe(undp); // Cyrillic Р
  });

  it('does not mistake another organisation for mine', () => {
    expect(endorsementOf([undp], me('UNEP'))).toBeUndefined();
    expect(endorsementOf([], me('UNDP'))).toBeUndefined();
  });

  it('endorsements or servers without keys: compared without invisible characters, spacing and case', () => {
    const old: Endorsement = { ...undp, organisation: 'Union of  Crisis Centres' };
    delete old.key;
    expect(endorsementOf([old], me('union of crisis centres'))).toBe(old);
    expect(endorsementOf([undp], { organisation: ' un\u200bdp' })).toBe(undp);
    expect(endorsementOf([old], { organisation: 'UNDP' })).toBeUndefined();
  });
});
