import { describe, expect, it } from 'vitest';
import { weakPassword } from './commonPasswords.js';

describe('weakPassword', () => {
  it('refuses the issue’s examples and other common ones', () => {
    expect(weakPassword('password1234')).toBe('common');
    expect(weakPassword('PASSWORD1234')).toBe('common');
    expect(weakPassword('123456789012')).toBe('common');
    expect(weakPassword('qwerty123456')).toBe('common');
    expect(weakPassword(' '.repeat(12))).toBe('repetitive');
    expect(weakPassword('aaaaaaaaaaaa')).toBe('repetitive');
    expect(weakPassword('abababababab')).toBe('repetitive');
  });

  it('accepts ordinary long passphrases', () => {
    expect(weakPassword('correct horse battery')).toBeNull();
    expect(weakPassword('Кеңес жиналысы 2026')).toBeNull();
  });
});
