import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.js';

/** Error codes with their own translated message (`errors.<code>`). */
const KNOWN = new Set([
  'network',
  'unauthorized',
  'invalid_credentials',
  'email_taken',
  'forbidden',
  'not_found',
  'too_many_requests',
  'validation_failed',
  'invite_expired',
  'invite_used_up',
  'invite_unknown',
  'invite_revoked',
  'removed_from_meeting',
  'list_closed',
  'duplicate',
  'invalid_state',
  'meeting_closed',
  'stale',
  'confirmation_required',
  'last_chair',
  'weak_password',
]);

/** Codes of the e-mail features, translated in their own block (`mail.errors.<code>`). */
const MAIL_ERRORS = new Set(['reset_unknown', 'reset_used', 'reset_expired', 'mail_failed']);

/**
 * A translated sentence for an error: the server's stable code picks the
 * sentence; its English message is only interpolated where it adds detail.
 */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && MAIL_ERRORS.has(err.code)) return t(`mail.errors.${err.code}`);
  if (err instanceof ApiError && KNOWN.has(err.code)) {
    return t(`errors.${err.code}`, { message: err.message });
  }
  const message = err instanceof Error ? err.message : String(err);
  return t('errors.generic', { message });
}
