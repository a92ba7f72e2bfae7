import type { Logger } from 'pino';
import type { MailConfig } from '../config.js';
import type { Mailer } from './Mailer.js';
import { createOutboxMailer } from './outboxMailer.js';
import { createSmtpMailer } from './smtpMailer.js';

/**
 * The mailer the configuration asks for: SMTP with `SMTP_URL`, else the
 * outbox directory. Says where mail goes once, at startup.
 */
export function openMailer(config: MailConfig, logger: Logger, now: () => number): Mailer {
  const mailer = config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.from)
    : createOutboxMailer(config.outboxDir, config.from, now);
  if (config.smtpUrl) logger.info({ smtp: mailer.target }, 'mail is sent through SMTP');
  else
    logger.info(
      { outbox: mailer.target },
      'no SMTP_URL: mails are written as .eml files to the outbox directory',
    );
  return mailer;
}
