import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, MIN_MATCH, matchMoved } from './matchMoved.js';

/** The matched stretches as `inserted text ← deleted index:offset`. */
const show = (inserted: string[], deleted: string[]) =>
  matchMoved(inserted, deleted).map(
    (m) => `${inserted[m.run]!.slice(m.from, m.to)} ← ${m.seg}:${m.segFrom}`,
  );

describe('matchMoved', () => {
  it('finds a verbatim copy, across several deleted texts, in order', () => {
    expect(show(['Second NGO sentence.'], ['Second NGO sentence.'])).toEqual([
      'Second NGO sentence. ← 0:0',
    ]);
    // Two moved paragraphs re-inserted as one run (consecutive items of one client).
    expect(show(['Beta text.Alpha text.'], ['Alpha text.', 'Beta text.'])).toEqual([
      'Beta text. ← 1:0',
      'Alpha text. ← 0:0',
    ]);
  });

  it('never lets a stretch run over the end of a deleted text', () => {
    expect(show(['abcdef'], ['abc', 'def'])).toEqual(['abc ← 0:0', 'def ← 1:0']);
  });

  it('skips what is new and keeps what was moved around it', () => {
    expect(show(['The State shall NOT adopt it'], ['The State shall adopt it'])).toEqual([
      'The State shall  ← 0:0',
      ' adopt it ← 0:15',
    ]);
  });

  it(`credits a text shorter than ${MIN_MATCH} only when it is a whole deleted text`, () => {
    expect(show(['e.'], ['e.'])).toEqual(['e. ← 0:0']);
    // One letter typed over a selected word is the typist's.
    expect(show(['w'], ['women'])).toEqual([]);
    expect(show(['ab'], ['abc'])).toEqual([]);
    // Inside a longer text, short coincidences are not credited…
    expect(show(['xx ab yy'], ['ab'])).toEqual([]);
    // …but a whole short deleted text next to a moved stretch is (two paragraphs moved as one run).
    expect(show(['wof State a law'], ['of State a law', 'w'])).toEqual([
      'w ← 1:0',
      'of State a law ← 0:0',
    ]);
  });

  it('stays bounded on repetitive text', () => {
    const deleted = ['a'.repeat(50_000)];
    const inserted = ['a'.repeat(49_999) + 'b'];
    const started = performance.now();
    const m = matchMoved(inserted, deleted);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(m).toEqual([{ run: 0, from: 0, to: 49_999, seg: 0, segFrom: 0 }]);
    expect(MAX_CANDIDATES).toBeGreaterThan(0);
  });
});
