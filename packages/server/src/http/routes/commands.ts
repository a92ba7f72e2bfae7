import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { COMMAND_TYPES, ErrorCode, can, type AuditEntry, type Same } from '@kenes/shared';
import { createAuditLog } from '../../audit/auditLog.js';
import { refusalPayload } from '../../audit/payloads.js';
import { runCommand } from '../../commands/runCommand.js';
import type { Store } from '../../store/Store.js';
import type { RoomAccess } from '../../sync/interfaces.js';
import { AppError } from '../errors.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, jsonResponse, MeetingParams } from '../schemas.js';
import type { AcceptedVersion } from '../../versions/saveVersion.js';
import { RateLimiter, type RateBudget } from '../limits/RateLimiter.js';

/** Largest command body accepted, bytes: commands are small; a title is at most 200 characters. */
export const COMMAND_BODY_LIMIT = 16 * 1024;
/** Default command budget of one member in one meeting: a chair clicks fast, never 10 a second for long. */
export const DEFAULT_COMMAND_RATE: RateBudget = { perSecond: 5, burst: 30 };

/** What `version.save` hands to the version store once the command is accepted. */
export type VersionToSave = AcceptedVersion;

/** Dependencies of {@link commandRoutes}. */
export interface CommandRouteDeps {
  /** Serialized, committed, broadcast writes to meeting documents. */
  rooms: RoomAccess;
  store: Store;
  /** Server clock, epoch ms: command times and `GET /api/time`. */
  now: () => number;
  /** Id source for new records (default: random UUIDs). */
  ids?: () => string;
  /**
   * Stores a saved version; what it resolves with is added to the answer
   * (e.g. `{ versionId }`). Without it `version.save` answers 503.
   */
  saveVersion?: (version: VersionToSave) => Promise<Record<string, unknown> | void>;
  /** Commands per member and meeting (default {@link DEFAULT_COMMAND_RATE}); over it: 429. */
  rate?: RateBudget;
}

/** What the route needs of the API kit (`ApiKit` of `http/api.ts`). */
export interface CommandRouteKit {
  requireUser: MiddlewareHandler<AuthEnv>;
}

const security = [{ cookieAuth: [] }];

const CommandAccepted = z
  .object({
    ok: z.literal(true),
    entryId: z.string().optional(),
    itemId: z.string().optional(),
    recId: z.string().optional(),
    label: z.string().optional(),
    title: z.string().optional().openapi({ description: 'title of what was removed or restored' }),
  })
  .openapi('CommandAccepted');

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    meetingId: z.string(),
    userId: z.string().nullable(),
    action: z.string(),
    payload: z.string().openapi({
      description: 'the command as JSON (a short summary when refused)',
    }),
    result: z.string().openapi({ description: "'ok' or the error code" }),
    at: z.number().int().openapi({ description: 'epoch ms; of the first one when folded' }),
    count: z.number().int().openapi({
      description: 'refusals of one member, action and result within a minute share one row',
    }),
  })
  .openapi('AuditEntry');

// Compile-time check: the schema describes the shared type the audit route returns (see `Same`).
const _auditEntryMatch: Same<z.infer<typeof AuditEntrySchema>, AuditEntry> = true;

const postCommand = createRoute({
  method: 'post',
  path: '/meetings/{id}/commands',
  tags: ['commands'],
  summary: 'Apply one meeting command',
  description:
    'Body: `{ "type": …, …fields }`, one of ' +
    COMMAND_TYPES.map((t) => `\`${t}\``).join(', ') +
    '. Fields are those of the zod schemas in packages/shared (commands.ts). ' +
    '400 `unknown_command` / `validation_failed`, 403 `forbidden`, 404 `not_found`, ' +
    '409 `invalid_state` / `list_closed` / `duplicate` / `meeting_closed`, ' +
    '409 `stale` (the entry or speaker the command names changed meanwhile: send what you see now), ' +
    '409 `confirmation_required` (ending an item would end a turn or waiting requests: ' +
    'say `endCurrentTurn` / `waitingRequests`; agreeing a text an organisation objects to: say ' +
    '`confirmObjections`), ' +
    '413 `payload_too_large` (over 16 KiB, refused before reading), ' +
    '429 `too_many_requests` with `Retry-After` (per member and meeting), ' +
    '503 `unavailable` when the database takes no writes (retry later).',
  security,
  // The body is validated by `parseCommand`, not here, so that an unknown type answers `unknown_command`.
  request: { params: MeetingParams },
  responses: {
    200: jsonResponse(CommandAccepted, 'accepted and applied'),
    ...errors(400, 401, 403, 404, 409, 413, 429, 503),
  },
});

const getTime = createRoute({
  method: 'get',
  path: '/time',
  tags: ['commands'],
  summary: "The server's clock, to correct the speaker timer for clock offset",
  security,
  responses: {
    200: jsonResponse(z.object({ now: z.number().int() }).openapi('ServerTime'), 'epoch ms'),
    ...errors(401),
  },
});

