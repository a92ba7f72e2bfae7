export {
  ROOT,
  CONTROL_ROOTS,
  CONTENT_ROOT,
  meetingRoots,
  recommendationText,
  isRootName,
} from './doc/roots.js';
export type { RootName, RecordMap, MeetingRoots } from './doc/roots.js';
export {
  MEETING_STATUSES,
  ORG_TYPES,
  LANGUAGES,
  AGENDA_STATUSES,
  REQUEST_KINDS,
  ENTRY_STATUSES,
  RECOMMENDATION_STATUSES,
  BUDGET_SCOPES,
  speakingElapsedMs,
} from './doc/shapes.js';
export type {
  MeetingStatus,
  OrgType,
  Language,
  MeetingInfo,
  AgendaStatus,
  AgendaItem,
  RequestKind,
  EntryStatus,
  QueueEntry,
  RecommendationStatus,
  Endorsement,
  Recommendation,
  RemovedRecommendation,
  SpeakingTimes,
  BudgetScope,
  TimeBudget,
} from './doc/shapes.js';
export { SpeakingLimits, readSpeakingTimes, readBudgets } from './doc/speakingRules.js';
export { budgetUsage, budgetCovers, turnUsedMs } from './doc/budgets.js';
export type { BudgetUsage, OrganisationKeyOf } from './doc/budgets.js';
export {
  DEFAULT_SPEAKING_SECONDS,
  readMeeting,
  readAgenda,
  readAgendaItem,
  readQueue,
  readQueueEntry,
  readRecommendations,
  readRecommendation,
  readRemovedRecommendations,
  readVisibleAgenda,
  removedRecommendationIds,
  suggestionsOnlyTexts,
  lockedRecommendationIds,
} from './doc/read.js';
export type { SuggestionsOnly } from './doc/read.js';
export type { LockedTexts } from './doc/read.js';
export {
  recordMap,
  patchMeeting,
  patchAgendaItem,
  patchQueueEntry,
  patchRecommendation,
  insertAgendaItem,
  insertQueueEntry,
  insertRecommendation,
  deleteRecommendation,
  setRecommendationRemoved,
  deleteQueueEntry,
  moveRecord,
} from './doc/write.js';
export {
  editorExtensions,
  editorSchema,
  editorRules,
  rulesOf,
  LINK_SCHEMES,
  isSafeHref,
  attrValueProblem,
  markOfFormatKey,
  formatProblem,
  nodeAttrProblem,
} from './doc/editor.js';
export type { AttrRule, NodeRule, MarkRule, EditorRules } from './doc/editor.js';
export { outsideSchema, outsideSchemaBelow, safeFragmentJson } from './doc/fragmentSchema.js';
export {
  SUGGESTION_KINDS,
  SUGGESTION_TIME_TOLERANCE_MS,
  MAX_SUGGESTION_AT,
  isSuggestionMark,
  isSuggestionTime,
  suggestionTime,
  suggestionMarkSignature,
  suggestionKindOfKey,
  suggestionMarksOf,
  newSuggestionId,
  listSuggestions,
  decideSuggestions,
} from './doc/suggestions.js';
export type {
  SuggestionKind,
  SuggestionMark,
  PendingSuggestion,
  SuggestionDecision,
} from './doc/suggestions.js';
export { suggestionMarks } from './doc/suggestionMarks.js';
export { suggestingPlugin, suggestingKey } from './doc/suggesting.js';
export type { SuggestingOptions } from './doc/suggesting.js';
export type { SafeNodeJson } from './doc/fragmentSchema.js';
export { HARD_BREAK, holdsBlocks, walkInline, forEachTextPiece } from './doc/fragmentWalk.js';
export type { XmlNode, InlineVisitor } from './doc/fragmentWalk.js';
export {
  MessageType,
  SyncMessageType,
  CloseCode,
  TERMINAL_CLOSE_CODES,
  WriteRefusal,
  writeRefusalReason,
  readWriteRefusal,
  Limits,
  SYNC_PATH,
} from './wire.js';
export { GUARD_DENIALS, guardDenialMessage, guardDenialKind } from './guardDenials.js';
export type { GuardDenialCode, GuardDenialArgs } from './guardDenials.js';
export { ErrorCode, isApiErrorBody } from './errors.js';
// Hall display links (kiosk, issue 17).
export {
  MAX_LIVE_DISPLAY_LINKS,
  DISPLAY_LABEL_MAX,
  DISPLAY_PROTOCOL,
  DISPLAY_PATH,
  DISPLAY_REVOKED_REASON,
} from './displayLinks.js';
export type { DisplayLink, DisplayLinkCreated, DisplayInfo } from './displayLinks.js';
export {
  CARET_COLOURS,
  isCaretColour,
  preferredCaretColour,
  parseRelativePosition,
  parseCursor,
} from './presence.js';
export type { IdJson, RelativePositionJson, CursorJson } from './presence.js';
export { organisationKey, sameOrganisation } from './organisation.js';
export {
  GENDERS,
  GENDER_NOT_SAID,
  GENDER_STATS_MIN_SPEAKERS,
  isGender,
  statsGender,
} from './gender.js';
export type { Gender } from './gender.js';
export { plainOrganisationName } from './organisationName.js';
// Positions and the consensus picture (issue 19).
export {
  POSITION_KINDS,
  POSITION_KINDS_WITH_TEXT,
  MAX_POSITION_TEXT,
  positionNeedsText,
} from './doc/shapes.js';
export type { PositionKind, Position } from './doc/shapes.js';
export type { RecordedPosition } from './outcomeTypes.js';
export {
  readPosition,
  readPositionList,
  readPositions,
  writePosition,
  deletePosition,
} from './doc/positions.js';
export { consensusSummary, displayOrganisationKey } from './consensus.js';
// Comments anchored to the text (issue 19).
export { COMMENT_STATUSES, CommentLimits } from './doc/shapes.js';
export type { CommentStatus, CommentAnchor, CommentPost, CommentThread } from './doc/shapes.js';
export { readThread, readThreads, threadMap, insertThread, patchThread } from './doc/comments.js';
export {
  anchorInRecommendation,
  anchorPlace,
  anchorInText,
  anchoredText,
  normaliseQuote,
} from './doc/commentAnchor.js';
export type { AnchorPlace } from './doc/commentAnchor.js';
export type { PresentOrganisation, ConsensusGroup, ConsensusSummary } from './consensus.js';
export type { ApiErrorBody } from './errors.js';
export { ROLES, ROLE_RANK, ACTIONS, OTHER_ACTIONS, isRole, can, leastRoleFor } from './roles.js';
export type { Role, Action } from './roles.js';
export type { Same } from './same.js';
export type { User, Meeting, Member, CommandAccepted, SessionInfo } from './apiTypes.js';
export { COMMAND_TYPES, CommandSchema, isCommandType, parseCommand } from './commands.js';
export { CommandLimits } from './commandLimits.js';
export type { Command, CommandType, CommandOf, ParseCommandResult } from './commands.js';
export type {
  Endorser,
  Intervention,
  MinutesRecommendation,
  RecommendationSummary,
  MinutesItem,
  Minutes,
  OrganisationSuggestions,
  StatsBucket,
  SpeakingStats,
  Marks,
  SuggestedBy,
  Inline,
  Block,
  OutcomeRecommendation,
  OutcomeSection,
  OutcomeDocument,
  Outcome,
  AuthoredRun,
  AuthorshipBlock,
  RecommendationAuthorship,
  Authorship,
  VersionMeta,
  VersionList,
  VersionRecommendation,
  VersionContent,
  VersionDetail,
  DiffSegment,
  RecommendationDiff,
  RecommendationsDiff,
  VersionDiff,
  AuditEntry,
  AuditLog,
  AuditQuery,
  VersionKind,
  OutcomeScope,
} from './outcomeTypes.js';
export { VERSION_KINDS, OUTCOME_SCOPES } from './outcomeTypes.js';
export {
  formatDateTime,
  formatTime,
  formatMinutes,
  formatDuration,
  intlDatesFallBack,
  intlUnitsFallBack,
  forgetIntlProbes,
} from './localeFormat.js';
