import { describe, expect, it } from 'vitest';
import { isSuggestionMark, newSuggestionId, suggestionKindOfKey } from './suggestions.js';
import { editorRules, markOfFormatKey } from './editor.js';

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
      expect([...(editorRules().marks.get(name)?.attrs.keys() ?? [])].sort()).toEqual(['by', 'id']);
    }
  });
});
