import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  linkIn,
  startTestSmtp,
  type TestSmtp,
} from '../packages/server/src/test-support/testSmtp.js';
import { apiCall, E2E_PASSWORD, signUpViaApi } from './support/api.js';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 17, e-mail, in Chromium against a real server whose SMTP_URL points
 * at an SMTP server started here: a chair sends an invitation from settings,
 * the mail is read from the SMTP server and its link opened in another
 * browser; a forgotten password is reset through the mailed link; a revoked
 * mailed invitation says so. axe on the new pages in en, ru and kk.
 */

let smtp: TestSmtp;
let kenes: RunningKenes;
let browser: Browser;
let chair: BrowserContext;
let chairPage: Page;
let meetingId = '';
const STARTS_AT = Date.UTC(2030, 2, 14, 5, 0);
const contexts: BrowserContext[] = [];

async function newContext(locale = 'en-GB'): Promise<BrowserContext> {
  const c = await browser.newContext({ baseURL: kenes.origin, locale });
  contexts.push(c);
  return c;
}

/**
 * Sets the chair's account language. Retried once: the request client may reuse a keep-alive
 * connection the server has just closed as idle (ECONNRESET), which is no part of the subject.
 */
async function chairLanguage(language: string): Promise<void> {
  try {
    await apiCall(chair, kenes.origin, 'PATCH', '/me', { language });
  } catch {
    await apiCall(chair, kenes.origin, 'PATCH', '/me', { language });
  }
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  kenes = await startRealKenes({ SMTP_URL: smtp.url, MAIL_FROM: 'Kenes <kenes@mail.test>' });
  browser = await launchBrowser();
  chair = await newContext();
  await signUpViaApi(chair, kenes.origin, {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@mail.test',
  });
  const { meeting } = await apiCall<{ meeting: { id: string } }>(
    chair,
    kenes.origin,
    'POST',
    '/meetings',
    { title: 'Human Dimension Dialogue Platform', startsAt: STARTS_AT },
  );
  meetingId = meeting.id;
  chairPage = await chair.newPage();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await kenes?.stop();
  await smtp?.close();
});

/** The chair sends an invitation from the settings page, through the form. */
async function sendFromSettings(email: string, role: string, maxUses: string) {
  await chairPage.goto(`/meetings/${meetingId}/settings`);
  const form = chairPage.getByRole('form', { name: 'Send an invitation by e-mail' });
  await form.getByLabel('E-mail address').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByLabel('Maximum uses (optional)').fill(maxUses);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await chairPage.getByTestId('invite-sent').waitFor({ timeout: 15_000 });
  expect(await chairPage.getByTestId('invite-sent').textContent()).toBe(
    `Invitation sent to ${email}.`,
  );
}

describe('invitation by e-mail', () => {
  it('the chair sends it; the mailed link names the meeting, works once, then says used up', async () => {
    await sendFromSettings('dana@crisis.test', 'participant', '1');
    const row = chairPage.getByTestId('invite-row').filter({ hasText: 'dana@crisis.test' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('valid');
    await chairPage.screenshot({ path: 'e2e/artifacts/mail-settings.png', fullPage: true });

    const mail = await smtp.next('dana@crisis.test');
    expect(mail.subject).toBe('Invitation to “Human Dimension Dialogue Platform”');
    expect(mail.text).toContain('Aliya Chair (Ministry of Foreign Affairs) invites you');
    const { url } = linkIn(mail, 'invite');
    expect(url.startsWith(`${kenes.origin}/invite/`)).toBe(true);

    // Someone else's browser opens the link: meeting, date and role before any account.
    const dana = await newContext();
    const page = await dana.newPage();
    await page.goto(url);
    const about = page.getByTestId('invite-meeting');
    await about.waitFor({ timeout: 15_000 });
    expect(await about.textContent()).toContain(
      '“Human Dimension Dialogue Platform” as Participant',
    );
    expect(await about.locator('time').getAttribute('datetime')).toBe(
      new Date(STARTS_AT).toISOString(),
    );
    await page.screenshot({ path: 'e2e/artifacts/mail-invite-page.png' });
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Full name').fill('Dana Seitkali');
    await page.getByLabel('Organisation', { exact: true }).fill('Union of Crisis Centres');
    await page.getByLabel('Type of organisation').selectOption('ngo');
    await page.getByLabel('E-mail').fill('dana@crisis.test');
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`**/meetings/${meetingId}`, { timeout: 20_000 });
    expect(
      (
        await apiCall<{ meeting: { role: string } }>(
          dana,
          kenes.origin,
          'GET',
          `/meetings/${meetingId}`,
        )
      ).meeting.role,
    ).toBe('participant');

    // Used once: the next visitor is told at once.
    const late = await newContext();
    const latePage = await late.newPage();
    await latePage.goto(url);
    await latePage.getByTestId('invite-invalid').waitFor({ timeout: 15_000 });
    expect(await latePage.getByRole('alert').textContent()).toContain(
      'This invitation has already been used.',
    );
    expect(await latePage.content()).not.toContain('Human Dimension Dialogue Platform');
  });

  it('a revoked mailed invitation says so, and accepting it is refused', async () => {
    await sendFromSettings('ombudsman@nhri.test', 'observer', '');
    const { url, token } = linkIn(await smtp.next('ombudsman@nhri.test'), 'invite');
    const row = chairPage.getByTestId('invite-row').filter({ hasText: 'ombudsman@nhri.test' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await chairPage
      .locator('[data-testid="invite-row"][data-status="revoked"]')
      .filter({ hasText: 'ombudsman@nhri.test' })
      .waitFor();

    const visitor = await newContext();
    const page = await visitor.newPage();
    await page.goto(url);
    await page.getByTestId('invite-invalid').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').textContent()).toContain('withdrawn by the chair');
    await signUpViaApi(visitor, kenes.origin, {
      name: 'Late Person',
      organisation: 'Commissioner for Human Rights',
      email: 'ombudsman@nhri.test',
      orgType: 'nhri',
    });
    const res = await visitor.request.post(`${kenes.origin}/api/invites/${token}/accept`, {
      headers: { origin: kenes.origin },
    });
    expect(res.status()).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invite_revoked');
  });
});

describe('forgotten password', () => {
  it('sign-in → forgot → mail → new password → signed in here, out elsewhere; the link never works again', async () => {
    const elsewhere = await newContext();
    await signUpViaApi(elsewhere, kenes.origin, {
      name: 'Yerlan Mazhilis',
      organisation: 'Mazhilis',
      email: 'yerlan@parliament.test',
      orgType: 'parliament',
    });
    const me = await newContext();
    const page = await me.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail').fill('yerlan@parliament.test');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgotten password' }).waitFor();
    // The address typed on the sign-in page comes along.
    expect(await page.getByLabel('E-mail').inputValue()).toBe('yerlan@parliament.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByTestId('forgot-sent').waitFor();
    expect(await page.getByTestId('forgot-sent').textContent()).toContain(
      'If there is an account for yerlan@parliament.test',
    );

    const { url } = linkIn(await smtp.next('yerlan@parliament.test'), 'reset-password');
    await page.goto(url);
    await page.getByTestId('reset-account').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('reset-account').textContent()).toBe(
      'For the account yerlan@parliament.test.',
    );
    await page.screenshot({ path: 'e2e/artifacts/mail-reset-page.png' });
    await page.locator('input[name="password"]').fill('password1234');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('too common');
    await page.locator('input[name="password"]').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { name: 'My meetings' }).waitFor({ timeout: 15_000 });

    // The other device is signed out; the new password works.
    const other = await elsewhere.request.get(`${kenes.origin}/api/me`);
    expect(other.status()).toBe(401);
    const fresh = await newContext();
    await apiCall(fresh, kenes.origin, 'POST', '/auth/login', {
      email: 'yerlan@parliament.test',
      password: 'a brand new passphrase',
    });

    // The link, opened again, says it was used and offers a new one.
    const again = await fresh.newPage();
    await again.goto(url);
    await again.getByTestId('reset-invalid').waitFor({ timeout: 15_000 });
    expect(await again.getByRole('alert').textContent()).toBe(
      'This password-reset link has already been used.',
    );
    await again.getByRole('link', { name: 'Ask for a new link' }).waitFor();
  });
});

