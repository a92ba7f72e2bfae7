import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';
import { commandViaApi, createMeetingViaApi, inviteViaApi, signUpViaApi } from './support/api.js';

/**
 * Issue 15 (weak finding): security headers. The built client must work
 * under the Content-Security-Policy the server sends: every page of the app
 * opened in real Chromium, the editor typed in, and not one CSP violation
 * reported (neither the `securitypolicyviolation` event nor a console
 * error). Source maps of the build are not served.
 */
let kenes: RunningKenes;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const consoleErrors: string[] = [];
let meetingId = '';

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: kenes.origin });
  // Listen from the first script on: a violation during start-up counts too.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  await signUpViaApi(context, kenes.origin, {
    name: 'Amina Chair',
    organisation: 'MFA',
    email: 'csp-chair@mfa.example',
  });
  meetingId = await createMeetingViaApi(context, kenes.origin, 'CSP dialogue');
  const { itemId } = await commandViaApi(context, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Ensuring gender equality',
  });
  await commandViaApi(context, kenes.origin, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId!,
    title: 'Recommendation 1',
  });
  page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

async function pageViolations(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

describe('the built client under the server’s CSP', () => {
  it('sends the headers with the app', async () => {
    const res = await page.goto('/');
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
  });

  it('opens every page and edits a text with no CSP violation', async () => {
    await page.goto(`/meetings/${meetingId}`);
    await page
      .locator('[role="status"][data-status="synced"]')
      .first()
      .waitFor({ timeout: 15_000 });
    const editor = page.locator('.ProseMirror').first();
    await editor.waitFor({ timeout: 15_000 });
    await editor.click();
    await page.keyboard.type('Equal pay for equal work.');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' Bold words.');
    await page.waitForTimeout(500);
    expect(await editor.textContent()).toContain('Equal pay for equal work. Bold words.');
    await expect
      .poll(() => page.locator('.ProseMirror strong').first().textContent())
      .toContain('Bold words.');
    violations.push(...(await pageViolations()).map((v) => `room: ${v}`));
    for (const sub of [
      'minutes',
      'stats',
      'outcome',
      'versions',
      'authorship',
      'audit',
      'display',
      'settings',
    ]) {
      await page.goto(`/meetings/${meetingId}/${sub}`);
      await page.waitForLoadState('networkidle');
      violations.push(...(await pageViolations()).map((v) => `${sub}: ${v}`));
    }
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    violations.push(...(await pageViolations()));
    expect(violations).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  }, 90_000);

  it('shows another member’s caret and selection without a CSP violation', async () => {
    const other = await browser.newContext({ baseURL: kenes.origin });
    await other.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await signUpViaApi(other, kenes.origin, {
      name: 'Dana Participant',
      organisation: 'Ombudsman',
      email: 'csp-dana@ombudsman.example',
    });
    await inviteViaApi(context, other, kenes.origin, meetingId, 'participant');
    const dana = await other.newPage();
    const danaErrors: string[] = [];
    dana.on('console', (m) => {
      if (m.type() === 'error') danaErrors.push(m.text());
    });
    await page.goto(`/meetings/${meetingId}`);
    await dana.goto(`/meetings/${meetingId}`);
    for (const p of [page, dana])
      await p.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
    const danaEditor = dana.locator('.ProseMirror').first();
    await danaEditor.click();
    await dana.keyboard.press('End');
    await dana.keyboard.type(' Dana was here.');
    await dana.keyboard.press('Shift+Home');
    // The chair sees Dana's caret, labelled, and her selection.
    await page.locator('.collaboration-carets__label').first().waitFor({ timeout: 15_000 });
    const cspErrors = [...consoleErrors, ...danaErrors].filter((e) =>
      /Content Security Policy|Refused to/i.test(e),
    );
    expect(cspErrors).toEqual([]);
    expect(await pageViolations()).toEqual([]);
    expect(
      await dana.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
    ).toEqual([]);
    await other.close();
  }, 90_000);

  it('does not serve the build’s source maps', async () => {
    const html = await (await context.request.get('/')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expect((await context.request.get(script!)).status()).toBe(200);
    expect((await context.request.get(`${script}.map`)).status()).toBe(404);
  });
});
