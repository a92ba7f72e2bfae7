import { z } from '@hono/zod-openapi';
import {
  VERSION_KINDS,
  AGENDA_STATUSES,
  MEETING_STATUSES,
  LANGUAGES,
  ORG_TYPES,
  POSITION_KINDS,
  RECOMMENDATION_STATUSES,
  REQUEST_KINDS,
  type Authorship,
  type Minutes,
  type Outcome,
  type Same,
  type SpeakingStats,
  type VersionDiff,
} from '@kenes/shared';

/**
 * Response schemas of the after-the-meeting routes (minutes, statistics,
 * outcome, authorship, version diff): they document the JSON for the
 * OpenAPI document. The shapes are the types of `@kenes/shared`
 * (`outcomeTypes.ts`), which `src/outcome/*` return; the checks at the end
 * of this file fail the build when a schema and its type part. Times are
 * epoch ms, durations ms.
 */

const OrgType = z.enum(ORG_TYPES);
const RecStatus = z.enum(RECOMMENDATION_STATUSES);

const Endorser = z.object({ organisation: z.string(), orgType: OrgType });

/** Positions frozen when a recommendation was agreed (absent for any other status). */
const AgreedPositions = z
  .array(
    z.object({
      organisation: z.string(),
      orgType: OrgType,
      kind: z.enum(POSITION_KINDS),
      text: z.string().openapi({ description: "a reservation's or objection's reason in full" }),
    }),
  )
  .optional()
  .openapi({ description: 'the positions at agreement; only on agreed recommendations' });

export const InterventionSchema = z
  .object({
    entryId: z.string(),
    agendaItemId: z.string().nullable(),
    userId: z
      .string()
      .nullable()
      .openapi({ description: 'null: an in-room speaker the chair added' }),
    speaker: z.string(),
    organisation: z.string(),
    orgType: OrgType,
    kind: z.enum(REQUEST_KINDS),
    status: z.enum(['done', 'speaking', 'removed']).openapi({
      description:
        '`speaking`: under way (duration counts to now); `removed`: cut short by the chair',
    }),
    grantedAt: z.number(),
    endedAt: z.number().nullable(),
    durationMs: z.number().openapi({ description: 'time spoken, pauses excluded' }),
  })
  .openapi('Intervention');

const MinutesRecommendationSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: RecStatus,
    proposerName: z.string(),
    proposerOrganisation: z.string(),
    endorsements: z.array(Endorser),
    statusChangedAt: z.number().nullable(),
    agreedPositions: AgreedPositions,
  })
  .openapi('MinutesRecommendation');

const OrganisationSuggestionsSchema = z
  .object({
    organisation: z.string().nullable().openapi({
      description:
        "the suggesters' meeting organisation (a former member's: as recorded with their latest decided suggestion); null when it cannot be told",
    }),
    made: z.number().openapi({ description: 'accepted + rejected + pending' }),
    accepted: z.number(),
    rejected: z.number(),
    pending: z.number().openapi({ description: 'still in the live texts' }),
  })
  .openapi('OrganisationSuggestions', {
    description:
      'Suggestions of one organisation (issue 18): one suggestion is one insertion or deletion mark id in one text; decisions from the audit log, pending ones from the live texts. Withdrawn suggestions leave no record and are not counted.',
  });

export const MinutesSchema = z
  .object({
    title: z.string(),
    status: z.enum(MEETING_STATUSES),
    generatedAt: z.number(),
    openedAt: z.number().nullable(),
    closedAt: z.number().nullable(),
    statusChanges: z.array(
      z.object({ at: z.number(), status: z.enum(MEETING_STATUSES), userId: z.string().nullable() }),
    ),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        description: z.string(),
        status: z.enum(AGENDA_STATUSES),
        plannedMinutes: z.number(),
        startedAt: z.number().nullable(),
        endedAt: z.number().nullable(),
        actualMs: z.number().nullable(),
        speakingMs: z.number(),
        interventions: z.array(InterventionSchema),
        recommendations: z.array(MinutesRecommendationSchema),
      }),
    ),
    outsideAgenda: z.object({
      interventions: z.array(InterventionSchema),
      recommendations: z.array(MinutesRecommendationSchema),
    }),
    totals: z.object({
      plannedMinutes: z.number(),
      actualMs: z.number(),
      interventions: z.number(),
      speakingMs: z.number(),
    }),
    suggestions: z.array(OrganisationSuggestionsSchema),
  })
  .openapi('Minutes');

const Bucket = { durationMs: z.number(), interventions: z.number(), share: z.number() };

