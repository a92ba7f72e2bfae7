import { formatDateTime, type Language, type Role } from '@kenes/shared';
import type { MailMessage } from './Mailer.js';
import { fill, MAIL_TEXTS } from './texts.js';

/** What an invitation mail says. */
export interface InviteMailInput {
  to: string;
  language: Language;
  meetingTitle: string;
  startsAt: number | null;
  role: Role;
  inviterName: string;
  inviterOrganisation: string;
  url: string;
  expiresAt: number | null;
  maxUses: number | null;
  /** IANA zone of the dates. */
  timeZone: string;
}

/** What a password-reset mail says. */
export interface ResetMailInput {
  to: string;
  language: Language;
  url: string;
  expiresAt: number;
  timeZone: string;
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A date as the UI prints it, with its zone named (a mail has no local clock to lean on). */
const when = (lang: Language, ms: number, zone: string) =>
  `${formatDateTime(lang, ms, zone)} (${zone})`;

/** One paragraph: its plain text, and its HTML from the same template with escaped values. */
interface Para {
  template: string;
  values?: Record<string, string>;
  /** A link paragraph: the URL is the text and the target. */
  link?: string;
}

function render(paragraphs: readonly Para[]): { text: string; html: string } {
  const text = paragraphs
    .map((p) => (p.link !== undefined ? p.link : fill(p.template, p.values ?? {})))
    .join('\n\n');
  const body = paragraphs
    .map((p) => {
      if (p.link !== undefined) {
        const href = escapeHtml(p.link);
        return `<p><a href="${href}">${href}</a></p>`;
      }
      const values = Object.fromEntries(
        Object.entries(p.values ?? {}).map(([k, v]) => [k, escapeHtml(v)]),
      );
      return `<p>${fill(escapeHtml(p.template), values)}</p>`;
    })
    .join('\n');
  const html = `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="font-family: sans-serif; line-height: 1.5">\n${body}\n</body></html>\n`;
  return { text: `${text}\n`, html };
}

/**
 * The invitation mail: who invites, to which meeting, when, in which role,
 * the link, and how long it lasts.
 */
export function inviteMail(i: InviteMailInput): MailMessage {
  const w = MAIL_TEXTS[i.language];
  const title = i.meetingTitle;
  const paragraphs: Para[] = [
    {
      template: w.inviteIntro,
      values: {
        inviter: i.inviterName,
        organisation: i.inviterOrganisation,
        title,
        role: w.role[i.role],
      },
    },
    i.startsAt === null
      ? { template: w.inviteNoDate }
      : { template: w.inviteDate, values: { date: when(i.language, i.startsAt, i.timeZone) } },
    { template: w.inviteAction },
    { template: '', link: i.url },
  ];
  if (i.expiresAt !== null)
    paragraphs.push({
      template: w.inviteExpires,
      values: { expires: when(i.language, i.expiresAt, i.timeZone) },
    });
  if (i.maxUses !== null)
    paragraphs.push({ template: w.inviteUses, values: { uses: String(i.maxUses) } });
  paragraphs.push({ template: w.inviteIgnore }, { template: w.footer });
  return { to: i.to, subject: fill(w.inviteSubject, { title }), ...render(paragraphs) };
}

/** The password-reset mail: the link, that it works once, and until when. */
export function resetMail(i: ResetMailInput): MailMessage {
  const w = MAIL_TEXTS[i.language];
  return {
    to: i.to,
    subject: w.resetSubject,
    ...render([
      { template: w.resetIntro, values: { email: i.to } },
      { template: w.resetAction },
      { template: '', link: i.url },
      { template: w.resetExpires, values: { expires: when(i.language, i.expiresAt, i.timeZone) } },
      { template: w.resetIgnore },
      { template: w.footer },
    ]),
  };
}
