import { isGender, type Gender, type Language, type OrgType } from '@kenes/shared';
import type { User } from '@kenes/shared';
import type { ProfilePatch } from '../../api/types.js';

/**
 * The gender select's value for a free-text answer an account kept from
 * before the fixed list: shown as written, never sent back (the server takes
 * only `GENDERS`), so saving other fields leaves it as it is.
 */
export const KEPT_GENDER = 'kept';

/** The select's value for "not answered" (null on the account). */
export const NO_GENDER = '';

/** What the gender select can hold. */
export type GenderChoice = Gender | typeof NO_GENDER | typeof KEPT_GENDER;

/** The profile form's fields, as typed. */
export interface ProfileFields {
  name: string;
  organisation: string;
  orgType: OrgType;
  language: Language;
  gender: GenderChoice;
}

/** The select's value for an account's stored gender. */
export function genderChoice(gender: string | null): GenderChoice {
  if (gender === null) return NO_GENDER;
  return isGender(gender) ? gender : KEPT_GENDER;
}

/** The gender a choice stores: null for "not answered"; undefined when nothing is to change. */
export function genderOfChoice(choice: GenderChoice): Gender | null | undefined {
  if (choice === KEPT_GENDER) return undefined;
  return choice === NO_GENDER ? null : choice;
}

/** The form filled from the account. */
export function fieldsOf(user: User): ProfileFields {
  return {
    name: user.name,
    organisation: user.organisation,
    orgType: user.orgType,
    language: user.language,
    gender: genderChoice(user.gender),
  };
}

/**
 * What to send to `PATCH /api/me`: only the fields that differ from the
 * account (names trimmed, as the server stores them), or null when nothing
 * changed. A kept free-text gender is never sent.
 *
 * @example profilePatch(user, { ...fieldsOf(user), gender: 'woman' }) // { gender: 'woman' }
 */
export function profilePatch(user: User, fields: ProfileFields): ProfilePatch | null {
  const patch: ProfilePatch = {};
  const name = fields.name.trim();
  const organisation = fields.organisation.trim();
  if (name !== user.name) patch.name = name;
  if (organisation !== user.organisation) patch.organisation = organisation;
  if (fields.orgType !== user.orgType) patch.orgType = fields.orgType;
  if (fields.language !== user.language) patch.language = fields.language;
  const gender = genderOfChoice(fields.gender);
  if (gender !== undefined && gender !== user.gender) patch.gender = gender;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Why a new password cannot be sent yet, or null: what the browser can tell before the server. */
export function newPasswordProblem(
  newPassword: string,
  repeated: string,
  current: string,
): 'mismatch' | 'same' | null {
  if (newPassword !== repeated) return 'mismatch';
  if (newPassword === current) return 'same';
  return null;
}
