import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiCall, commandViaApi, createMeetingViaApi, inviteAll } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { signUpPeople, type Person } from './support/people.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 20: in a meeting with many texts only those near the screen get a
 * live editor at once; the rest are drawn from the document and become
 * editors when scrolled near, focused, or when the page is idle. For the
 * chair, a participant and an observer with 50 recommendations: a text far
 * down is readable before its editor exists, typing into it after scrolling
 * reaches everyone, a participant's suggestion shows as a suggestion on a
 * screen that has not made that editor yet, Tab reaches a text and lands in
 * its editor, and the room speaks the account's language (one language
 * loaded). Screenshots `lazy-*.png`.
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');
const N = 50;
const FAR = 44;

let kenes: RunningKenes;
let browser: Browser;
let people: Record<'chair' | 'ngo' | 'observer', Person>;
let meetingId = '';

const card = (page: Page, i: number) => page.getByTestId('recommendation').nth(i);
const textOf = (page: Page, i: number) => card(page, i).getByRole('textbox');

beforeAll(async () => {
  kenes = await startRealKenes({ COMMANDS_PER_SEC: '1000', COMMAND_BURST: '1000' });
  browser = await launchBrowser();
  people = await signUpPeople(
    browser,
    kenes.origin,
    {
      chair: { name: 'Aliya Chair', organisation: 'Ministry of Justice', email: 'chair@lazy.test' },
      ngo: {
        name: 'Dana Seitkali',
        organisation: 'Union of Crisis Centres',
        email: 'ngo@lazy.test',
        orgType: 'ngo',
      },
      observer: { name: 'Omar Observer', organisation: 'Press', email: 'obs@lazy.test' },
    },
    () => ({ viewport: { width: 1280, height: 900 } }),
  );
  const chair = people.chair.context;
  meetingId = await createMeetingViaApi(chair, kenes.origin, 'Fifty recommendations');
  await inviteAll(chair, kenes.origin, meetingId, {
    participant: [people.ngo.context],
    observer: [people.observer.context],
  });
  const { itemId } = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Ensuring gender equality and equal opportunities',
  });
  await commandViaApi(chair, kenes.origin, meetingId, { type: 'agenda.start', itemId: itemId! });
  for (let i = 1; i <= N; i++)
    await commandViaApi(chair, kenes.origin, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: `Recommendation ${i}: strengthen the national mechanism`,
    });
  for (const p of Object.values(people)) {
    await p.page.goto(`/meetings/${meetingId}`);
    await p.page.locator('[role="status"][data-status="synced"]').waitFor();
  }
  await mkdir(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('texts get their editors near the screen (issue 20)', () => {
  it('the chair types far down; the others read it, before and after their editors exist', async () => {
    const { page } = people.chair;
    expect(await page.getByTestId('recommendation').count()).toBe(N);
    await card(page, FAR).scrollIntoViewIfNeeded();
    const box = textOf(page, FAR);
    await expect.poll(() => box.getAttribute('contenteditable')).toBe('true');
    await box.click();
    await page.keyboard.type('Shelters in every region.');
    for (const who of ['ngo', 'observer'] as const) {
      const other = textOf(people[who].page, FAR);
      await expect.poll(() => other.textContent()).toContain('Shelters in every region.');
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'lazy-chair-far.png') });
    expect(people.chair.errors).toEqual([]);
  });

  it("a participant's suggestion far down shows as a suggestion on a freshly opened chair's screen", async () => {
    await commandViaApi(people.chair.context, kenes.origin, meetingId, {
      type: 'meeting.suggestionsOnly',
      on: true,
    });
    const { page } = people.ngo;
    await card(page, FAR).scrollIntoViewIfNeeded();
    const box = textOf(page, FAR);
    await expect.poll(() => box.getAttribute('contenteditable')).toBe('true');
    await box.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' And legal aid.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'lazy-participant-far.png') });
    // The chair opens the room again: card FAR is far below the fold, drawn without an editor.
    const chair = people.chair.page;
    await chair.reload();
    await chair.locator('[role="status"][data-status="synced"]').waitFor();
    const mark = card(chair, FAR).locator('ins.suggestion-mark');
    await expect.poll(() => mark.count()).toBeGreaterThan(0);
    expect(await card(chair, FAR).textContent()).toContain('And legal aid.');
    await card(chair, FAR).scrollIntoViewIfNeeded();
    await expect.poll(() => textOf(chair, FAR).getAttribute('contenteditable')).toBe('true');
    expect(
      await card(chair, FAR).locator('.suggested-insertion').first().getAttribute('title'),
    ).toContain('Dana Seitkali');
    await chair.screenshot({ path: path.join(ARTIFACTS, 'lazy-chair-suggestion.png') });
    await commandViaApi(people.chair.context, kenes.origin, meetingId, {
      type: 'meeting.suggestionsOnly',
      on: false,
    });
  });

  it('the observer reads a far text without an editor and never writes', async () => {
    const { page } = people.observer;
    await page.reload();
    await page.locator('[role="status"][data-status="synced"]').waitFor();
    await card(page, FAR).scrollIntoViewIfNeeded();
    const box = textOf(page, FAR);
    await expect.poll(() => box.getAttribute('aria-readonly')).toBe('true');
    expect(await box.textContent()).toContain('Shelters in every region.');
    expect(await box.getAttribute('contenteditable')).not.toBe('true');
    await page.screenshot({ path: path.join(ARTIFACTS, 'lazy-observer-far.png') });
    expect(people.observer.errors).toEqual([]);
  });

  it('Tab reaches a text not yet made into an editor and lands in its editor', async () => {
    const { page } = people.ngo;
    await page.reload();
    await page.locator('[role="status"][data-status="synced"]').waitFor();
    // Focus a text drawn without its editor (the last one), as a keyboard user reaching it would.
    const last = textOf(page, N - 1);
    await last.focus();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('contenteditable')))
      .toBe('true');
    await page.keyboard.type('Typed after Tab.');
    await expect
      .poll(() => textOf(people.chair.page, N - 1).textContent())
      .toContain('Typed after Tab.');
  });

  it('in Russian and Kazakh the room loads its language and the far texts read the same', async () => {
    for (const lang of ['ru', 'kk'] as const) {
      for (const who of ['chair', 'ngo', 'observer'] as const) {
        const { page, context } = people[who];
        await apiCall(context, kenes.origin, 'PATCH', '/me', { language: lang });
        await page.reload();
        await page.locator('[role="status"][data-status="synced"]').waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await card(page, FAR).scrollIntoViewIfNeeded();
        expect(await textOf(page, FAR).textContent()).toContain('Shelters in every region.');
        if (who !== 'observer') {
          await expect.poll(() => textOf(page, FAR).getAttribute('contenteditable')).toBe('true');
          await textOf(page, FAR).click();
          await page.keyboard.press('Control+End');
          await page.keyboard.type(` ${lang}-${who}`);
        }
        await page.screenshot({ path: path.join(ARTIFACTS, `lazy-${who}-${lang}.png`) });
      }
      // The account's language was applied (and remembered on this device): a reload fetches it alone.
      await people.chair.page.reload();
      await people.chair.page.locator('[role="status"][data-status="synced"]').waitFor();
      const scripts = await people.chair.page.evaluate(() =>
        performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname),
      );
      const languages = scripts.filter((s) => /\/assets\/(en|ru|kk)-[^/]+\.js$/.test(s));
      expect(languages.map((s) => s.split('/').pop()!.split('-')[0])).toEqual([lang]);
    }
    for (const p of Object.values(people)) {
      await apiCall(p.context, kenes.origin, 'PATCH', '/me', { language: 'en' });
      expect(p.errors).toEqual([]);
    }
  });
});