describe('axe on the new pages in every language', () => {
  const cases = [
    { lang: 'en', locale: 'en-GB', forgot: 'Forgotten password', reset: 'Choose a new password' },
    { lang: 'ru', locale: 'ru-RU', forgot: 'Восстановление пароля', reset: 'Новый пароль' },
    { lang: 'kk', locale: 'kk-KZ', forgot: 'Құпиясөзді қалпына келтіру', reset: 'Жаңа құпиясөз' },
  ] as const;
  for (const c of cases) {
    it(`${c.lang}: forgot, reset (working and dead link), settings with the mail form`, async () => {
      const email = `axe-${c.lang}@mail.test`;
      // The account is made elsewhere: this visitor is signed out, so the browser's language shows.
      const owner = await newContext();
      await signUpViaApi(owner, kenes.origin, {
        name: `Axe ${c.lang}`,
        organisation: 'UNDP',
        email,
      });
      const ctx = await newContext(c.locale);
      const page = await ctx.newPage();
      await page.goto('/forgot-password');
      await page.getByRole('heading', { name: c.forgot }).waitFor();
      await axe(page, `${c.lang} forgot`);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('button[type="submit"]').click();
      await page.getByTestId('forgot-sent').waitFor();
      await axe(page, `${c.lang} forgot sent`);
      const { url } = linkIn(await smtp.next(email), 'reset-password');
      await page.goto(url);
      await page.getByRole('heading', { name: c.reset }).waitFor();
      await page.getByTestId('reset-account').waitFor();
      await axe(page, `${c.lang} reset`);
      // The invitation page too (meeting, date and role before any account), in this language.
      const { token } = await apiCall<{ token: string }>(
        chair,
        kenes.origin,
        'POST',
        `/meetings/${meetingId}/invites`,
        { role: 'observer' },
      );
      await page.goto(`/invite/${token}`);
      await page.getByTestId('invite-meeting').locator('time').waitFor();
      await axe(page, `${c.lang} invite`);
      await page.screenshot({ path: `e2e/artifacts/mail-invite-${c.lang}.png` });
      await page.goto('/reset-password/made-up-link');
      await page.getByTestId('reset-invalid').waitFor();
      await axe(page, `${c.lang} reset dead`);
      await page.screenshot({ path: `e2e/artifacts/mail-reset-dead-${c.lang}.png` });

      // The chair's account language picks the settings page's language (set back afterwards).
      await chairLanguage(c.lang);
      const settings = await chair.newPage();
      try {
        await settings.goto(`/meetings/${meetingId}/settings`);
        await settings.locator('html[lang="' + c.lang + '"]').waitFor();
        await settings.locator('input[name="inviteEmail"]').waitFor();
        await axe(settings, `${c.lang} settings`);
        await settings.screenshot({
          path: `e2e/artifacts/mail-settings-${c.lang}.png`,
          fullPage: true,
        });
      } finally {
        await settings.close();
        await chairLanguage('en');
      }
    });
  }
});
