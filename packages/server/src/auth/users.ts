import type { User } from '@kenes/shared';
import type { UserRow } from '../store/Store.js';

/**
 * An account as the API shows it to its owner: everything but the password
 * hash. The shape is shared's `User` (what the client reads).
 */
export type PublicUser = User;

/**
 * Strips a stored user to {@link PublicUser}. Built field by field (not by
 * deleting `passwordHash`) so a column added later stays private until listed.
 */
export function toPublicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    organisation: u.organisation,
    orgType: u.orgType,
    language: u.language,
    gender: u.gender,
    createdAt: u.createdAt,
  };
}

/** Trims and lower-cases an e-mail: one account per address whatever its spelling. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
