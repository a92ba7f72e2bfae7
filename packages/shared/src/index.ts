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
} from './doc/read.js';
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
export { ROLES, isRole } from './roles.js';
export type { Role } from './roles.js';
