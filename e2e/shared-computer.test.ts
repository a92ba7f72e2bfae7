import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { recommendationText } from '@kenes/shared';
import {
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  E2E_PASSWORD,
  inviteViaApi,
  signUpViaApi,
  type Account,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 14 item 5, in real Chromium: one browser shared by two people. The
 * participant opens the live meeting, goes offline, types, closes the tab;
 * back online, signs out from the home page; the observer signs in on the
 * same browser and opens the meeting — and is not refused, does not see the
 * participant's unsent text, and the browser keeps no local copy of the
 * participant's.
 */

const CHAIR: Account = {
  name: 'Aliya Chair',
  organisation: 'Ministry of Foreign Affairs',
  email: 'chair@shared.test',
};
const NGO: Account = {
  name: 'Dana Seitkali',
  organisation: 'Union of Crisis Centres',
  email: 'dana@shared.test',
  orgType: 'ngo',
};
const OBSERVER: Account = {
  name: 'Olga Observer',
  organisation: 'UNDP',
  email: 'olga@shared.test',
  orgType: 'international',
};
const TITLE = 'Fund shelters in every region';
const PRIVATE = 'Private draft of the NGO, never sent.';

let kenes: RunningKenes;
let browser: Browser;
let chair: BrowserContext;
/** The one browser profile both people use, one after the other. */
let shared: BrowserContext;
let meetingId = '';
let recId = '';
let ngoId = '';

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  chair = await browser.newContext({ baseURL: kenes.origin });
  shared = await browser.newContext({ baseURL: kenes.origin });
  await signUpViaApi(chair, kenes.origin, CHAIR);
  meetingId = await createMeetingViaApi(chair, kenes.origin, 'One computer, two people');
  // The observer's account is made elsewhere; they sign in on the shared browser later.
  const elsewhere = await browser.newContext({ baseURL: kenes.origin });
  await signUpViaApi(elsewhere, kenes.origin, OBSERVER);
  await inviteViaApi(chair, elsewhere, kenes.origin, meetingId, 'observer');
  await elsewhere.close();
  ngoId = (await signUpViaApi(shared, kenes.origin, NGO)).id;
  await inviteViaApi(chair, shared, kenes.origin, meetingId, 'participant');
  const { itemId } = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Combating violence against women',
    plannedMinutes: 30,
  });
  await commandViaApi(chair, kenes.origin, meetingId, { type: 'agenda.start', itemId: itemId! });
  await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'meeting.setStatus',
    status: 'live',
  });
  recId = (
    await commandViaApi(chair, kenes.origin, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: TITLE,
    })
  ).recId!;
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('a shared computer', () => {
  it('sign-out takes the participant’s local copy and unsent text with it', async () => {
    // The participant types offline and closes the tab.
    const tab = await shared.newPage();
    await tab.goto(`/meetings/${meetingId}`);
    await tab.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
    await shared.setOffline(true);
    await tab.getByTestId('offline-banner').waitFor({ timeout: 5_000 });
    await tab.getByRole('textbox', { name: `Text of “${TITLE}”` }).click();
    await tab.keyboard.type(PRIVATE);
    await tab.waitForTimeout(300);
    await tab.close();
    await shared.setOffline(false);

    // Back online, signs out from the home page.
    const home = await shared.newPage();
    await home.goto('/');
    // The unsent text is on this device, in the participant's local copy.
    const before = await home.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name ?? ''),
    );
    expect(before.filter((n) => n.includes(meetingId))).toHaveLength(1);
    await home.getByRole('button', { name: 'Sign out' }).click();
    await home.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect
      .poll(() => home.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '')))
      .not.toEqual(expect.arrayContaining([expect.stringContaining(meetingId)]));

    // The observer signs in on the same browser and opens the meeting.
    await home.getByLabel('E-mail').fill(OBSERVER.email);
    await home.getByLabel('Password').fill(E2E_PASSWORD);
    await home.getByRole('button', { name: 'Sign in' }).click();
    await home.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = await apiCall<{ user: { name: string } }>(shared, kenes.origin, 'GET', '/me');
    expect(me.user.name).toBe(OBSERVER.name);
    await home.goto(`/meetings/${meetingId}`);
    await home
      .locator('[role="status"][data-status="synced"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await home.waitForTimeout(1_000);

    // Not refused, and nothing of the participant's.
    expect(await home.getByTestId('refused-banner').count()).toBe(0);
    const text = home.getByRole('textbox', { name: `Text of “${TITLE}” (read only)` });
    await text.waitFor();
    expect(await text.textContent()).not.toContain(PRIVATE);
    const names = await home.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name ?? ''),
    );
    expect(names.filter((n) => n.includes(ngoId))).toEqual([]);
    expect(names).not.toContain(`kenes:${meetingId}`);
    expect(
      await home.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('kenes:unsent')),
      ),
    ).toEqual([]);
    // And the server never had it.
    expect(
      await kenes.rooms.read(meetingId, (doc) => recommendationText(doc, recId)?.toString() ?? ''),
    ).not.toContain(PRIVATE);
  });
});
