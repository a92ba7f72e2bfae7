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
} from './doc/shapes.js';
export {
  DEFAULT_SPEAKING_SECONDS,
  readMeeting,
  readAgenda,
  readAgendaItem,
  readQueue,
  readQueueEntry,
  readRecommendations,
  readRecommendation,
  readVisibleAgenda,
} from './doc/read.js';
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
  moveRecord,
} from './doc/write.js';
export {
  MessageType,
  SyncMessageType,
  CloseCode,
  TERMINAL_CLOSE_CODES,
  Limits,
  SYNC_PATH,
} from './wire.js';
export { ErrorCode, isApiErrorBody } from './errors.js';
export type { ApiErrorBody } from './errors.js';
export { ROLES, ROLE_RANK, ACTIONS, OTHER_ACTIONS, isRole, can, leastRoleFor } from './roles.js';
export type { Role, Action } from './roles.js';
export {
  COMMAND_TYPES,
  CommandLimits,
  CommandSchema,
  isCommandType,
  parseCommand,
  MeetingSetStatus,
  MeetingRename,
  MeetingQueueSettings,
  AgendaAdd,
  AgendaUpdate,
  AgendaMove,
  AgendaRemove,
  AgendaStart,
  AgendaComplete,
  QueueRequest,
  QueueWithdraw,
  QueueGrant,
  QueueFinish,
  QueueMove,
  QueueRemove,
  QueueAddSpeaker,
  QueueTimer,
  RecCreate,
  RecRename,
  RecSetStatus,
  RecEndorse,
  RecUnendorse,
  RecRemove,
  VersionSave,
} from './commands.js';
export type { Command, CommandType, CommandOf, ParseCommandResult } from './commands.js';
