import type {
  AgendaStatus,
  Language,
  MeetingStatus,
  OrgType,
  RecommendationStatus,
  RequestKind,
} from '@kenes/shared';

/**
 * Shapes of the after-the-meeting answers (minutes, statistics, outcome,
 * authorship, versions, audit), as `packages/server/src/http/routes/
 * outcomeSchemas.ts`, `versions.ts` and `commands.ts` define them. Times are
 * epoch ms, durations ms.
 */

/** An organisation that endorsed a recommendation. */
export interface Endorser {
  organisation: string;
  orgType: OrgType;
}

/** One turn at the floor. */
export interface Intervention {
  entryId: string;
  agendaItemId: string | null;
  /** null: an in-room speaker the chair added. */
  userId: string | null;
  speaker: string;
  organisation: string;
  orgType: OrgType;
  kind: RequestKind;
  status: 'done' | 'speaking' | 'removed';
  grantedAt: number;
  endedAt: number | null;
  durationMs: number;
}

/** A recommendation as the minutes list it. */
export interface MinutesRecommendation {
  id: string;
  title: string;
  status: RecommendationStatus;
  proposerName: string;
  proposerOrganisation: string;
  endorsements: Endorser[];
  statusChangedAt: number | null;
}

/** One agenda item of the minutes. */
export interface MinutesItem {
  id: string;
  title: string;
  description: string;
  status: AgendaStatus;
  plannedMinutes: number;
  startedAt: number | null;
  endedAt: number | null;
  actualMs: number | null;
  speakingMs: number;
  interventions: Intervention[];
  recommendations: MinutesRecommendation[];
}

/** `GET /api/meetings/:id/minutes`. */
export interface Minutes {
  title: string;
  status: MeetingStatus;
  generatedAt: number;
  openedAt: number | null;
  closedAt: number | null;
  statusChanges: Array<{ at: number; status: MeetingStatus; userId: string | null }>;
  items: MinutesItem[];
  outsideAgenda: { interventions: Intervention[]; recommendations: MinutesRecommendation[] };
  totals: { plannedMinutes: number; actualMs: number; interventions: number; speakingMs: number };
}

/** Time and turns of one group of speakers; `share` is of the total time, 0..1. */
export interface Bucket {
  durationMs: number;
  interventions: number;
  share: number;
}

/** `GET /api/meetings/:id/stats`. */
export interface SpeakingStats {
  at: number;
  /** True while someone speaks. */
  live: boolean;
  total: { durationMs: number; interventions: number; speakers: number };
  byOrgType: Array<Bucket & { orgType: OrgType }>;
  byOrganisation: Array<Bucket & { organisation: string; orgType: OrgType }>;
  /** null when fewer than three speakers declared a gender. */
  byGender: {
    declaredSpeakers: number;
    groups: Array<Bucket & { gender: string }>;
    undeclared: Bucket;
  } | null;
  genderHidden: 'too_few_declared' | null;
}

/** Marks of a text inline. */
export interface Marks {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
}

/** A piece of inline content. */
export type Inline = { kind: 'text'; text: string; marks: Marks } | { kind: 'break' };

/** A rich-text block of the outcome document. */
export type Block =
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'heading'; level: number; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; start?: number; items: Block[][] }
  | { type: 'blockquote'; blocks: Block[] }
  | { type: 'codeBlock'; text: string }
  | { type: 'rule' };

/** A recommendation of the outcome document, with its formatted text. */
export interface OutcomeRecommendation {
  id: string;
  title: string;
  status: RecommendationStatus;
  proposerName: string;
  proposerOrganisation: string;
  endorsements: Endorser[];
  blocks: Block[];
}

/** `GET /api/meetings/:id/outcome`. */
export interface Outcome {
  title: string;
  status: MeetingStatus;
  lang: Language;
  sections: Array<{
    item: { id: string; title: string } | null;
    recommendations: OutcomeRecommendation[];
  }>;
}

/** A run of text by one author; null fields: an unknown client. */
export interface AuthoredRun {
  text: string;
  userId: string | null;
  name: string | null;
  organisation: string | null;
  orgType: OrgType | null;
}

/** One recommendation's text in authored runs. */
export interface RecommendationAuthorship {
  id: string;
  title: string;
  blocks: Array<{ type: string; level?: number; depth: number; runs: AuthoredRun[] }>;
  organisations: Array<{ organisation: string | null; orgType: OrgType | null; chars: number }>;
}

/** A saved version, without its content. */
export interface VersionMeta {
  id: string;
  meetingId: string;
  label: string;
  /** User id of who saved it. */
  createdBy: string | null;
  createdAt: number;
}

/** A recommendation as a version holds it (text as plain text, blocks split by `\n`). */
export interface VersionRecommendation {
  id: string;
  agendaItemId: string;
  title: string;
  status: RecommendationStatus;
  proposerName: string;
  proposerOrganisation: string;
  endorsements: Array<{ userId: string; organisation: string; orgType: OrgType; at: number }>;
  text: string;
}

/** `GET /api/meetings/:id/versions/:vid`. */
export interface VersionDetail {
  version: VersionMeta;
  content: {
    meeting: { title: string; status: MeetingStatus };
    agenda: Array<{ id: string; title: string; plannedMinutes: number; status: AgendaStatus }>;
    recommendations: VersionRecommendation[];
  };
}

/** One piece of a word diff. */
export interface DiffSegment {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

/** One recommendation's change since a version. */
export interface RecommendationDiff {
  id: string;
  title: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  titleBefore: string | null;
  statusBefore: RecommendationStatus | null;
  statusAfter: RecommendationStatus | null;
  segments: DiffSegment[];
  addedChars: number;
  removedChars: number;
}

/** `GET /api/meetings/:id/versions/:vid/diff`. */
export interface VersionDiff {
  version: VersionMeta;
  recommendations: RecommendationDiff[];
  summary: { added: number; removed: number; changed: number; unchanged: number };
}

/** A row of the audit log. */
export interface AuditEntry {
  id: number;
  meetingId: string;
  userId: string | null;
  action: string;
  /** The command as JSON (truncated when long). */
  payload: string;
  /** 'ok' or the error code. */
  result: string;
  at: number;
}

/** Filters of `GET /api/meetings/:id/audit`. */
export interface AuditQuery {
  /** A command type (`queue.grant`) or a group (`queue`). */
  action?: string;
  userId?: string;
  limit?: number;
}
