import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free loopback port that keeps what it receives, parsed. */
export interface TestSmtp {
  /** `smtp://127.0.0.1:<port>`: the `SMTP_URL` to give Kenes. */
  url: string;
  /** Every message received, in order. */
  received: ParsedMail[];
  /** The next message to `to` not yet taken (waits for it; rejects after `timeoutMs`). */
  next(to: string, timeoutMs?: number): Promise<ParsedMail>;
  /** While set, the server refuses each message's data with this SMTP code (e.g. 451, 554). */
  refuseWith: number | null;
  /** Ms the server waits before it answers each message's data. */
  delayMs: number;
  close(): Promise<void>;
}

/** The addresses of a parsed header, lower-cased. */
export function addressesOf(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The first `origin/<path>/<token>` link in a mail's plain text, or throws. */
export function linkIn(mail: ParsedMail, path: string): { url: string; token: string } {
  const m = new RegExp(`(https?://[^\\s]+/${path}/([A-Za-z0-9_-]+))`).exec(mail.text ?? '');
  if (!m) throw new Error(`no /${path}/ link in: ${mail.text}`);
  return { url: m[1]!, token: m[2]! };
}

/**
 * Starts an SMTP server for one test file (no TLS, no auth: loopback only).
 *
 * @example
 * const smtp = await startTestSmtp();
 * const mailer = createSmtpMailer(smtp.url, 'Kenes <kenes@test>');
 * const mail = await smtp.next('aigerim@example.org');
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const taken = new Set<ParsedMail>();
  const waiters: Array<() => void> = [];
  const state: TestSmtp = {
    url: '',
    received: [],
    refuseWith: null,
    delayMs: 0,
    async next(to, timeoutMs = 10_000) {
      const want = to.toLowerCase();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = state.received.find((m) => !taken.has(m) && addressesOf(m).includes(want));
        if (found) {
          taken.add(found);
          return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      void (async () => {
        try {
          const mail = await simpleParser(stream);
          if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
          if (state.refuseWith !== null) {
            const err = Object.assign(new Error('refused by the test server'), {
              responseCode: state.refuseWith,
            });
            return callback(err);
          }
          state.received.push(mail);
          callback();
          for (const wake of waiters.splice(0)) wake();
        } catch (err) {
          callback(err instanceof Error ? err : new Error(String(err)));
        }
      })();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}
