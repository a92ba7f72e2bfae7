import { describe, expect, it } from 'vitest';
import { diffRecommendations, textDiff, type ComparableRecommendation } from './versionDiff.js';

const rec = (
  id: string,
  text: string,
  over: Partial<ComparableRecommendation> = {},
): ComparableRecommendation => ({
  id,
  title: `Title ${id}`,
  status: 'draft',
  text,
  ...over,
});

describe('textDiff', () => {
  it('splits into equal, removed and added words that rebuild both texts', () => {
    const before = 'The State shall adopt a law.\nQuotas';
    const after = 'The State must adopt a strong law.\nQuotas by 2030';
    const d = textDiff(before, after);
    expect(
      d
        .filter((s) => s.op !== 'added')
        .map((s) => s.text)
        .join(''),
    ).toBe(before);
    expect(
      d
        .filter((s) => s.op !== 'removed')
        .map((s) => s.text)
        .join(''),
    ).toBe(after);
    expect(d.filter((s) => s.op === 'removed').map((s) => s.text.trim())).toEqual(['shall']);
    expect(
      d
        .filter((s) => s.op === 'added')
        .map((s) => s.text)
        .join(' ')
        .split(/\s+/)
        .filter(Boolean),
    ).toEqual(['must', 'strong', 'by', '2030']);
    expect(textDiff('same', 'same')).toEqual([{ op: 'equal', text: 'same' }]);
    expect(textDiff('', '')).toEqual([]);
  });
});

describe('diffRecommendations', () => {
  it('names changed, unchanged, added and removed recommendations', () => {
    const d = diffRecommendations(
      [rec('r1', 'Adopt a law'), rec('r2', 'Keep'), rec('r3', 'Gone soon')],
      [
        rec('r1', 'Adopt a new law', { status: 'agreed', title: 'Renamed' }),
        rec('r2', 'Keep'),
        rec('r4', 'Fresh'),
      ],
    );
    expect(d.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(d.recommendations.map((r) => [r.id, r.change])).toEqual([
      ['r1', 'changed'],
      ['r2', 'unchanged'],
      ['r4', 'added'],
      ['r3', 'removed'],
    ]);
    const r1 = d.recommendations[0]!;
    expect(r1).toMatchObject({
      title: 'Renamed',
      titleBefore: 'Title r1',
      statusBefore: 'draft',
      statusAfter: 'agreed',
      removedChars: 0,
    });
    expect(
      r1.segments
        .filter((s) => s.op === 'added')
        .map((s) => s.text)
        .join(''),
    ).toBe('new ');
    expect(r1.addedChars).toBe(4);
    expect(d.recommendations[2]!.segments).toEqual([{ op: 'added', text: 'Fresh' }]);
    expect(d.recommendations[3]).toMatchObject({
      statusAfter: null,
      segments: [{ op: 'removed', text: 'Gone soon' }],
      removedChars: 9,
    });
  });
});
