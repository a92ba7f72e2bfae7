import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, E2E_PASSWORD, signUpViaApi } from './support/api.js';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * The profile page `/me` (issue 17) in Chromium against a real server: one
 * account on two devices (two browser contexts with different browsers'
 * User-Agents); a password change on one signs the other out, the new
 * password works and the old does not; signing out one session and
 * everywhere; gender set and kept; sign-up asks for the organisation type
 * (no default) and gender; axe on /me and /signup in en, ru, kk; a
 * 120-character name and a long Kazakh organisation; screenshots.
 */

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const FIREFOX_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const NEW_PASSWORD = 'steppe wind over the river';

let kenes: RunningKenes;
let browser: Browser;
const opened: BrowserContext[] = [];
const pageErrors: string[] = [];

async function device(userAgent: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
    userAgent,
  });
  opened.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { context, page };
}

async function login(context: BrowserContext, email: string, password: string): Promise<void> {
  await apiCall(context, kenes.origin, 'POST', '/auth/login', { email, password });
}

/** Opens `/me` and waits until the sessions list has loaded. */
async function openProfile(page: Page): Promise<void> {
  await page.goto('/me');
  await page.getByTestId('sessions').waitFor();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const c of opened) await c.close().catch(() => undefined);
  await browser?.close();
  await kenes?.stop();
});

describe('profile: password and sessions on two devices', () => {
  const email = 'aigerim@profile.test';
  let laptop: { context: BrowserContext; page: Page };
  let phone: { context: BrowserContext; page: Page };

  it('a password change on one device signs the other out; the new password works, the old does not', async () => {
    laptop = await device(FIREFOX_UA);
    phone = await device(IPHONE_UA);
    await signUpViaApi(laptop.context, kenes.origin, {
      name: 'Aigerim Sadykova',
      organisation: 'Ministry of Foreign Affairs',
      email,
    });
    await login(phone.context, email, E2E_PASSWORD);
    await phone.page.goto('/');
    await phone.page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(phone.page.url()).pathname).toBe('/');

    // The banner's name leads to the profile.
    await laptop.page.goto('/');
    await laptop.page.getByTestId('profile-link').click();
    await laptop.page.waitForURL('**/me');
    await laptop.page.getByTestId('sessions').waitFor();
    const sessions = laptop.page.getByTestId('session');
    await expect.poll(() => sessions.count()).toBe(2);
    const current = laptop.page.locator('[data-testid="session"][data-current]');
    await expect.poll(() => current.textContent()).toMatch(/Firefox on Windows.*This device/);
    await expect.poll(() => sessions.nth(1).textContent()).toMatch(/Safari on iOS \(mobile\)/);

    // A mistyped repetition is caught before anything is sent; a wrong current password by the server.
    const form = laptop.page.locator('section[aria-labelledby="profile-password"]');
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD + '!');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: 'not the same' }).waitFor();
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: 'current password is wrong' }).waitFor();

    await form.getByLabel('Current password').fill(E2E_PASSWORD);
    // A double click sends one change (the second would fail: the current password changed).
    await form.getByRole('button', { name: 'Change password' }).dblclick();
    await form.getByText('Password changed.').waitFor();
    await laptop.page.waitForLoadState('networkidle');
    await expect.poll(() => form.getByRole('alert').count()).toBe(0);
    await expect.poll(() => sessions.count()).toBe(1);

    // The phone is signed out: its next page load lands on sign-in.
    await phone.page.reload();
    await phone.page.waitForURL('**/login**');
    await phone.page.getByLabel('E-mail').fill(email);
    await phone.page.getByLabel('Password').fill(E2E_PASSWORD);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password' }).waitFor();
    await phone.page.getByLabel('Password').fill(NEW_PASSWORD);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.waitForURL((u) => u.pathname === '/');

    // The laptop, where the password was changed, is still signed in.
    await laptop.page.reload();
    await laptop.page.getByTestId('sessions').waitFor();
    expect(new URL(laptop.page.url()).pathname).toBe('/me');
    await laptop.page.screenshot({
      path: path.join(ARTIFACTS, 'profile-sessions.png'),
      fullPage: true,
    });
  }, 60_000);

  it('signs out one other session: that device is signed out, this one stays', async () => {
    await openProfile(laptop.page);
    const sessions = laptop.page.getByTestId('session');
    await expect.poll(() => sessions.count()).toBe(2);
    const other = laptop.page.locator('[data-testid="session"]:not([data-current])');
    await other.getByRole('button', { name: /^Sign out Safari on iOS/ }).click();
    await laptop.page.getByTestId('session-ended').filter({ hasText: 'Safari on iOS' }).waitFor();
    await expect.poll(() => sessions.count()).toBe(1);
    await phone.page.reload();
    await phone.page.waitForURL('**/login**');
    await laptop.page.reload();
    await laptop.page.getByTestId('sessions').waitFor();
    expect(new URL(laptop.page.url()).pathname).toBe('/me');
  }, 30_000);

  it('sets a gender, kept on reload and never shown to anyone else', async () => {
    await openProfile(laptop.page);
    const details = laptop.page.locator('section[aria-labelledby="profile-details"]');
    await expect
      .poll(() => details.locator('p.hint', { hasText: 'anonymised' }).textContent())
      .toMatch(/at least 3 of its speakers.*fewer than 3 people/);
    await details.getByLabel('Gender (optional)').selectOption('woman');
    await details.getByRole('button', { name: 'Save profile' }).click();
    await details.getByTestId('profile-saved').filter({ hasText: 'Profile saved.' }).waitFor();
    await laptop.page.reload();
    await laptop.page.getByTestId('sessions').waitFor();
    expect(await details.getByLabel('Gender (optional)').inputValue()).toBe('woman');
    const { user } = await apiCall<{ user: { gender: string | null } }>(
      laptop.context,
      kenes.origin,
      'GET',
      '/me',
    );
    expect(user.gender).toBe('woman');

    // Another member of a meeting sees neither the gender nor the e-mail.
    const other = await device(FIREFOX_UA);
    await signUpViaApi(other.context, kenes.origin, {
      name: 'Chair',
      organisation: 'UNDP',
      email: 'chair@profile.test',
      orgType: 'international',
    });
    const { meeting } = await apiCall<{ meeting: { id: string } }>(
      other.context,
      kenes.origin,
      'POST',
      '/meetings',
      { title: 'Gender equality dialogue' },
    );
    const { token } = await apiCall<{ token: string }>(
      other.context,
      kenes.origin,
      'POST',
      `/meetings/${meeting.id}/invites`,
      { role: 'participant' },
    );
    await apiCall(laptop.context, kenes.origin, 'POST', `/invites/${token}/accept`);
    const members = await apiCall<unknown>(
      other.context,
      kenes.origin,
      'GET',
      `/meetings/${meeting.id}/members`,
    );
    expect(JSON.stringify(members)).toContain('Aigerim Sadykova');
    expect(JSON.stringify(members)).not.toMatch(/woman|gender|@profile\.test/);
  }, 30_000);

  it('signs out everywhere after a confirmation, this device included', async () => {
    await login(phone.context, email, NEW_PASSWORD);
    await openProfile(laptop.page);
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = laptop.page.getByRole('dialog');
    await dialog.getByText('this one included').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => laptop.page.getByRole('dialog').count()).toBe(0);
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.page
      .getByRole('dialog')
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    await laptop.page.waitForURL('**/login**');
    await phone.page.goto('/');
    await phone.page.waitForURL('**/login**');
    await laptop.page.goto('/me');
    await laptop.page.waitForURL('**/login**');
  }, 30_000);
});

