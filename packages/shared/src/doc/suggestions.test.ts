import { describe, expect, it } from 'vitest';
import { isSuggestionMark, newSuggestionId } from './suggestions.js';
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

  it('are plain (non-hashed) format keys the guard knows, with typed attributes', () => {
    for (const name of ['insertion', 'deletion']) {
      const mark = markOfFormatKey(name);
      expect(mark?.name).toBe(name);
      expect([...(editorRules().marks.get(name)?.attrs.keys() ?? [])].sort()).toEqual(['by', 'id']);
    }
  });
});
