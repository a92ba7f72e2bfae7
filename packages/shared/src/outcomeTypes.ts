import type {
  AgendaItem,
  AgendaStatus,
  Language,
  MeetingInfo,
  MeetingStatus,
  OrgType,
  PositionKind,
  Recommendation,
  RecommendationStatus,
  RequestKind,
} from './doc/shapes.js';

/**
 * The JSON answers of the after-the-meeting routes (minutes, statistics,
 * outcome, authorship, versions and their diff, audit), written once: the
 * server's outcome modules return these types and the client reads them.
 * Types only, so the client bundle gets nothing from this file. Times are
 * epoch ms, durations ms.
 */

// ---- Minutes: GET /meetings/:id/minutes ----

/** An organisation that endorses a recommendation, as the minutes and the outcome list it. */
export interface Endorser {
  organisation: string;
  orgType: OrgType;
}

/**
 * One time someone had the floor: a queue entry that was granted. Entries
 * withdrawn or removed before their turn are requests, not interventions.
 */
export interface Intervention {
  entryId: string;
  agendaItemId: string | null;
  /** The account that spoke, or null for an in-room speaker the chair added. */
  userId: string | null;
  speaker: string;
  organisation: string;
  orgType: OrgType;
  kind: RequestKind;
  /** `speaking`: under way at `now`; `removed`: the chair took the floor away mid-turn. */
  status: 'done' | 'speaking' | 'removed';
  grantedAt: number;
  endedAt: number | null;
  /** Time spoken, pauses excluded (`speakingElapsedMs`); a current speaker counts up to `now`. */
  durationMs: number;
}

/** An organisation's position as the record keeps it (who set it is in the audit log). */
export interface RecordedPosition {
  organisation: string;
  orgType: OrgType;
  kind: PositionKind;
  /** The reservation or objection in full ('' for the others). */
  text: string;
}

/** What the minutes and the outcome document both say of a recommendation. */
export interface RecommendationSummary {
  id: string;
  title: string;
  status: RecommendationStatus;
  proposerName: string;
  proposerOrganisation: string;
  /** Organisations that endorse it, in the order they did. */
  endorsements: Endorser[];
  /**
   * For an agreed recommendation, the positions frozen when it was agreed, in
   * the order they were taken; absent otherwise.
   */
  agreedPositions?: RecordedPosition[];
}

/** A recommendation as the minutes list it. */
export interface MinutesRecommendation extends RecommendationSummary {
  /** When it got its current status (audit log), or null when never set (still the initial draft). */
  statusChangedAt: number | null;
}

/** One agenda item in the minutes. */
export interface MinutesItem {
  id: string;
  title: string;
  description: string;
  status: AgendaStatus;
  plannedMinutes: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Wall-clock time from start to end (to `now` while active), ms; null when never started. */
  actualMs: number | null;
  /** Sum of the interventions' durations, ms. */
  speakingMs: number;
  interventions: Intervention[];
  recommendations: MinutesRecommendation[];
}

/**
 * One organisation's suggestions on the texts (issue 18), as the minutes
 * count them. A suggestion is one insertion or one deletion mark id in one
 * text (a replacement is a deletion and an insertion: two). `accepted` and
 * `rejected` count the decisions the audit log holds, `pending` the
 * suggestions still in the live texts (removed recommendations left out),
 * and `made` is their sum: a suggestion its author withdrew before anyone
 * decided leaves no record and is not counted; one a version restore brought
 * back after its decision counts again.
 */
export interface OrganisationSuggestions {
  /**
   * The suggesters' meeting organisation (the member's, or for someone no
   * longer a member the one their last decided suggestion was recorded
   * with); null when it cannot be told.
   */
  organisation: string | null;
  made: number;
  accepted: number;
  rejected: number;
  pending: number;
}

/** The minutes of a meeting, as `GET /meetings/:id/minutes` answers them. */
export interface Minutes {
  title: string;
  status: MeetingStatus;
  /** Server time the minutes were made, epoch ms. */
  generatedAt: number;
  /** First time the meeting went live (audit log), or null. */
  openedAt: number | null;
  /** Last time it was closed (audit log), or null when not closed. */
  closedAt: number | null;
  /** Every accepted status change, oldest first. */
  statusChanges: Array<{ at: number; status: MeetingStatus; userId: string | null }>;
  /** The visible agenda, in order. */
  items: MinutesItem[];
  /** Interventions and recommendations of no (or a removed) agenda item. */
  outsideAgenda: { interventions: Intervention[]; recommendations: MinutesRecommendation[] };
  totals: {
    plannedMinutes: number;
    /** Sum of the items' actual times, ms. */
    actualMs: number;
    interventions: number;
    speakingMs: number;
  };
  /**
   * Suggestions by organisation: most made first, the unknown organisation
   * last; empty when the meeting had none.
   */
  suggestions: OrganisationSuggestions[];
}

