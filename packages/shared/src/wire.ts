/**
 * Wire constants shared by server and client: y-websocket message types,
 * WebSocket close codes and size limits.
 */

/** y-websocket top-level message types (first varint of a frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** y-protocols sync sub-types (second varint of a sync frame). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/**
 * Close codes the server uses. 1xxx are the standard ones; 4xxx are Kenes's
 * own, mirroring HTTP statuses so that a client can tell them apart.
 */
export const CloseCode = {
  normal: 1000,
  /** A frame was not valid (bad varint, truncated, wrong type). */
  invalidPayload: 1007,
  /** A frame exceeded the size limit. */
  messageTooBig: 1009,
  /** Server restarting: reconnect. */
  serviceRestart: 1012,
  /** The room cannot accept updates now (store failure): retry later. */
  tryAgainLater: 1013,
  /** Session missing or ended. */
  unauthorized: 4401,
  /** Not allowed: read-only role, forbidden region of the document, removed member. */
  forbidden: 4403,
  /** Too many messages or bytes. */
  rateLimited: 4429,
  /**
   * An edit would take a recommendation text or the meeting past its size
   * quota, or its author past their edit rate: refused whole, nothing
   * applied. The reason is a {@link WriteRefusal.quotaExceeded} refusal: the
   * client drops the edit and resyncs, as for any refused write.
   */
  quotaExceeded: 4413,
  /**
   * The member already has {@link Limits.maxSocketsPerMember} sockets open in
   * this meeting (tabs, devices): this extra one is closed. Not terminal: a
   * provider retries and gets in once another socket of theirs closes.
   */
  tooManySockets: 4409,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client should not reconnect on its own. */
export const TERMINAL_CLOSE_CODES: readonly number[] = [
  CloseCode.unauthorized,
  CloseCode.forbidden,
  // Reconnecting would resend the refused edit: the client recovers without it instead.
  CloseCode.quotaExceeded,
];

/**
 * Why the guard refused a client's update. The socket still closes with
 * {@link CloseCode.forbidden} (4403), so clients that predate these kinds
 * stop as before instead of reconnecting and resending the refused update
 * forever; the kind is the first word of the close reason
 * (`"write-refused: meeting is closed"`), so a current client can tell a
 * refused write (drop it, resync, stay connected read-only) and a client-id
 * clash (re-key and resend) from lost membership (a 4403 without a kind:
 * terminal).
 */
export const WriteRefusal = {
  /** The write is not allowed now (meeting closed, read-only role, region not writable). */
  refused: 'write-refused',
  /** The update's client id is bound to another user: re-key and resend. */
  clientIdTaken: 'client-id-taken',
  /** Over a size quota or the author's edit rate (close code {@link CloseCode.quotaExceeded}). */
  quotaExceeded: 'quota-exceeded',
} as const;
export type WriteRefusal = (typeof WriteRefusal)[keyof typeof WriteRefusal];

/** The close reason for a guard refusal of `kind`: the kind, a colon, the detail. */
export function writeRefusalReason(kind: WriteRefusal, detail: string): string {
  return `${kind}: ${detail}`;
}

/**
 * The kind of a guard refusal from a close code and reason, or null when the
 * close is something else (lost membership is a 4403 without a kind).
 */
export function readWriteRefusal(code: number, reason: string): WriteRefusal | null {
  if (code !== CloseCode.forbidden && code !== CloseCode.quotaExceeded) return null;
  for (const kind of Object.values(WriteRefusal)) {
    if (reason === kind || reason.startsWith(`${kind}:`)) return kind;
  }
  return null;
}

/** Default limits; the server's config may override them. */
export const Limits = {
  /** Largest accepted WebSocket frame, in bytes. */
  maxFrameBytes: 1024 * 1024,
  /** Most structs one update may carry. */
  maxStructsPerUpdate: 20_000,
  /** Most distinct client ids one update may carry. */
  maxClientsPerUpdate: 64,
  /** Deepest nesting of types one update may create. */
  maxNestingDepth: 64,
  /**
   * Largest awareness state one client may publish (its JSON, in bytes): a
   * name, an organisation and a caret take well under 1 KiB. Larger states are
   * dropped, not relayed.
   */
  maxAwarenessStateBytes: 4096,
  /** Most sockets one member may hold open in one meeting. */
  maxSocketsPerMember: 8,
  /**
   * Most bytes of awareness states one socket is sent at once (on joining, or
   * answering a query); a query is answered at most once a second.
   */
  maxAwarenessAnswerBytes: 256 * 1024,
  /**
   * Most Yjs client ids one member may bind in one meeting. An honest client
   * binds one per page load or tab that writes; a hostile one could bind
   * thousands a second (each lands in every client's state vector).
   */
  maxClientIdsPerUser: 300,
  /** Most client ids all members together may bind in one meeting. */
  maxClientIdsPerMeeting: 10_000,
} as const;

/** Path prefix of the sync endpoint: `/sync/:meetingId`. */
export const SYNC_PATH = '/sync';
