/** SQLSTATE of a unique-constraint violation. */
const UNIQUE_VIOLATION = '23505';

/** Is `err` a Postgres unique violation (optionally of one constraint)? */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}