// ---- Statistics: GET /meetings/:id/stats ----

/** Speaking time and turns of one group of speakers. */
export interface StatsBucket {
  durationMs: number;
  interventions: number;
  /** Share of the total speaking time, 0..1 (0 when nobody spoke). */
  share: number;
}

/** Speaking-time figures, as `GET /meetings/:id/stats` answers them; nothing here names a person. */
export interface SpeakingStats {
  /** Server time the figures are for; a current speaker counts up to it. */
  at: number;
  /** True while someone is speaking: the figures grow until the turn ends. */
  live: boolean;
  total: { durationMs: number; interventions: number; speakers: number };
  /** Every organisation type, in the fixed order of `ORG_TYPES`, zeros included (for a stable chart). */
  byOrgType: Array<StatsBucket & { orgType: OrgType }>;
  /** Organisations that spoke, longest total first. */
  byOrganisation: Array<StatsBucket & { organisation: string; orgType: OrgType }>;
  /**
   * By self-declared gender, longest first; null (hidden) when fewer than
   * three speakers declared one, so no one is singled out.
   */
  byGender: {
    /** Distinct speakers who declared a gender. */
    declaredSpeakers: number;
    groups: Array<StatsBucket & { gender: string }>;
    /** Speakers without a declared gender, and in-room speakers without an account. */
    undeclared: StatsBucket;
  } | null;
  /**
   * Why `byGender` is null, for the UI to explain: too few speakers declared
   * a gender, or a declared group is smaller than the threshold and what is
   * left besides it would still single its members out.
   */
  genderHidden: 'too_few_declared' | 'small_group' | null;
}

// ---- Outcome document: GET /meetings/:id/outcome ----

/** Text marks of the outcome's rich text (others are dropped, their text kept); absent means off. */
export interface Marks {
  bold?: true;
  italic?: true;
  strike?: true;
  code?: true;
}

/**
 * Who suggested a piece of text that is still pending (issue 18), by user id: the member who
 * suggested inserting it, the one who suggested deleting it, or both. Only the outcome read for
 * the Word export with tracked changes carries it; the clean outcome (the page, Markdown, Word)
 * never does — there a pending insertion is left out and a pending deletion is plain text.
 */
export interface SuggestedBy {
  insertedBy?: string;
  deletedBy?: string;
  /** When the insertion / deletion was suggested (epoch ms, the mark's `at`), when its mark says. */
  insertedAt?: number;
  deletedAt?: number;
}

/** An inline piece of the outcome's rich text: text with marks, or a hard line break. */
export type Inline =
  { kind: 'text'; text: string; marks: Marks; suggested?: SuggestedBy } | { kind: 'break' };

/** A block of a recommendation body as the outcome document gives it (read from the Tiptap fragment). */
export type Block =
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'heading'; level: number; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'blockquote'; blocks: Block[] }
  | { type: 'codeBlock'; text: string }
  | { type: 'rule' };

/** A recommendation in the outcome document, with its body as rich text. */
export interface OutcomeRecommendation extends RecommendationSummary {
  /** The body: headings, lists, quotes and marked-up text. */
  blocks: Block[];
}

/** One section of the outcome document: an agenda item and its recommendations. */
export interface OutcomeSection {
  /** The agenda item, or null for recommendations of a removed item. */
  item: { id: string; title: string } | null;
  recommendations: OutcomeRecommendation[];
}

/** The outcome document, as the exports render it. */
export interface OutcomeDocument {
  title: string;
  status: MeetingStatus;
  /** Agenda items that have recommendations, in agenda order, then the orphans (item null). */
  sections: OutcomeSection[];
}

/**
 * Which recommendations the outcome page and exports hold: `all` (default;
 * withdrawn ones too, their status says so) or `agreed` only.
 */
export const OUTCOME_SCOPES = ['all', 'agreed'] as const;
export type OutcomeScope = (typeof OUTCOME_SCOPES)[number];

/** `GET /meetings/:id/outcome`: the outcome document and the language of its labels. */
export interface Outcome extends OutcomeDocument {
  lang: Language;
}

// ---- Authorship: GET /meetings/:id/authorship ----

/** A run of text written by one author; all author fields null when the writing client is unknown. */
export interface AuthoredRun {
  text: string;
  userId: string | null;
  name: string | null;
  organisation: string | null;
  orgType: OrgType | null;
}

