import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { MailSendError, type Mailer } from './Mailer.js';

/**
 * Writes each message as an `.eml` file (RFC 5322, as SMTP would carry it)
 * into `dir` instead of sending it: the embedded default without `SMTP_URL`,
 * so a first run can read its invitation and reset mails. Names sort by time.
 */
export function createOutboxMailer(dir: string, from: string, now: () => number): Mailer {
  // nodemailer's stream transport builds the whole message into a buffer and sends nothing;
  // it loads on the first mail, not at startup.
  let build: Promise<Transporter> | null = null;
  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  };
  let ready: Promise<unknown> | null = null;
  return {
    target: dir,
    async send(message) {
      try {
        ready ??= mkdir(dir, { recursive: true });
        await ready;
        build ??= open();
        const info = (await (await build).sendMail({ from, ...message })) as { message: Buffer };
        const name = `${new Date(now()).toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
        // Written aside, then renamed: a reader never sees half a message.
        const partial = join(dir, `.${name}.part`);
        await writeFile(partial, info.message, { mode: 0o600 });
        await rename(partial, join(dir, name));
      } catch (err) {
        ready = null;
        throw new MailSendError(
          `Could not write the message to ${dir}: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    },
    close() {
      void build?.then((t) => t.close()).catch(() => undefined);
    },
  };
}