const getAudit = createRoute({
  method: 'get',
  path: '/meetings/{id}/audit',
  tags: ['commands'],
  summary: 'The audit log of a meeting, newest first, filterable by action and user (chair)',
  description:
    'One page of at most `limit` rows (default 100); the next page is asked with `beforeId` = ' +
    "the answer's `nextBeforeId` (null on the last page).",
  security,
  request: {
    params: MeetingParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).optional(),
      beforeId: z.coerce.number().int().min(1).optional(),
      action: z.string().min(1).max(60).optional().openapi({
        description: 'a command type (`queue.grant`) or a group without a dot (`queue`)',
      }),
      userId: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .openapi({ description: 'rows of this user only' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          entries: z.array(AuditEntrySchema),
          nextBeforeId: z.number().int().nullable().openapi({
            description: 'the cursor of the next (older) page, null when this was the last',
          }),
        })
        .openapi('AuditLog'),
      'entries',
    ),
    ...errors(401, 403, 404),
  },
});

/**
 * `POST /meetings/:id/commands`, `GET /time` and `GET /meetings/:id/audit`,
 * as a mount function for `createApi({ mount })`.
 *
 * The route is the transport only: the caller's membership gives the actor
 * (404 for a non-member, identity from the server's records), the rate limit
 * and the JSON body are checked here, and `commands/runCommand.ts` does the
 * rest (parse, role, transaction, after-commit effect, audit).
 *
 * @example createApi({ ..., mount: commandRoutes({ rooms, store, now: Date.now }) })
 */
export function commandRoutes(deps: CommandRouteDeps) {
  const { store, now } = deps;
  const audit = createAuditLog(store.audit);
  const service = { ...deps, audit };
  const limiter = new RateLimiter(deps.rate ?? DEFAULT_COMMAND_RATE, now);

  return (api: OpenAPIHono<AuthEnv>, kit: CommandRouteKit): void => {
    const auth = [kit.requireUser];
    const limit = bodyLimit({
      maxSize: COMMAND_BODY_LIMIT,
      onError: () => {
        throw new AppError(
          413,
          ErrorCode.payloadTooLarge,
          `A command is at most ${COMMAND_BODY_LIMIT} bytes`,
        );
      },
    });

    api.openapi({ ...postCommand, middleware: [...auth, limit] }, async (c) => {
      const { id: meetingId } = c.req.valid('param');
      const user = c.var.user;
      const { member } = await requireMember(store, meetingId, user.id);
      const refused = (action: string, payload: string, result: string) =>
        audit.record({ meetingId, userId: user.id, action, result, payload, at: now() });

      // Before the body is read: a flood is refused at the cost of a lookup.
      const allowed = limiter.take(`${meetingId}\n${user.id}`);
      if (!allowed.ok) {
        if (allowed.first)
          await refused('rate_limited', '{}', ErrorCode.tooManyRequests).catch(() => undefined);
        throw new AppError(429, ErrorCode.tooManyRequests, 'Too many commands; slow down', {
          'Retry-After': String(allowed.retryAfter),
        });
      }

      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        await refused('invalid', refusalPayload(null, false), ErrorCode.badRequest);
        throw new AppError(400, ErrorCode.badRequest, 'The body must be JSON');
      }
      const outcome = await runCommand(service, {
        meetingId,
        body,
        actor: {
          userId: user.id,
          name: user.name,
          // The meeting's organisation (fixed at join, changed by the chair), never the profile's.
          organisation: member.organisation,
          orgType: member.orgType,
          role: member.role,
        },
      });
      if (!outcome.ok) throw new AppError(outcome.status, outcome.code, outcome.message);
      return c.json({ ...outcome.answer, ok: true as const }, 200);
    });

    api.openapi({ ...getTime, middleware: auth }, (c) => c.json({ now: now() }, 200));

    api.openapi({ ...getAudit, middleware: auth }, async (c) => {
      const { id: meetingId } = c.req.valid('param');
      const { limit: max, beforeId, action, userId } = c.req.valid('query');
      const { member } = await requireMember(store, meetingId, c.var.user.id);
      if (!can(member.role, 'audit.read'))
        throw new AppError(403, ErrorCode.forbidden, 'Only a chair may read the audit log');
      const pageSize = max ?? 100;
      const entries: AuditEntry[] = await store.audit.list(meetingId, {
        limit: pageSize,
        ...(beforeId ? { beforeId } : {}),
        ...(action ? { action } : {}),
        ...(userId ? { userId } : {}),
      });
      const nextBeforeId = entries.length === pageSize ? (entries.at(-1)?.id ?? null) : null;
      return c.json({ entries, nextBeforeId }, 200);
    });
  };
}
