/**
 * `true` when `A` and `B` are assignable to each other, else `false`: a
 * compile-time check that two descriptions of one shape agree, such as a
 * zod schema documenting a response (`z.infer<typeof Schema>`) and the
 * shared type the route returns. A field required on one side only, or
 * typed differently, makes it `false`; an optional field on one side only
 * does not.
 *
 * @example const _minutesMatch: Same<z.infer<typeof MinutesSchema>, Minutes> = true;
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
