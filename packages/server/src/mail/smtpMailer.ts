import type { Transporter } from 'nodemailer';
import { redactUrl } from '../redactUrl.js';
import { MailSendError, type Mailer } from './Mailer.js';

/**
 * How long one SMTP step may take. nodemailer's defaults (2 min to connect,
 * 10 min idle) would hold an API request open far beyond any proxy's patience;
 * a chair would rather hear at once that the mail server is not answering.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
} as const;

/**
 * Sends through the SMTP server of `url` (`smtp://user:pass@host:587`,
 * `smtps://…:465`; nodemailer upgrades `smtp://` with STARTTLS when offered).
 *
 * @example const mailer = createSmtpMailer('smtp://127.0.0.1:2525', 'Kenes <no-reply@example.org>');
 */
export function createSmtpMailer(url: string, from: string): Mailer {
  // nodemailer loads on the first mail, not at startup (most processes never send one).
  let transport: Promise<Transporter> | null = null;
  const open = async (): Promise<Transporter> => {
    const [{ default: nodemailer }, { default: SMTPTransport }] = await Promise.all([
      import('nodemailer'),
      import('nodemailer/lib/smtp-transport/index.js'),
    ]);
    // The transport object merges the URL's settings with ours (`createTransport(url)` takes the URL alone).
    return nodemailer.createTransport(new SMTPTransport({ url, ...SMTP_TIMEOUTS }), { from });
  };
  const target = redactUrl(url, 'SMTP_URL');
  return {
    target,
    async send(message) {
      try {
        transport ??= open();
        await (await transport).sendMail(message);
      } catch (err) {
        throw new MailSendError(
          `SMTP at ${target} did not take the message: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    },
    close() {
      void transport?.then((t) => t.close()).catch(() => undefined);
    },
  };
}