/** A text block of a recommendation body (a paragraph, heading or code block, possibly inside lists). */
export interface AuthorshipBlock {
  /** The Tiptap node name of the text block (`paragraph`, `heading`, `codeBlock`). */
  type: string;
  /** Heading level, for headings. */
  level?: number;
  /** List nesting depth (0 outside lists). */
  depth: number;
  runs: AuthoredRun[];
}

/** One recommendation's text in runs by author. */
export interface RecommendationAuthorship {
  id: string;
  title: string;
  blocks: AuthorshipBlock[];
  /** Characters per organisation, most first; `organisation: null` counts text of unknown clients. */
  organisations: Array<{ organisation: string | null; orgType: OrgType | null; chars: number }>;
}

/** `GET /meetings/:id/authorship`. */
export interface Authorship {
  recommendations: RecommendationAuthorship[];
}

// ---- Versions: GET /meetings/:id/versions[/:versionId[/diff]] ----

/**
 * Why a version was saved: by hand (`manual`, `label` is the chair's), or by
 * the server when a recommendation became agreed (`agreed`, `label` is its
 * title), when the meeting closed (`closed`, `label` empty) or just before a
 * restore (`restore`, `label` is the restored version's label). Clients word
 * the automatic ones in their own language.
 */
export const VERSION_KINDS = ['manual', 'agreed', 'closed', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A saved version, without its content. */
export interface VersionMeta {
  id: string;
  meetingId: string;
  label: string;
  kind: VersionKind;
  /** Who saved it; null when the server did (or the account is gone). */
  createdBy: string | null;
  createdAt: number;
}

/** `GET /meetings/:id/versions`: newest first. */
export interface VersionList {
  versions: VersionMeta[];
}

/** A recommendation of a saved version, with its body as plain text. */
export interface VersionRecommendation extends Recommendation {
  /** Blocks (paragraphs, list items, headings) separated by `\n`; marks dropped. */
  text: string;
}

/** The readable content of a saved version. */
export interface VersionContent {
  meeting: MeetingInfo;
  /** The agenda as users saw it (removed items left out). */
  agenda: AgendaItem[];
  /** Every recommendation, in creation order, withdrawn ones included (status says so). */
  recommendations: VersionRecommendation[];
}

/** `GET /meetings/:id/versions/:versionId`. */
export interface VersionDetail {
  version: VersionMeta;
  content: VersionContent;
}

/** A piece of a word diff. Concatenating `equal`+`removed` gives the old text, `equal`+`added` the new. */
export interface DiffSegment {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

/** How one recommendation changed since a version. */
export interface RecommendationDiff {
  id: string;
  /** The current title (the version's, for a removed recommendation). */
  title: string;
  /** `added`: not in the version; `removed`: in the version, gone now. */
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** The version's title when it differs from the current one, else null. */
  titleBefore: string | null;
  statusBefore: RecommendationStatus | null;
  statusAfter: RecommendationStatus | null;
  segments: DiffSegment[];
  /** Characters added and removed in the text. */
  addedChars: number;
  removedChars: number;
}

/** The diff of all recommendations: current ones in their order, then those removed since. */
export interface RecommendationsDiff {
  recommendations: RecommendationDiff[];
  summary: { added: number; removed: number; changed: number; unchanged: number };
}

/** `GET /meetings/:id/versions/:versionId/diff[?to=otherVersionId]`. */
export interface VersionDiff extends RecommendationsDiff {
  version: VersionMeta;
  /** The later side of the comparison: another version, or null for the live document. */
  to: VersionMeta | null;
}

// ---- Audit: GET /meetings/:id/audit ----

/** A row of the audit log. */
export interface AuditEntry {
  id: number;
  meetingId: string;
  userId: string | null;
  /** A command type (`queue.grant`), or `invite.create`, `invalid` (a body that was no command)… */
  action: string;
  /** The command as JSON (truncated when long). */
  payload: string;
  /** `ok` or the error code. */
  result: string;
  /** When it happened; for folded refusals, the first of the window. */
  at: number;
  /** How many times: refusals of one member, action and result within a minute share one row. */
  count: number;
}

/** `GET /meetings/:id/audit`: newest first. */
export interface AuditLog {
  entries: AuditEntry[];
  /** `beforeId` of the next (older) page; null on the last page. */
  nextBeforeId: number | null;
}

/** Filters of `GET /meetings/:id/audit`. */
export interface AuditQuery {
  /** A command type (`queue.grant`) or a group (`queue`). */
  action?: string;
  userId?: string;
  limit?: number;
}
