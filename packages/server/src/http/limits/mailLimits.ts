import type { MailConfig } from '../../config.js';
import { memoryWindowLimiter, type WindowLimiter } from './WindowLimiter.js';

/** The budgets that bound what mail anyone can make the server send. */
export interface MailLimiters {
  /** Reset requests per e-mail address (hour). */
  resetPerAddress: WindowLimiter;
  /** Reset requests per client (IP) address (hour). */
  resetPerClient: WindowLimiter;
  /** Invitation mails per sending account, all meetings together (24 h). */
  invitePerSender: WindowLimiter;
  /** Invitation mails per recipient address, all chairs together (24 h). */
  invitePerRecipient: WindowLimiter;
}

/** The numbers of {@link MailLimiters}, as `MailConfig` holds them. */
export type MailLimitNumbers = Pick<
  MailConfig,
  | 'invitesPerSenderPerDay'
  | 'invitesPerRecipientPerDay'
  | 'resetsPerAddressPerHour'
  | 'resetsPerClientPerHour'
>;

/** The defaults of `loadConfig` (for `createApi` without a configuration). */
export const DEFAULT_MAIL_LIMITS: MailLimitNumbers = {
  invitesPerSenderPerDay: 100,
  invitesPerRecipientPerDay: 5,
  resetsPerAddressPerHour: 3,
  resetsPerClientPerHour: 30,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The window lengths, so the Redis limiters count over the same ones. */
export const MAIL_WINDOWS = { reset: HOUR, invite: DAY } as const;

/** In-memory limiters (one process). */
export function memoryMailLimiters(n: MailLimitNumbers, now: () => number): MailLimiters {
  return {
    resetPerAddress: memoryWindowLimiter(n.resetsPerAddressPerHour, HOUR, now),
    resetPerClient: memoryWindowLimiter(n.resetsPerClientPerHour, HOUR, now),
    invitePerSender: memoryWindowLimiter(n.invitesPerSenderPerDay, DAY, now),
    invitePerRecipient: memoryWindowLimiter(n.invitesPerRecipientPerDay, DAY, now),
  };
}
