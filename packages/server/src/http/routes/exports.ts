import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ErrorCode, LANGUAGES, OUTCOME_SCOPES, can } from '@kenes/shared';
import type { Store } from '../../store/Store.js';
import type { RoomAccess } from '../../sync/interfaces.js';
import {
  minutesMarkdown,
  outcomeMarkdown,
  type ExportOptions,
} from '../../outcome/exportMarkdown.js';
import { formatDateTime, isTimeZone } from '../../outcome/format.js';
import { scopeOutcome } from '../../outcome/outcomeScope.js';
import {
  loadLanguage,
  loadMinutes,
  loadOutcome,
  loadTrackedOutcome,
} from '../../outcome/sources.js';
import { AppError } from '../errors.js';
import { requireMember } from '../middleware/member.js';
import type { AuthEnv } from '../middleware/session.js';
import { errors, MeetingParams } from '../schemas.js';

/** Dependencies of {@link exportRoutes}. */
export interface ExportRouteDeps {
  store: Store;
  /** Reads the live meeting documents. */
  rooms: RoomAccess;
  /** Server clock, epoch ms (generation time, a current speaker's duration). */
  now: () => number;
}

/** What the route needs of the API kit (`ApiKit` of `http/api.ts`). */
export interface ExportRouteKit {
  requireUser: MiddlewareHandler<AuthEnv>;
}

/** The Word writer: docx is loaded on the first Word export, not with every server. */
const wordWriter = () => import('../../outcome/exportDocx.js');

/** The export formats and their media types. */
export const EXPORT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const ExportQuery = z.object({
  doc: z.enum(['outcome', 'minutes']).openapi({ description: 'which document' }),
  format: z.enum(['md', 'docx']).openapi({ description: 'Markdown or Word' }),
  lang: z
    .enum(LANGUAGES)
    .optional()
    .openapi({
      description:
        "language of the headings and labels; default: the account language of the meeting's creator while " +
        'they chair it, else of the longest-serving chair',
    }),
  scope: z.enum(OUTCOME_SCOPES).optional().openapi({
    description: 'outcome only: `all` recommendations (default) or `agreed` ones only',
  }),
  tracked: z
    .enum(['0', '1'])
    .optional()
    .openapi({
      description:
        'outcome as Word only: `1` carries the pending suggestions as Word tracked changes (`w:ins`/`w:del`, ' +
        "author: the suggesting member's meeting organisation); `0` (default) the clean text, where pending " +
        'insertions are left out and pending deletions stay as text',
    }),
  tz: z.string().max(64).refine(isTimeZone, 'unknown time zone').optional().openapi({
    description: 'IANA time zone of the clock times printed (default UTC)',
    example: 'Asia/Almaty',
  }),
});

const getExport = createRoute({
  method: 'get',
  path: '/meetings/{id}/export',
  tags: ['outcome'],
  summary: 'Download the outcome document or the minutes as Markdown or Word (any member)',
  description:
    'An attachment named after the meeting. 400 `validation_failed` for a missing or unknown `doc`, `format`, ' +
    '`lang`, `tz` or `tracked`, and for `tracked=1` with anything but `doc=outcome&format=docx`; 404 for a non-member.',
  security: [{ cookieAuth: [] }],
  request: { params: MeetingParams, query: ExportQuery },
  responses: {
    200: {
      description: 'the file',
      content: {
        [EXPORT_TYPES.md]: { schema: z.string() },
        [EXPORT_TYPES.docx]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errors(400, 401, 403, 404),
  },
});

/**
 * A file name from a meeting title: letters and digits of any script kept,
 * the rest dashes, at most 60 characters; `meeting` when nothing is left.
 * @example fileSlug('Gender equality: round 2') // 'Gender-equality-round-2'
 */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return [...slug].slice(0, 60).join('').replace(/-+$/, '') || 'meeting';
}

/**
 * A `Content-Disposition: attachment` value with an ASCII fallback name and
 * the UTF-8 name (RFC 6266 / 5987), so Cyrillic titles survive.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * `GET /meetings/:id/export?doc=outcome|minutes&format=md|docx[&lang][&tz][&scope][&tracked]`,
 * as a mount function for `createApi({ mount })`. Every member may export
 * (`can(role, 'export')`); the file is made from the live document at the
 * time of the request.
 *
 * @example createApi({ ..., mount: exportRoutes({ store, rooms, now: Date.now }) })
 */
export function exportRoutes(deps: ExportRouteDeps) {
  const { store, rooms, now } = deps;
  const sources = { store, rooms };

  return (api: OpenAPIHono<AuthEnv>, kit: ExportRouteKit): void => {
    api.openapi({ ...getExport, middleware: [kit.requireUser] }, async (c) => {
      const { id } = c.req.valid('param');
      const { doc, format, lang, tz, scope, tracked } = c.req.valid('query');
      const { meeting, member } = await requireMember(store, id, c.var.user.id);
      if (!can(member.role, 'export'))
        throw new AppError(403, ErrorCode.forbidden, 'You may not export this meeting');
      // Tracked changes are Word's: only the outcome's Word file can carry them.
      const track = tracked === '1';
      if (track && (doc !== 'outcome' || format !== 'docx'))
        throw new AppError(
          400,
          ErrorCode.validation,
          'tracked=1 is only for the outcome document as Word (doc=outcome&format=docx)',
        );
      const at = now();
      const opts: ExportOptions = {
        lang: await loadLanguage(store, id, meeting.createdBy, lang),
        timeZone: tz ?? 'UTC',
        generatedAt: at,
        scope: scope ?? 'all',
      };

      let body: string | Uint8Array<ArrayBuffer>;
      let title: string;

      // The document holds the title; a meeting whose doc was never written has only the stored one.
      if (doc === 'outcome' && track) {
        const read = await loadTrackedOutcome(sources, id);
        const outcome = scopeOutcome(read.outcome, scope ?? 'all');
        title = outcome.title || meeting.title;
        body = await (
          await wordWriter()
        ).outcomeDocx({ ...outcome, title }, opts, {
          organisationOf: (userId) => read.organisations.get(userId),
        });
      } else if (doc === 'outcome') {
        const outcome = scopeOutcome(await loadOutcome(sources, id), scope ?? 'all');
        title = outcome.title || meeting.title;
        body =
          format === 'md'
            ? outcomeMarkdown({ ...outcome, title }, opts)
            : await (await wordWriter()).outcomeDocx({ ...outcome, title }, opts);
      } else {
        const minutes = await loadMinutes(sources, id, at);
        title = minutes.title || meeting.title;
        body =
          format === 'md'
            ? minutesMarkdown({ ...minutes, title }, opts)
            : await (await wordWriter()).minutesDocx({ ...minutes, title }, opts);
      }
      const kind =
        doc === 'outcome'
          ? `outcome${scope === 'agreed' ? '-agreed' : ''}${track ? '-tracked' : ''}`
          : doc;
      const name = `${fileSlug(title)}-${kind}-${formatDateTime(at, opts.timeZone ?? 'UTC').slice(0, 10)}.${format}`;
      return c.body(body, 200, {
        'content-type': EXPORT_TYPES[format],
        'content-disposition': attachmentDisposition(name),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    });
  };
}
