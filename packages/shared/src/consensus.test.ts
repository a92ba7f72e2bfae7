import { describe, expect, it } from 'vitest';
import { consensusSummary } from './consensus.js';
import type { Position } from './doc/shapes.js';

const pos = (
  organisation: string,
  orgType: Position['orgType'],
  kind: Position['kind'],
): Position => ({
  organisation,
  key: organisation.toLowerCase(),
  orgType,
  kind,
  text: kind === 'reservation' || kind === 'objects' ? 'because' : '',
  userId: `u-${organisation}`,
  name: organisation,
  at: 1,
});

describe('consensusSummary', () => {
  it('groups positions by organisation type and lists who present has none', () => {
    const positions = [
      pos('Ministry of Justice', 'government', 'supports'),
      pos('Kadir-Kasiyet', 'ngo', 'objects'),
      pos('Ombudsman', 'nhri', 'reservation'),
    ];
    const s = consensusSummary(positions, [
      { organisation: 'Ministry of Justice', orgType: 'government' },
      { organisation: ' ministry  of justice', orgType: 'government' }, // same, spelled loosely
      { organisation: 'Mazhilis', orgType: 'parliament' },
      { organisation: 'Mazhilis', orgType: 'parliament' }, // two members, one organisation
      { organisation: 'Feminita', orgType: 'ngo' },
    ]);
    expect(s.groups.map((g) => g.orgType)).toEqual(['government', 'parliament', 'nhri', 'ngo']);
    expect(s.groups[1]?.missing).toEqual([{ organisation: 'Mazhilis', orgType: 'parliament' }]);
    expect(s.groups[3]?.positions.map((p) => p.organisation)).toEqual(['Kadir-Kasiyet']);
    expect(s.missing.map((o) => o.organisation)).toEqual(['Feminita', 'Mazhilis']);
    expect(s.counts).toEqual({ supports: 1, can_accept: 0, reservation: 1, objects: 1 });
    expect(s.objecting.map((p) => p.organisation)).toEqual(['Kadir-Kasiyet']);
  });

  it('is empty with nobody present and no positions', () => {
    expect(consensusSummary([], [])).toEqual({
      groups: [],
      counts: { supports: 0, can_accept: 0, reservation: 0, objects: 0 },
      objecting: [],
      missing: [],
    });
  });
});
