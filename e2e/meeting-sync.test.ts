import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { meetingRoots } from '@kenes/shared';
import { launchBrowser, openPage } from './support/browser.js';
import { startKenes, type RunningKenes } from './support/kenesServer.js';

let kenes: RunningKenes;
let browser: Browser;

beforeAll(async () => {
  kenes = await startKenes();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

const uniqueId = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** Waits until the page's connection status reads `synced`. */
async function expectSynced(page: Page): Promise<void> {
  await page.locator('[role="status"][data-status="synced"]').waitFor({ timeout: 15_000 });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

describe('meeting page', () => {
  it('two pages sync the same meeting and both see a server-side change live', async () => {
    const meetingId = uniqueId('e2e');
    await kenes.rooms.transact(meetingId, (doc) => {
      meetingRoots(doc).meeting.set('title', 'Ensuring gender equality');
    });

    const a = await openPage(browser, kenes.origin, `/meetings/${meetingId}`);
    const b = await openPage(browser, kenes.origin, `/meetings/${meetingId}`);
    await Promise.all([expectSynced(a.page), expectSynced(b.page)]);
    expect(await heading(a.page).textContent()).toBe('Ensuring gender equality');
    expect(await heading(b.page).textContent()).toBe('Ensuring gender equality');

    // A command-style write reaches both open pages without a reload.
    await kenes.rooms.transact(meetingId, (doc) => {
      meetingRoots(doc).meeting.set('title', 'Combating violence against women');
      meetingRoots(doc).meeting.set('status', 'live');
    });
    for (const { page } of [a, b]) {
      await heading(page).filter({ hasText: 'Combating violence against women' }).waitFor();
      expect(await page.getByTestId('meeting-status').textContent()).toBe('live');
    }

    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('opens a meeting from the home page and has no accessibility violations', async () => {
    const meetingId = uniqueId('home');
    const { page, context, errors } = await openPage(browser, kenes.origin, '/');
    await page.getByLabel('Meeting id').fill(meetingId);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`**/meetings/${meetingId}`);
    await expectSynced(page);

    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
