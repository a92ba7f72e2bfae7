/**
 * Issue 17, e-mail: invitations and password reset go out through a real
 * SMTP server started here (smtp-server) and are parsed as a mail client
 * would (mailparser); what arrives is then used like a person would use it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, ErrorCode } from '@kenes/shared';
import { createApiHarness, PASSWORD, type ApiHarness } from '../src/test-support/apiHarness.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../src/test-support/testSmtp.js';
import { createSmtpMailer } from '../src/mail/smtpMailer.js';
import { memoryMailLimiters, DEFAULT_MAIL_LIMITS } from '../src/http/limits/mailLimits.js';
import type { Mailer } from '../src/mail/Mailer.js';

const FROM = 'Kenes <kenes@kenes.test>';
const NEW_PASSWORD = 'a quite different passphrase';

let smtp: TestSmtp;
let mailer: Mailer;
let h: ApiHarness;
let chair: { cookie: string; userId: string };
let meetingId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  mailer = createSmtpMailer(smtp.url, FROM);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

beforeEach(async () => {
  smtp.refuseWith = null;
  smtp.delayMs = 0;
  let clock = Date.UTC(2030, 0, 1);
  h = await createApiHarness({
    now: () => clock,
    mail: {
      mailer,
      timeZone: 'Asia/Almaty',
      limits: memoryMailLimiters(DEFAULT_MAIL_LIMITS, () => clock),
    },
  });
  // The harness's own clock and ours move together.
  const advance = h.clock.advance.bind(h.clock);
  h.clock.advance = (ms) => {
    advance(ms);
    clock += ms;
  };
  chair = await h.signup('chair@mfa.example', {
    name: 'Aliya Nurlanovna',
    organisation: 'Ministry of Foreign Affairs',
  });
  const res = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Human-rights dialogue', startsAt: Date.UTC(2030, 1, 3, 4, 30) },
  });
  meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

const sendInvite = (body: Record<string, unknown>, cookie = chair.cookie) =>
  h.call('POST', `/meetings/${meetingId}/invites/email`, { cookie, body });

describe('invitation by e-mail', () => {
  it('arrives with the meeting, date, role, inviter and a link that works once', async () => {
    const res = await sendInvite({ email: 'Dana@Crisis.example', role: 'participant', maxUses: 1 });
    expect(res.status).toBe(201);
    const { invite } = (await res.json()) as { invite: Record<string, unknown> };
    expect(invite).toMatchObject({
      role: 'participant',
      maxUses: 1,
      uses: 0,
      status: 'valid',
      emailedTo: 'dana@crisis.example',
    });
    // The link is only in the mail, never in the answer.
    expect(JSON.stringify(invite)).not.toMatch(/token|url/);

    const mail = await smtp.next('dana@crisis.example');
    expect(mail.from?.value).toEqual([{ name: 'Kenes', address: 'kenes@kenes.test' }]);
    expect(mail.subject).toBe('Invitation to “Human-rights dialogue”');
    expect(mail.text).toContain(
      'Aliya Nurlanovna (Ministry of Foreign Affairs) invites you to the meeting “Human-rights dialogue” on Kenes as participant.',
    );
    // 04:30 UTC is 09:30 in Almaty (UTC+5).
    expect(mail.text).toMatch(/Date: .*2030.*9:30.*\(Asia\/Almaty\)/);
    expect(mail.text).toContain('It can be used 1 time(s).');
    const { url, token } = linkIn(mail, 'invite');
    expect(url.startsWith('http://kenes.test/invite/')).toBe(true);
    expect(mail.html).toContain(`<a href="${url}">`);

    const looked = await h.call('GET', `/invites/${token}`);
    expect(await looked.json()).toEqual({
      invite: {
        status: 'valid',
        meetingTitle: 'Human-rights dialogue',
        startsAt: Date.UTC(2030, 1, 3, 4, 30),
        role: 'participant',
      },
    });
    const dana = await h.signup('dana@crisis.example');
    const accepted = await h.call('POST', `/invites/${token}/accept`, { cookie: dana.cookie });
    expect(await accepted.json()).toEqual({ meetingId, role: 'participant' });

    const other = await h.signup('other@x.example');
    const second = await h.call('POST', `/invites/${token}/accept`, { cookie: other.cookie });
    expect(second.status).toBe(410);
    expect(await errorCode(second)).toBe(ErrorCode.inviteUsedUp);
    const after = await h.call('GET', `/invites/${token}`);
    expect(await errorCode(after)).toBe(ErrorCode.inviteUsedUp);

    // The chair's list says whom it was sent to; the audit row too.
    const list = await h.call('GET', `/meetings/${meetingId}/invites`, { cookie: chair.cookie });
    const { invites } = (await list.json()) as { invites: Array<Record<string, unknown>> };
    expect(invites).toEqual([
      expect.objectContaining({ emailedTo: 'dana@crisis.example', status: 'used_up', uses: 1 }),
    ]);
  });

  it("is written in the recipient's account language, else in the one the chair chose", async () => {
    await h.signup('ru@x.example', { language: 'ru' });
    expect(
      (await sendInvite({ email: 'ru@x.example', role: 'observer', language: 'kk' })).status,
    ).toBe(201);
    const ru = await smtp.next('ru@x.example');
    expect(ru.subject).toBe('Приглашение на заседание «Human-rights dialogue»');
    expect(ru.text).toContain('в качестве наблюдателя');
    expect(
      (await sendInvite({ email: 'new@x.example', role: 'chair', language: 'kk' })).status,
    ).toBe(201);
    const kk = await smtp.next('new@x.example');
    expect(kk.subject).toBe('«Human-rights dialogue» отырысына шақыру');
    expect(kk.text).toContain('төраға ретінде');
  });

  it('escapes what people wrote in the HTML version', async () => {
    // (The room's rename command mirrors the title into this row; the harness has no rooms.)
    await h.store.meetings.renameMeeting(meetingId, '<img src=x onerror=alert(1)> & co');
    expect((await sendInvite({ email: 'x@x.example', role: 'observer' })).status).toBe(201);
    const mail = await smtp.next('x@x.example');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; co');
  });

  it('a mail the server refuses creates nothing: 502, no invite listed, no link usable', async () => {
    smtp.refuseWith = 554;
    const res = await sendInvite({ email: 'lost@x.example', role: 'participant' });
    expect(res.status).toBe(502);
    expect(await errorCode(res)).toBe(ErrorCode.mailFailed);
    const list = await h.call('GET', `/meetings/${meetingId}/invites`, { cookie: chair.cookie });
    expect(((await list.json()) as { invites: unknown[] }).invites).toEqual([]);
    const audit = await h.store.audit.list(meetingId, { action: 'invite.create' });
    expect(audit).toEqual([]);
  });

  it('an unreachable mail server is a 502 as well, answered within the timeouts', async () => {
    const dead = createSmtpMailer('smtp://127.0.0.1:1', FROM);
    const h2 = await createApiHarness({ mail: { mailer: dead } });
    try {
      const c = await h2.signup('c@x.example');
      const m = await h2.call('POST', '/meetings', { cookie: c.cookie, body: { title: 'T' } });
      const id = ((await m.json()) as { meeting: { id: string } }).meeting.id;
      const res = await h2.call('POST', `/meetings/${id}/invites/email`, {
        cookie: c.cookie,
        body: { email: 'a@x.example', role: 'observer' },
      });
      expect(res.status).toBe(502);
      expect(await h2.store.meetings.invitesOfMeeting(id)).toEqual([]);
    } finally {
      dead.close();
      await h2.cleanup();
    }
  });

  it('only a chair may send, and a non-member learns nothing', async () => {
    const p = await h.signup('p@x.example');
    const linkRes = await h.call('POST', `/meetings/${meetingId}/invites`, {
      cookie: chair.cookie,
      body: { role: 'participant' },
    });
    const { token } = (await linkRes.json()) as { token: string };
    await h.call('POST', `/invites/${token}/accept`, { cookie: p.cookie });
    const asParticipant = await sendInvite({ email: 'a@x.example', role: 'chair' }, p.cookie);
    expect(asParticipant.status).toBe(403);
    const stranger = await h.signup('s@x.example');
    const asStranger = await sendInvite({ email: 'a@x.example', role: 'chair' }, stranger.cookie);
    expect(asStranger.status).toBe(404);
    const bad = await sendInvite({ email: 'not-an-address', role: 'participant' });
    expect(bad.status).toBe(400);
    expect(smtp.received.filter((m) => m.text?.includes('a@x.example'))).toEqual([]);
  });

  it('bounds what a hostile chair can send: per recipient and per sender', async () => {
    for (let i = 0; i < DEFAULT_MAIL_LIMITS.invitesPerRecipientPerDay; i++)
      expect((await sendInvite({ email: 'victim@x.example', role: 'observer' })).status).toBe(201);
    const over = await sendInvite({ email: 'victim@x.example', role: 'observer' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another chair of another meeting meets the same per-recipient budget.
    const other = await h.signup('other-chair@x.example');
    const m = await h.call('POST', '/meetings', { cookie: other.cookie, body: { title: 'Spam' } });
    const otherMeeting = ((await m.json()) as { meeting: { id: string } }).meeting.id;
    const fromOther = await h.call('POST', `/meetings/${otherMeeting}/invites/email`, {
      cookie: other.cookie,
      body: { email: 'victim@x.example', role: 'observer' },
    });
    expect(fromOther.status).toBe(429);
    // A day later the address may be invited again.
    h.clock.advance(24 * 3_600_000);
    expect((await sendInvite({ email: 'victim@x.example', role: 'observer' })).status).toBe(201);
  });

  it('bounds the mails one account sends a day, across all its meetings', async () => {
    const limited = await createApiHarness({
      mail: {
        mailer,
        limits: memoryMailLimiters({ ...DEFAULT_MAIL_LIMITS, invitesPerSenderPerDay: 3 }, Date.now),
      },
    });
    try {
      const c = await limited.signup('c@x.example');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const m = await limited.call('POST', '/meetings', {
          cookie: c.cookie,
          body: { title: `M${i}` },
        });
        const id = ((await m.json()) as { meeting: { id: string } }).meeting.id;
        const res = await limited.call('POST', `/meetings/${id}/invites/email`, {
          cookie: c.cookie,
          body: { email: `r${i}@x.example`, role: 'observer' },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
    } finally {
      await limited.cleanup();
    }
  });
});

describe('password reset', () => {
  const forgot = (email: string, address?: string) =>
    h.call('POST', '/auth/forgot-password', { body: { email }, ...(address ? { address } : {}) });

  it('mails a link that sets a new password once, signs out everywhere and signs in here', async () => {
    const user = await h.signup('aigerim@ombudsman.example', { language: 'kk' });
    const login = await h.call('POST', '/auth/login', {
      body: { email: 'aigerim@ombudsman.example', password: PASSWORD },
    });
    const otherDevice = login.headers.getSetCookie()[0]!.split(';')[0]!;

    const res = await forgot('Aigerim@Ombudsman.example');
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });
    const mail = await smtp.next('aigerim@ombudsman.example');
    expect(mail.subject).toBe('Kenes құпиясөзін қалпына келтіру');
    const { url, token } = linkIn(mail, 'reset-password');
    expect(url.startsWith('http://kenes.test/reset-password/')).toBe(true);
    expect(mail.html).toContain(`<a href="${url}">`);

    const checked = await h.call('GET', `/auth/reset-password/${token}`);
    expect(checked.status).toBe(200);
    expect(await checked.json()).toEqual({
      email: 'aigerim@ombudsman.example',
      expiresAt: h.clock.now + 3_600_000,
    });

    const weak = await h.call('POST', `/auth/reset-password/${token}`, {
      body: { password: 'password1234' },
    });
    expect(await errorCode(weak)).toBe(ErrorCode.weakPassword);
    const done = await h.call('POST', `/auth/reset-password/${token}`, {
      body: { password: NEW_PASSWORD },
    });
    expect(done.status).toBe(200);
    const fresh = done.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(((await done.json()) as { user: { id: string } }).user.id).toBe(user.userId);

    // Every earlier session is over, their sockets told so; the new one works.
    for (const cookie of [user.cookie, otherDevice])
      expect((await h.call('GET', '/me', { cookie })).status).toBe(401);
    expect((await h.call('GET', '/me', { cookie: fresh })).status).toBe(200);
    const closed = h.connections.calls.filter((c) => c.kind === 'closeSession');
    expect(closed).toHaveLength(2);
    expect(
      closed.every((c) => c.kind === 'closeSession' && c.code === CloseCode.unauthorized),
    ).toBe(true);
    const oldLogin = await h.call('POST', '/auth/login', {
      body: { email: 'aigerim@ombudsman.example', password: PASSWORD },
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await h.call('POST', '/auth/login', {
      body: { email: 'aigerim@ombudsman.example', password: NEW_PASSWORD },
    });
    expect(newLogin.status).toBe(200);

    // Never again.
    const again = await h.call('POST', `/auth/reset-password/${token}`, {
      body: { password: 'yet another passphrase' },
    });
    expect(again.status).toBe(410);
    expect(await errorCode(again)).toBe(ErrorCode.resetUsed);
    expect(await errorCode(await h.call('GET', `/auth/reset-password/${token}`))).toBe(
      ErrorCode.resetUsed,
    );
  });

  it('ends the session this browser held before, as sign-in does (a shared computer)', async () => {
    const other = await h.signup('colleague@x.example');
    await h.signup('owner@x.example');
    await forgot('owner@x.example');
    const { token } = linkIn(await smtp.next('owner@x.example'), 'reset-password');
    const res = await h.call('POST', `/auth/reset-password/${token}`, {
      cookie: other.cookie,
      body: { password: NEW_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect((await h.call('GET', '/me', { cookie: other.cookie })).status).toBe(401);
  });

  it('an expired link says so and changes nothing', async () => {
    await h.signup('late@x.example');
    await forgot('late@x.example');
    const { token } = linkIn(await smtp.next('late@x.example'), 'reset-password');
    h.clock.advance(3_600_000);
    const checked = await h.call('GET', `/auth/reset-password/${token}`);
    expect(checked.status).toBe(410);
    expect(await errorCode(checked)).toBe(ErrorCode.resetExpired);
    const res = await h.call('POST', `/auth/reset-password/${token}`, {
      body: { password: NEW_PASSWORD },
    });
    expect(await errorCode(res)).toBe(ErrorCode.resetExpired);
    const login = await h.call('POST', '/auth/login', {
      body: { email: 'late@x.example', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const made = await h.call('GET', '/auth/reset-password/made-up-token');
    expect(made.status).toBe(404);
    expect(await errorCode(made)).toBe(ErrorCode.resetUnknown);
  });

  it('answers an unknown address exactly as a known one, without waiting for the mail', async () => {
    await h.signup('known@x.example');
    smtp.delayMs = 1_500;
    const t0 = performance.now();
    const known = await forgot('known@x.example');
    const knownMs = performance.now() - t0;
    const t1 = performance.now();
    const unknown = await forgot('nobody@x.example');
    const unknownMs = performance.now() - t1;
    expect([known.status, await known.text()]).toEqual([unknown.status, await unknown.text()]);
    expect(known.headers.get('set-cookie')).toBeNull();
    // The known address's answer did not wait for the slow mail server.
    expect(knownMs).toBeLessThan(500);
    expect(unknownMs).toBeLessThan(500);
    await smtp.next('known@x.example');
    expect(smtp.received.some((m) => m.text?.includes('nobody@x.example'))).toBe(false);
  });

  it('throttles requests per address and per client address, known or not', async () => {
    await h.signup('t@x.example');
    for (const email of ['t@x.example', 'unknown@x.example']) {
      for (let i = 0; i < DEFAULT_MAIL_LIMITS.resetsPerAddressPerHour; i++)
        expect((await forgot(email, `10.0.0.${i}`)).status).toBe(202);
      const over = await forgot(email, '10.0.1.1');
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).not.toBeNull();
    }
    for (let i = 0; i < DEFAULT_MAIL_LIMITS.resetsPerClientPerHour; i++)
      expect((await forgot(`sweep${i}@x.example`, '10.9.9.9')).status).toBe(202);
    expect((await forgot('sweep-last@x.example', '10.9.9.9')).status).toBe(429);
  });

  it('a new link does not revive an older used one; using one spends the others', async () => {
    await h.signup('two@x.example');
    await forgot('two@x.example');
    const first = linkIn(await smtp.next('two@x.example'), 'reset-password').token;
    await forgot('two@x.example');
    const second = linkIn(await smtp.next('two@x.example'), 'reset-password').token;
    expect(first).not.toBe(second);
    expect(
      (await h.call('POST', `/auth/reset-password/${second}`, { body: { password: NEW_PASSWORD } }))
        .status,
    ).toBe(200);
    const stale = await h.call('POST', `/auth/reset-password/${first}`, {
      body: { password: 'someone else entirely' },
    });
    expect(await errorCode(stale)).toBe(ErrorCode.resetUsed);
  });
});
