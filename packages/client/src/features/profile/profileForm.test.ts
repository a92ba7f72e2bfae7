import { describe, expect, it } from 'vitest';
import type { User } from '@kenes/shared';
import {
  KEPT_GENDER,
  NO_GENDER,
  fieldsOf,
  genderChoice,
  newPasswordProblem,
  profilePatch,
} from './profileForm.js';

const user: User = {
  id: 'u1',
  email: 'dana@kenes.test',
  name: 'Dana',
  organisation: 'Women NGO',
  orgType: 'ngo',
  language: 'kk',
  gender: null,
  createdAt: 1,
};

describe('profilePatch', () => {
  it('sends nothing when nothing changed, whitespace included', () => {
    expect(profilePatch(user, fieldsOf(user))).toBeNull();
    expect(profilePatch(user, { ...fieldsOf(user), name: '  Dana ' })).toBeNull();
  });

  it('sends only the fields that changed, trimmed', () => {
    expect(
      profilePatch(user, {
        ...fieldsOf(user),
        organisation: ' Ombudsman Office ',
        orgType: 'nhri',
        gender: 'prefer_not_to_say',
      }),
    ).toEqual({ organisation: 'Ombudsman Office', orgType: 'nhri', gender: 'prefer_not_to_say' });
  });

  it('clears a gender with "not answered"', () => {
    const declared = { ...user, gender: 'woman' };
    expect(profilePatch(declared, { ...fieldsOf(declared), gender: NO_GENDER })).toEqual({
      gender: null,
    });
  });

  it('never sends back a free-text gender kept from before the list, but can replace it', () => {
    const legacy = { ...user, gender: 'female' };
    expect(fieldsOf(legacy).gender).toBe(KEPT_GENDER);
    expect(profilePatch(legacy, { ...fieldsOf(legacy), language: 'ru' })).toEqual({
      language: 'ru',
    });
    expect(profilePatch(legacy, { ...fieldsOf(legacy), gender: 'woman' })).toEqual({
      gender: 'woman',
    });
  });

  it('maps stored genders to the select', () => {
    expect(genderChoice(null)).toBe(NO_GENDER);
    expect(genderChoice('another')).toBe('another');
    expect(genderChoice('non-binary')).toBe(KEPT_GENDER);
  });
});

describe('newPasswordProblem', () => {
  it('catches a mistyped repetition and an unchanged password before the server does', () => {
    expect(newPasswordProblem('a new passphrase', 'a new passphrasE', 'old one')).toBe('mismatch');
    expect(newPasswordProblem('same old words', 'same old words', 'same old words')).toBe('same');
    expect(newPasswordProblem('a new passphrase', 'a new passphrase', 'old one')).toBeNull();
  });
});
