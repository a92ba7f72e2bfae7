import { describe, expect, it } from 'vitest';
import { GENDERS, isGender, statsGender } from './gender.js';

describe('gender', () => {
  it('accepts exactly the declared values', () => {
    for (const g of GENDERS) expect(isGender(g)).toBe(true);
    for (const v of ['female', 'Woman', '', null, undefined, 3]) expect(isGender(v)).toBe(false);
  });

  it('counts "prefer not to say" and blanks as undeclared, keeps legacy values', () => {
    expect(statsGender('prefer_not_to_say')).toBeNull();
    expect(statsGender(null)).toBeNull();
    expect(statsGender('   ')).toBeNull();
    expect(statsGender('woman')).toBe('woman');
    expect(statsGender(' female ')).toBe('female');
  });
});