describe('sign-up asks for the organisation type and gender', () => {
  it('refuses to go on without a type (no default), then stores the chosen type and gender', async () => {
    const { context, page } = await device(FIREFOX_UA);
    await page.goto('/signup');
    const type = page.getByLabel('Type of organisation');
    expect(await type.inputValue()).toBe('');
    await page.getByLabel('Full name').fill('Dana Nurlanovna');
    await page.getByLabel('Organisation', { exact: true }).fill('Union of Crisis Centres');
    await page.getByLabel('E-mail').fill('dana@profile.test');
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await type.evaluate((el) => (el as HTMLSelectElement).validity.valueMissing)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/signup');
    await type.selectOption('ngo');
    await page.getByLabel('Gender (optional)').selectOption('prefer_not_to_say');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const { user } = await apiCall<{ user: { orgType: string; gender: string | null } }>(
      context,
      kenes.origin,
      'GET',
      '/me',
    );
    expect(user).toMatchObject({ orgType: 'ngo', gender: 'prefer_not_to_say' });
  }, 30_000);
});

describe('profile in three languages, long names', () => {
  const LONG_NAME = 'Әйгерім'.repeat(17).slice(0, 119) + 'Ә';
  const KK_ORGANISATION =
    'Қазақстан Республикасының Адам құқықтары жөніндегі уәкілінің ұлттық алдын алу тетігі және мүмкіндігі шектеулі әйелдер қауымдастығы';

  it('axe is clean on /me and /signup in en, ru and kk; the page holds a 120-character name', async () => {
    const { context, page } = await device(FIREFOX_UA);
    await signUpViaApi(context, kenes.origin, {
      name: LONG_NAME,
      organisation: KK_ORGANISATION,
      email: 'long@profile.test',
      orgType: 'nhri',
    });
    const phone = await device(IPHONE_UA); // a second session to list
    await login(phone.context, 'long@profile.test', E2E_PASSWORD);
    for (const [lang, title, signupTitle] of [
      ['en', 'Your profile', 'Create an account'],
      ['ru', 'Ваш профиль', 'Создать учётную запись'],
      ['kk', 'Сіздің профиліңіз', 'Тіркелгі жасау'],
    ] as const) {
      await apiCall(context, kenes.origin, 'PATCH', '/me', { language: lang });
      await openProfile(page);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await axe(page, `/me ${lang}`);
      const width = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(width.scroll, `/me ${lang} overflows`).toBeLessThanOrEqual(width.viewport);
      const banner = await page.locator('header.banner').boundingBox();
      expect(banner!.height, `banner ${lang}`).toBeLessThanOrEqual(80);
      await page.screenshot({ path: path.join(ARTIFACTS, `profile-${lang}.png`), fullPage: true });

      const visitor = await device(FIREFOX_UA);
      await visitor.page.addInitScript((l) => localStorage.setItem('kenes.language', l), lang);
      await visitor.page.goto('/signup');
      await visitor.page.getByRole('heading', { level: 1 }).waitFor();
      await axe(visitor.page, `/signup ${lang}`);
      if (lang === 'kk') {
        expect(await visitor.page.getByRole('heading', { level: 1 }).textContent()).toBe(
          signupTitle,
        );
        await visitor.page.screenshot({
          path: path.join(ARTIFACTS, 'profile-signup-kk.png'),
          fullPage: true,
        });
      }
      await visitor.context.close();
    }
    // Narrow screen: still no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await openProfile(page);
    const narrow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(narrow.scroll).toBeLessThanOrEqual(narrow.viewport);
    await page.screenshot({ path: path.join(ARTIFACTS, 'profile-kk-narrow.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
