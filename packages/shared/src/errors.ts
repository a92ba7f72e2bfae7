/**
 * Stable error codes of the HTTP API. Every error body is
 * `{ error: { code, message } }` with one of these codes.
 */
export const ErrorCode = {
  badRequest: 'bad_request',
  validation: 'validation_failed',
  unauthorized: 'unauthorized',
  invalidCredentials: 'invalid_credentials',
  forbidden: 'forbidden',
  foreignOrigin: 'foreign_origin',
  notFound: 'not_found',
  conflict: 'conflict',
  emailTaken: 'email_taken',
  lastChair: 'last_chair',
  inviteExpired: 'invite_expired',
  inviteUsedUp: 'invite_used_up',
  inviteUnknown: 'invite_unknown',
  /** The chair revoked this invite link. */
  inviteRevoked: 'invite_revoked',
  /**
   * The chair removed this person from the meeting after the invite was made:
   * only an invite created after the removal lets them back in.
   */
  removedFromMeeting: 'removed_from_meeting',
  invalidState: 'invalid_state',
  unknownCommand: 'unknown_command',
  tooManyRequests: 'too_many_requests',
  payloadTooLarge: 'payload_too_large',
  unavailable: 'unavailable',
  internal: 'internal_error',
  /** The speakers' list is closed: only points of order and the chair's additions join. */
  listClosed: 'list_closed',
  /** The same person already has a waiting request of that kind (or the organisation already endorsed). */
  duplicate: 'duplicate',
  /** The meeting is closed: only a chair may change its status (reopen). */
  meetingClosed: 'meeting_closed',
  /** Sign-up: the password is one of the most common ones (or too repetitive). */
  weakPassword: 'weak_password',
  /**
   * The command named what its sender saw (the entry it grants, the speaker it
   * ends) and that has changed since: nothing was done; look again.
   */
  stale: 'stale',
  /**
   * The command would end something the sender did not say to end (a running
   * turn, waiting requests): resend it with the choice made explicit.
   */
  confirmationRequired: 'confirmation_required',
  /** A password-reset link that does not exist (or is too old to be remembered). */
  resetUnknown: 'reset_unknown',
  /** A password-reset link already used (or spent by a newer reset of the same account). */
  resetUsed: 'reset_used',
  /** A password-reset link past its hour. */
  resetExpired: 'reset_expired',
  /** The mail server did not take the message: nothing was created. */
  mailFailed: 'mail_failed',
  // Hall display links (kiosk, issue 17).
  /** No display link has this token (or none was sent). */
  displayLinkUnknown: 'display_link_unknown',
  /** A chair revoked this display link. */
  displayLinkRevoked: 'display_link_revoked',
  /** The meeting already has as many live display links as allowed: revoke one first. */
  displayLinkLimit: 'display_link_limit',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The JSON body of every API error. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

/** True when `body` has the shape of an API error. */
export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const e = (body as { error?: unknown }).error;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}
