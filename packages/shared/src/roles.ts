/**
 * Roles a member holds in one meeting. The permission table (`can`) lives
 * here too so that HTTP, sync and the UI share one rule set.
 */
export const ROLES = ['chair', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** True when `value` is a role name. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
