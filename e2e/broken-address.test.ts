import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signUpViaApi } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * A room address with a broken percent-escape (a link cut in a chat
 * message, a typo): the page used to throw in its entry module, before
 * React rendered anything, and stayed blank.
 */
let kenes: RunningKenes;
let browser: Browser;

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('a broken room address', () => {
  it('shows that the meeting is not found, with the way back, and throws nothing', async () => {
    const context = await browser.newContext({ baseURL: kenes.origin });
    try {
      await signUpViaApi(context, kenes.origin, {
        name: 'Aliya Nurlanovna',
        organisation: 'Ministry of Foreign Affairs',
        email: 'aliya@broken-address.test',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto('/meetings/%E0%A4%A');
      await expect
        .poll(() => page.getByText('Not found, or you are not a member of this meeting.').count())
        .toBe(1);
      expect(await page.getByRole('link', { name: 'All meetings' }).count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
