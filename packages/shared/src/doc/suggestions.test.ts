import { describe, expect, it } from 'vitest';
import {
  isSuggestionMark,
  newSuggestionId,
  suggestionKindOfKey,
  suggestionMarkSignature,
} from './suggestions.js';
import { editorRules, formatProblem, markOfFormatKey } from './editor.js';

describe('suggestion marks', () => {
  it('ids are tied to their author and need no coordination', () => {
    const a = newSuggestionId('u1');
    const b = newSuggestionId('u1');
    expect(a).toMatch(/^u1:[a-z0-9]{12}$/);
    expect(a).not.toBe(b);
    expect(isSuggestionMark({ id: a, by: 'u1' })).toBe(true);
    expect(isSuggestionMark({ id: a, by: 'u2' })).toBe(false);
    expect(isSuggestionMark({ id: 'u1:', by: 'u1' })).toBe(false);
    expect(isSuggestionMark({ id: 'u1:a b', by: 'u1' })).toBe(false);
    expect(isSuggestionMark({ by: 'u1' })).toBe(false);
    expect(isSuggestionMark(null)).toBe(false);
  });

  it('are overlapping marks: one hashed format key per suggestion, typed attributes', () => {
    for (const name of ['insertion', 'deletion'] as const) {
      expect(markOfFormatKey(name)).toBeNull();
      expect(markOfFormatKey(`${name}--Ab3+/=x9`)?.name).toBe(name);
      expect(suggestionKindOfKey(`${name}--Ab3+/=x9`)).toBe(name);
      expect(suggestionKindOfKey(`${name}--short`)).toBeNull();
      expect([...(editorRules().marks.get(name)?.attrs.keys() ?? [])].sort()).toEqual([
        'at',
        'by',
        'id',
      ]);
    }
  });

  it('carry a time: absent or null on older marks, else whole epoch ms', () => {
    const mark = { id: 'u1:abc', by: 'u1' };
    for (const at of [undefined, null, 0, Date.UTC(2030, 0, 15, 12, 41)])
      expect(isSuggestionMark({ ...mark, at }), String(at)).toBe(true);
    for (const at of ['12:41', 1.5, -1, Number.NaN, Infinity, 9e15, {}])
      expect(isSuggestionMark({ ...mark, at }), String(at)).toBe(false);
    // The guard's schema check: what the binding writes (null included) passes, nothing else.
    const paragraph = editorRules().nodes.get('paragraph')!;
    const key = 'insertion--Ab3+/=x9';
    expect(formatProblem(key, { ...mark, at: null }, paragraph)).toBeNull();
    expect(formatProblem(key, { ...mark, at: 1_900_000_000_000 }, paragraph)).toBeNull();
    expect(formatProblem(key, { ...mark, at: '12:41' }, paragraph)).toMatch(/attribute 'at'/);
    expect(formatProblem(key, { ...mark, at: -5 }, paragraph)).toMatch(/attribute 'at'/);
  });

  it('a missing time and a null one are the same mark; another time is another', () => {
    const mark = { id: 'u1:abc', by: 'u1' };
    expect(suggestionMarkSignature(mark)).toBe(suggestionMarkSignature({ ...mark, at: null }));
    expect(suggestionMarkSignature(mark)).not.toBe(suggestionMarkSignature({ ...mark, at: 1 }));
    expect(suggestionMarkSignature({ ...mark, at: 1 })).not.toBe(
      suggestionMarkSignature({ ...mark, at: 2 }),
    );
  });
});
