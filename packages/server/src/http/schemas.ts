import { z } from '@hono/zod-openapi';
import {
  GENDERS,
  LANGUAGES,
  MEETING_STATUSES,
  ORG_TYPES,
  ROLES,
  type Meeting,
  type Member,
  type Same,
  type SessionInfo,
  type User,
} from '@kenes/shared';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords.js';

/**
 * The zod schemas of the accounts and membership API. Routes validate with
 * them and the OpenAPI document is generated from them, so the two cannot
 * drift. Times are epoch milliseconds throughout.
 */

/** `{ error: { code, message } }`, the body of every error. */
export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

/**
 * A self-declared gender to store: one of `GENDERS`, or null for no answer.
 * Free text is refused (accounts that hold an older free-text value keep it
 * until they change it).
 */
const GenderInput = z.enum(GENDERS).nullable().optional().openapi({
  description:
    'optional; only aggregate speaking-time statistics use it (`prefer_not_to_say` counts as undeclared)',
});

/** A new password: the length bounds of `auth/passwords.ts` (common ones are refused by the route). */
const NewPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

/** An e-mail, trimmed and lower-cased before it is checked (one account per address). */
export const Email = z.string().trim().toLowerCase().max(254).email();

/** An account as its owner sees it (no password hash). */
export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    organisation: z.string(),
    orgType: z.enum(ORG_TYPES),
    language: z.enum(LANGUAGES),
    gender: z.string().nullable().openapi({
      description:
        'one of `woman`, `man`, `another`, `prefer_not_to_say`, or null; older accounts may hold free text',
    }),
    createdAt: z.number().int(),
  })
  .openapi('User');

/** `POST /auth/signup`. */
export const SignupSchema = z
  .object({
    email: Email,
    password: NewPassword,
    name: z.string().trim().min(1).max(120),
    organisation: z.string().trim().min(1).max(200),
    orgType: z.enum(ORG_TYPES),
    language: z.enum(LANGUAGES).optional(),
    /** Self-declared, optional; only aggregate speaking-time figures use it. */
    gender: GenderInput,
  })
  .openapi('Signup');

/** `PATCH /me`: the profile fields a user may change; at least one. */
export const UpdateMeSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    organisation: z.string().trim().min(1).max(200).optional(),
    orgType: z.enum(ORG_TYPES).optional(),
    language: z.enum(LANGUAGES).optional(),
    gender: GenderInput,
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one field to change' })
  .openapi('UpdateMe');

/** `POST /auth/login`. No format rules beyond size: a bad guess gets the same answer as any other. */
export const LoginSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(320),
    password: z.string().max(PASSWORD_MAX),
  })
  .openapi('Login');

/** `POST /me/password`. */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().max(PASSWORD_MAX),
    newPassword: NewPassword,
  })
  .strict()
  .openapi('ChangePassword');

/** One of the caller's sessions (`SessionInfo`): never its token nor its stored key. */
export const SessionInfoSchema = z
  .object({
    id: z.string().openapi({ description: 'opaque; names the session to sign out' }),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    mobile: z.boolean(),
    current: z.boolean(),
  })
  .openapi('SessionInfo');

/** `{ sessions }`. */
export const SessionsResponseSchema = z
  .object({ sessions: z.array(SessionInfoSchema) })
  .openapi('Sessions');

/** Path parameter `{id}` (a session's opaque id). */
export const SessionParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** `{ user }`. */
export const UserResponseSchema = z.object({ user: UserSchema }).openapi('UserResponse');

/** A meeting with the caller's role in it. */
export const MeetingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    startsAt: z.number().int().nullable(),
    venue: z.string(),
    createdBy: z.string(),
    createdAt: z.number().int(),
    status: z.enum(MEETING_STATUSES),
    role: z.enum(ROLES),
    organisation: z
      .string()
      .optional()
      .openapi({
        description:
          "The caller's organisation in this meeting (fixed at join, changed by a chair); " +
          'given by `GET /meetings/{id}` and on creation',
      }),
    organisationKey: z
      .string()
      .optional()
      .openapi({
        description:
          'what that organisation is compared by (Unicode normalisation and confusable folding): ' +
          'equal to the `key` the server writes into each of its endorsements',
      }),
    orgType: z.enum(ORG_TYPES).optional(),
  })
  .openapi('Meeting');

/** `POST /meetings`. */
export const CreateMeetingSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    startsAt: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .optional()
      .openapi({ description: 'epoch ms' }),
  })
  .openapi('CreateMeeting');

/** One member: the identity other members see (no e-mail, no gender). */
export const MemberSchema = z
  .object({
    userId: z.string(),
    role: z.enum(ROLES),
    joinedAt: z.number().int(),
    name: z.string(),
    organisation: z.string(),
    orgType: z.enum(ORG_TYPES),
  })
  .openapi('Member');

// Compile-time checks: the answer schemas describe the shared types the client reads (see `Same`).
const _userMatch: Same<z.infer<typeof UserSchema>, User> = true;
const _meetingMatch: Same<z.infer<typeof MeetingSchema>, Meeting> = true;
const _memberMatch: Same<z.infer<typeof MemberSchema>, Member> = true;
const _sessionMatch: Same<z.infer<typeof SessionInfoSchema>, SessionInfo> = true;

/** `PATCH /meetings/{id}/members/{userId}`. */
export const ChangeRoleSchema = z.object({ role: z.enum(ROLES) }).openapi('ChangeRole');

/** `POST /meetings/{id}/invites`. Without `expiresInHours` an invite lasts 7 days. */
export const CreateInviteSchema = z
  .object({
    role: z.enum(ROLES),
    maxUses: z.number().int().min(1).max(10_000).optional(),
    expiresInHours: z
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
  })
  .openapi('CreateInvite');

/** The created invite. `token` is shown once: only its hash is stored (the `id`). */
export const InviteCreatedSchema = z
  .object({
    id: z.string(),
    token: z.string(),
    url: z.string(),
    role: z.enum(ROLES),
    maxUses: z.number().int().nullable(),
    expiresAt: z.number().int().nullable(),
  })
  .openapi('InviteCreated');

/** `POST /invites/{token}/accept`: the meeting joined and the role now held. */
export const InviteAcceptedSchema = z
  .object({ meetingId: z.string(), role: z.enum(ROLES) })
  .openapi('InviteAccepted');

/** Path parameter `{id}` (a meeting). */
export const MeetingParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** Path parameters `{id}` and `{userId}`. */
export const MemberParams = MeetingParams.extend({
  userId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'userId', in: 'path' } }),
});

/** Path parameter `{token}` (an invite). */
export const InviteParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

/** A JSON request body, required (so a missing Content-Type is refused, not skipped). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** A JSON response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The error responses a route may give, by status. */
export function errors(
  ...statuses: Array<400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 502 | 503>
) {
  const out: Partial<Record<number, ReturnType<typeof jsonResponse<typeof ErrorSchema>>>> = {};
  for (const s of statuses) out[s] = jsonResponse(ErrorSchema, `error (${s})`);
  return out;
}
