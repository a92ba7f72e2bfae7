import { ErrorCode } from '@kenes/shared';
import { weakPassword } from '../auth/commonPasswords.js';
import { AppError } from './errors.js';

/**
 * Refuses a new password that is one of the most common ones or repeats too
 * few characters (400 `weak_password`); its length is the schema's to check.
 * Sign-up and the password change share it, so one rule holds for both.
 */
export function assertStrongPassword(password: string): void {
  const weak = weakPassword(password);
  if (!weak) return;
  throw new AppError(
    400,
    ErrorCode.weakPassword,
    weak === 'common'
      ? 'This password is one of the most common ones; choose another'
      : 'This password repeats too few characters; choose another',
  );
}
