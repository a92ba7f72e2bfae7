import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { captureLogs } from '../test-support/testServer.js';
import { inviteMail, resetMail } from './compose.js';
import { openMailer } from './openMailer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('outbox mailer (no SMTP_URL)', () => {
  it('writes each mail as a parseable .eml in DATA_DIR/outbox and logs where', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kenes-outbox-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_ORIGIN: 'https://kenes.example.org' });
    const { logger, lines } = captureLogs();
    const mailer = openMailer(config.mail, logger, () => Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(lines.find((l) => l.outbox === join(dataDir, 'outbox'))?.msg).toMatch(/outbox/);

    await mailer.send(
      inviteMail({
        to: 'dana@crisis.example',
        language: 'ru',
        meetingTitle: 'Диалог по правам человека',
        startsAt: null,
        role: 'participant',
        inviterName: 'Алия',
        inviterOrganisation: 'МИД',
        url: 'https://kenes.example.org/invite/abc_DEF-123',
        expiresAt: Date.UTC(2030, 0, 9),
        maxUses: null,
        timeZone: 'UTC',
      }),
    );
    await mailer.send(
      resetMail({
        to: 'aigerim@x.example',
        language: 'en',
        url: 'https://kenes.example.org/reset-password/tok',
        expiresAt: Date.UTC(2030, 0, 2, 4),
        timeZone: 'UTC',
      }),
    );
    mailer.close();
    const files = readdirSync(join(dataDir, 'outbox')).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^2030-01-02T03-04-05-\d{3}Z-[0-9a-f-]+\.eml$/.test(f))).toBe(true);
    const parsed = await Promise.all(
      files.map((f) => simpleParser(readFileSync(join(dataDir, 'outbox', f)))),
    );
    const invite = parsed.find((m) => m.subject?.includes('Диалог'))!;
    expect(invite.from?.value).toEqual([{ name: 'Kenes', address: 'no-reply@kenes.example.org' }]);
    expect(invite.to && !Array.isArray(invite.to) && invite.to.text).toBe('dana@crisis.example');
    expect(invite.subject).toBe('Приглашение на заседание «Диалог по правам человека»');
    expect(invite.text).toContain('https://kenes.example.org/invite/abc_DEF-123');
    expect(invite.text).toContain('Дата: пока не назначена');
    expect(invite.html).toContain('<a href="https://kenes.example.org/invite/abc_DEF-123">');
    const reset = parsed.find((m) => m.subject === 'Reset your Kenes password')!;
    expect(reset.text).toContain('https://kenes.example.org/reset-password/tok');
    expect(reset.text).toContain('The link works once, until Jan 2, 2030, 4:00 AM (UTC).');
  });

  it('a directory it cannot write to rejects with MailSendError', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kenes-outbox-'));
    dirs.push(dataDir);
    // DATA_DIR/outbox is a file here, so the directory cannot be made.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'outbox'), 'not a directory');
    const config = loadConfig({ DATA_DIR: dataDir });
    const mailer = openMailer(config.mail, captureLogs().logger, Date.now);
    await expect(
      mailer.send({ to: 'a@x.example', subject: 's', text: 't', html: '<p>t</p>' }),
    ).rejects.toMatchObject({ name: 'MailSendError' });
  });
});
