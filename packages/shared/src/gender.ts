/**
 * Self-declared gender: the values an account may choose, declared once for
 * the sign-up and profile forms, the server's validation and the speaking-time
 * statistics. Optional: `null` means the person did not answer.
 *
 * Accounts made before this list existed may hold a free-text value (any
 * string up to 50 characters); it stays readable and is still counted, but
 * only these values can be written from now on.
 */
export const GENDERS = ['woman', 'man', 'another', 'prefer_not_to_say'] as const;
/** One of {@link GENDERS}. */
export type Gender = (typeof GENDERS)[number];

/** The answer of someone who chose not to say: never counted as a gender group. */
export const GENDER_NOT_SAID: Gender = 'prefer_not_to_say';

/**
 * Fewest speakers with a declared gender for a meeting's statistics to show a
 * breakdown by gender, and fewest speakers any shown gender group may hold.
 * The server's statistics apply it; the profile and sign-up pages state it.
 */
export const GENDER_STATS_MIN_SPEAKERS = 3;

/** True when `value` is one of {@link GENDERS}. */
export function isGender(value: unknown): value is Gender {
  return typeof value === 'string' && (GENDERS as readonly string[]).includes(value);
}

/**
 * The gender the statistics count a person under, or null when they count as
 * undeclared: no answer, a blank one, or "prefer not to say". Legacy free-text
 * values are kept as written (trimmed).
 *
 * @example statsGender('prefer_not_to_say') // null
 */
export function statsGender(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && v !== GENDER_NOT_SAID ? v : null;
}
