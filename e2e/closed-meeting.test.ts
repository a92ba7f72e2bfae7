import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readMeeting, recommendationText } from '@kenes/shared';
import {
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
  type Account,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 14 item 4, in real Chromium: closing the meeting locks every editor
 * at once, and a write the server refuses (typed offline while the chair
 * closed the meeting) is never replayed — the participant is not locked out,
 * sees what they typed as a copy, stays connected, reloads without a "no
 * access" banner, and when the chair reopens, the agreed text is unchanged.
 */

interface Person {
  context: BrowserContext;
  page: Page;
  /** Close codes of the page's sync sockets. */
  closes: string[];
}

const CHAIR: Account = {
  name: 'Aliya Chair',
  organisation: 'Ministry of Foreign Affairs',
  email: 'chair@closed.test',
  orgType: 'government',
};
const NGO: Account = {
  name: 'Dana Seitkali',
  organisation: 'Union of Crisis Centres',
  email: 'dana@closed.test',
  orgType: 'ngo',
};
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');
const TITLE = 'Fund shelters in every region';
const AGREED = 'Agreed: every region funds a shelter.';

let kenes: RunningKenes;
let browser: Browser;
let chair: Person;
let ngo: Person;
let meetingId = '';
let recId = '';
let ngoId = '';

async function newPerson(): Promise<Person> {
  const context = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const person: Person = { context, page, closes: [] };
  page.on('websocket', (ws) => {
    ws.on('close', () => person.closes.push('closed'));
  });
  return person;
}

async function synced(page: Page) {
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
}

const editor = (page: Page) => page.locator('[data-testid="recommendation"] .editor-body').first();
const setStatus = (status: 'live' | 'closed') =>
  commandViaApi(chair.context, kenes.origin, meetingId, { type: 'meeting.setStatus', status });
/** The text as the server holds it. */
const serverText = () =>
  kenes.rooms.read(meetingId, (doc) => recommendationText(doc, recId)?.toString() ?? '');

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  chair = await newPerson();
  ngo = await newPerson();
  await signUpViaApi(chair.context, kenes.origin, CHAIR);
  ngoId = (await signUpViaApi(ngo.context, kenes.origin, NGO)).id;
  meetingId = await createMeetingViaApi(chair.context, kenes.origin, 'Closing the meeting');
  await inviteViaApi(chair.context, ngo.context, kenes.origin, meetingId, 'participant');
  const { itemId } = await commandViaApi(chair.context, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Combating violence against women',
    plannedMinutes: 30,
  });
  await commandViaApi(chair.context, kenes.origin, meetingId, {
    type: 'agenda.start',
    itemId: itemId!,
  });
  await setStatus('live');
  recId = (
    await commandViaApi(chair.context, kenes.origin, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: TITLE,
    })
  ).recId!;
  for (const p of [chair, ngo]) await p.page.goto(`/meetings/${meetingId}`);
  for (const p of [chair, ngo]) await synced(p.page);
  // The agreed text, typed by the participant while the meeting is live.
  await ngo.page.getByRole('textbox', { name: `Text of “${TITLE}”` }).click();
  await ngo.page.keyboard.type(AGREED);
  for (let i = 0; i < 100 && !(await serverText()).includes(AGREED); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('closing the meeting', () => {
  it('turns every editor read-only at once, with a calm notice and no refusal', async () => {
    expect(await editor(ngo.page).getAttribute('contenteditable')).toBe('true');
    await setStatus('closed');
    for (const p of [ngo, chair]) {
      await expect
        .poll(() => editor(p.page).getAttribute('contenteditable'), { timeout: 3_000 })
        .toBe('false');
      await p.page.getByTestId('text-locked-note').waitFor({ timeout: 3_000 });
    }
    // Typing now changes nothing and closes nothing.
    const before = ngo.closes.length;
    await editor(ngo.page).click();
    await ngo.page.keyboard.type(' nothing');
    await ngo.page.waitForTimeout(500);
    expect(await editor(ngo.page).textContent()).toBe(AGREED);
    expect(ngo.closes.length).toBe(before);
    expect(await ngo.page.getByTestId('refused-banner').count()).toBe(0);
    await setStatus('live');
    await expect
      .poll(() => editor(ngo.page).getAttribute('contenteditable'), { timeout: 3_000 })
      .toBe('true');
  });

  it('a write typed offline while the chair closed is dropped, kept as a copy, never replayed', async () => {
    const { page, context } = ngo;
    // Independent of the test before: the meeting is live, the editor writable.
    if ((await kenes.rooms.read(meetingId, readMeeting)).status !== 'live') await setStatus('live');
    await expect
      .poll(() => editor(page).getAttribute('contenteditable'), { timeout: 3_000 })
      .toBe('true');
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor({ timeout: 5_000 });
    await editor(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed on a train while the chair closed.');
    await setStatus('closed');

    await context.setOffline(false);
    // Not locked out: a calm notice, the copy, and the room connected.
    await page.getByTestId('write-refused-notice').waitFor({ timeout: 10_000 });
    const copy = page.getByTestId('unsent-copy');
    await copy.waitFor();
    expect(await copy.locator('textarea').inputValue()).toContain(
      'Typed on a train while the chair closed.',
    );
    await synced(page);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'closed-unsent-copy.png') });
    expect(await page.getByTestId('refused-banner').count()).toBe(0);
    await expect.poll(() => editor(page).textContent(), { timeout: 5_000 }).toBe(AGREED);
    expect(await editor(page).getAttribute('contenteditable')).toBe('false');
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('refused-banner').count()).toBe(0);
    expect(
      await page.locator('[role="status"][data-status]').first().getAttribute('data-status'),
    ).toBe('synced');
    expect(await serverText()).not.toContain('Typed on a train');

    // Reload: no "no access", still connected, the copy is still there.
    await page.reload();
    await synced(page);
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('refused-banner').count()).toBe(0);
    await page.getByTestId('unsent-copy').waitFor();
    expect(await editor(page).textContent()).toBe(AGREED);

    // The chair reopens: the agreed text stays as agreed, everywhere.
    await setStatus('live');
    await expect
      .poll(() => editor(page).getAttribute('contenteditable'), { timeout: 3_000 })
      .toBe('true');
    await page.waitForTimeout(1_500);
    expect(await serverText()).not.toContain('Typed on a train');
    expect(await editor(chair.page).textContent()).toBe(AGREED);
    expect(await editor(page).textContent()).toBe(AGREED);

    // The author takes the copy away.
    await page.getByTestId('unsent-copy').getByRole('button', { name: 'Discard' }).click();
    expect(await page.getByTestId('unsent-copy').count()).toBe(0);
  });

  it('a participant made observer while typing: the refused text is kept, the editor turns read-only', async () => {
    const { page } = ngo;
    if ((await kenes.rooms.read(meetingId, readMeeting)).status !== 'live') await setStatus('live');
    await expect
      .poll(() => editor(page).getAttribute('contenteditable'), { timeout: 3_000 })
      .toBe('true');
    // Typed offline, so that the whole sentence is one refused write.
    await ngo.context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor({ timeout: 5_000 });
    await editor(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed after the chair made me an observer.');
    await apiCall(chair.context, kenes.origin, 'PATCH', `/meetings/${meetingId}/members/${ngoId}`, {
      role: 'observer',
    });
    await ngo.context.setOffline(false);
    await page.getByTestId('write-refused-notice').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => editor(page).getAttribute('contenteditable'), { timeout: 5_000 })
      .toBe('false');
    expect(await page.getByTestId('unsent-copy').locator('textarea').inputValue()).toContain(
      'Typed after the chair made me an observer.',
    );
    await synced(page);
    expect(await page.getByTestId('refused-banner').count()).toBe(0);
    expect(await serverText()).not.toContain('observer.');
  });
});
