/** One e-mail as Kenes sends it: one recipient, plain text with a simple HTML twin. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where mail goes: SMTP (`SMTP_URL`) or the outbox directory (the embedded
 * default). Routes depend on this seam only; tests pass a real one pointed at
 * an SMTP server they start.
 */
export interface Mailer {
  /**
   * Hands the message over (SMTP accepted it, or the `.eml` file is written).
   * Rejects with {@link MailSendError} otherwise.
   */
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for logs: `smtp://host:port` (no credentials) or the outbox directory. */
  readonly target: string;
  /** Closes pooled connections. */
  close(): void;
}

/** A message could not be handed over; `cause` holds the transport's error. */
export class MailSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailSendError';
  }
}