export const StatsSchema = z
  .object({
    at: z.number(),
    live: z.boolean(),
    total: z.object({ durationMs: z.number(), interventions: z.number(), speakers: z.number() }),
    byOrgType: z.array(z.object({ orgType: OrgType, ...Bucket })),
    byOrganisation: z.array(z.object({ organisation: z.string(), orgType: OrgType, ...Bucket })),
    byGender: z
      .object({
        declaredSpeakers: z.number(),
        groups: z.array(z.object({ gender: z.string(), ...Bucket })),
        undeclared: z.object(Bucket),
      })
      .nullable()
      .openapi({ description: 'null when fewer than three speakers declared a gender' }),
    genderHidden: z.enum(['too_few_declared', 'small_group']).nullable(),
  })
  .openapi('SpeakingStats');

const BlocksSchema = z.array(z.unknown()).openapi({
  description:
    'Rich text blocks: `{type:"paragraph",inlines}`, `{type:"heading",level,inlines}`, ' +
    '`{type:"list",ordered,start,items: Block[][]}`, `{type:"blockquote",blocks}`, `{type:"codeBlock",text}`, ' +
    '`{type:"rule"}`; an inline is `{kind:"text",text,marks:{bold?,italic?,strike?,code?}}` or `{kind:"break"}`',
});

export const OutcomeSchema = z
  .object({
    title: z.string(),
    status: z.enum(MEETING_STATUSES),
    lang: z.enum(LANGUAGES),
    sections: z.array(
      z.object({
        item: z.object({ id: z.string(), title: z.string() }).nullable(),
        recommendations: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            status: RecStatus,
            proposerName: z.string(),
            proposerOrganisation: z.string(),
            endorsements: z.array(Endorser),
            agreedPositions: AgreedPositions,
            blocks: BlocksSchema,
          }),
        ),
      }),
    ),
  })
  .openapi('Outcome');

const AuthoredRun = z.object({
  text: z.string(),
  userId: z.string().nullable(),
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  orgType: OrgType.nullable(),
});

export const AuthorshipSchema = z
  .object({
    recommendations: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        blocks: z.array(
          z.object({
            type: z.string(),
            level: z.number().optional(),
            depth: z.number(),
            runs: z.array(AuthoredRun),
          }),
        ),
        organisations: z.array(
          z.object({
            organisation: z.string().nullable(),
            orgType: OrgType.nullable(),
            chars: z.number(),
          }),
        ),
      }),
    ),
  })
  .openapi('Authorship');

const VersionMetaShape = z.object({
  id: z.string(),
  meetingId: z.string(),
  label: z.string(),
  kind: z.enum(VERSION_KINDS).openapi({
    description:
      'why it was saved: by hand (`manual`), or by the server when a recommendation became agreed ' +
      '(`agreed`, label: its title), the meeting closed (`closed`) or before a restore (`restore`, ' +
      "label: the restored version's)",
  }),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
});

export const VersionDiffSchema = z
  .object({
    version: VersionMetaShape,
    to: VersionMetaShape.nullable().openapi({
      description: 'the later side: another version (`?to=`), or null for the live document',
    }),
    recommendations: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        change: z.enum(['added', 'removed', 'changed', 'unchanged']),
        titleBefore: z.string().nullable(),
        statusBefore: RecStatus.nullable(),
        statusAfter: RecStatus.nullable(),
        segments: z.array(
          z.object({ op: z.enum(['equal', 'added', 'removed']), text: z.string() }),
        ),
        addedChars: z.number(),
        removedChars: z.number(),
      }),
    ),
    summary: z.object({
      added: z.number(),
      removed: z.number(),
      changed: z.number(),
      unchanged: z.number(),
    }),
  })
  .openapi('VersionDiff');

// Compile-time checks: each schema describes its shared type (see `Same`).
const _minutesMatch: Same<z.infer<typeof MinutesSchema>, Minutes> = true;
const _statsMatch: Same<z.infer<typeof StatsSchema>, SpeakingStats> = true;
const _outcomeMatch: Same<z.infer<typeof OutcomeSchema>, LooseBlocks<Outcome>> = true;
const _authorshipMatch: Same<z.infer<typeof AuthorshipSchema>, Authorship> = true;
const _versionDiffMatch: Same<z.infer<typeof VersionDiffSchema>, VersionDiff> = true;

/** `T` with every `blocks` field as `unknown[]`: `BlocksSchema` describes rich text in prose only. */
type LooseBlocks<T> = T extends object
  ? { [K in keyof T]: K extends 'blocks' ? unknown[] : LooseBlocks<T[K]> }
  : T;
