import { describe, expect, it } from 'vitest';
import type { PresentUser } from '../../sync/usePresence.js';
import { presentOrganisations } from './usePositions.js';

const person = (over: Partial<PresentUser>): PresentUser => ({
  clientId: 1,
  id: 'u',
  name: 'N',
  organisation: 'Org',
  orgType: 'ngo',
  role: 'participant',
  color: '#000000',
  isSelf: false,
  ...over,
});

describe('presentOrganisations', () => {
  it('keeps chairs and participants with a known organisation type, drops observers and junk', () => {
    expect(
      presentOrganisations([
        person({ organisation: 'Kadir-Kasiyet' }),
        person({ organisation: 'MFA', orgType: 'government', role: 'chair' }),
        person({ organisation: 'UNDP', orgType: 'international', role: 'observer' }),
        person({ organisation: '  ' }),
        person({ organisation: 'Odd', orgType: 'cabal' }),
        person({ organisation: 'Nobody', role: null }),
      ]),
    ).toEqual([
      { organisation: 'Kadir-Kasiyet', orgType: 'ngo' },
      { organisation: 'MFA', orgType: 'government' },
    ]);
  });
});
