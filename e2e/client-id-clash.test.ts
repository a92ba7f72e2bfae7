import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { recommendationText } from '@kenes/shared';
import {
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
  type Account,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';
// The hostile client is a stock y-websocket client on a raw socket, as in the
// server's own hostile-client suites.
import {
  appendParagraph,
  connectClient,
  waitSynced,
  type TestClient,
} from '../packages/server/src/test-support/clients.js';

/**
 * Issue 15, "client-id stealing", in real Chromium: awareness reveals a
 * newcomer's client id before it writes; another participant writes under it
 * first (a raw socket). While the victim's socket is open the server refuses
 * that (the id is claimed by its awareness announcement, see
 * refusal-kinds.test.ts), so the thief strikes once the victim went offline
 * and the server dropped its socket. The victim's edits typed meanwhile must
 * still reach the server — whether the server refuses them (client-id-taken:
 * the client re-keys and resends) or Yjs notices the clash itself on sync.
 */

const CHAIR: Account = {
  name: 'Aliya Chair',
  organisation: 'Ministry of Foreign Affairs',
  email: 'chair@clash.test',
};
const VICTIM: Account = {
  name: 'Dana Seitkali',
  organisation: 'Union of Crisis Centres',
  email: 'dana@clash.test',
  orgType: 'ngo',
};
const THIEF: Account = {
  name: 'Timur Thief',
  organisation: 'Somewhere',
  email: 'timur@clash.test',
  orgType: 'other',
};

let kenes: RunningKenes;
let browser: Browser;
let chair: BrowserContext;
let victim: BrowserContext;
let thiefCookie = '';
let victimId = '';
let meetingId = '';
let itemId = '';
const raw: TestClient[] = [];

const serverText = (recId: string) =>
  kenes.rooms.read(meetingId, (doc) => recommendationText(doc, recId)?.toString() ?? '');

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies(kenes.origin)).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The thief's raw client, synced; answers it and the victim's client id read from awareness. */
async function thiefWatching(): Promise<{ thief: TestClient; victimClientId: number }> {
  const thief = connectClient(kenes.origin.replace(/^http/, 'ws') + '/sync', meetingId, {
    headers: { origin: kenes.origin, cookie: thiefCookie },
  });
  raw.push(thief);
  await waitSynced(thief);
  for (let i = 0; i < 100; i++) {
    for (const [clientId, state] of thief.provider.awareness.getStates()) {
      const user = (state as { user?: { id?: string } }).user;
      if (user?.id === victimId) return { thief, victimClientId: clientId };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the victim’s awareness state never arrived');
}

/**
 * What the server's heartbeat does to an offline browser's socket within a
 * minute, done at once: drop it. The victim's awareness claim on its client
 * id ends with it.
 */
async function serverDropsVictim(victimClientId: number): Promise<void> {
  for (const c of kenes.server.kenes.rooms.roomOf(meetingId)?.connections ?? [])
    if (c.principal.userId === victimId) c.terminate();
  await expect
    .poll(() => kenes.server.kenes.rooms.roomOf(meetingId)?.awareness.claimant(victimClientId), {
      timeout: 5_000,
    })
    .toBeUndefined();
}

/** A recommendation, the victim's room open on it, synced. */
async function sceneWithRecommendation(title: string): Promise<{ page: Page; recId: string }> {
  const { recId } = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId,
    title,
  });
  const page = await victim.newPage();
  page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
  await page.goto(`/meetings/${meetingId}`);
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
  await page.getByRole('textbox', { name: `Text of “${title}”` }).waitFor();
  return { page, recId: recId! };
}

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  chair = await browser.newContext({ baseURL: kenes.origin });
  victim = await browser.newContext({ baseURL: kenes.origin });
  const thiefContext = await browser.newContext({ baseURL: kenes.origin });
  await signUpViaApi(chair, kenes.origin, CHAIR);
  victimId = (await signUpViaApi(victim, kenes.origin, VICTIM)).id;
  await signUpViaApi(thiefContext, kenes.origin, THIEF);
  meetingId = await createMeetingViaApi(chair, kenes.origin, 'Stolen client ids');
  await inviteViaApi(chair, victim, kenes.origin, meetingId, 'participant');
  await inviteViaApi(chair, thiefContext, kenes.origin, meetingId, 'participant');
  thiefCookie = await cookieHeader(thiefContext);
  itemId = (
    await commandViaApi(chair, kenes.origin, meetingId, {
      type: 'agenda.add',
      title: 'Combating violence against women',
      plannedMinutes: 30,
    })
  ).itemId!;
  await commandViaApi(chair, kenes.origin, meetingId, { type: 'agenda.start', itemId });
  await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'meeting.setStatus',
    status: 'live',
  });
});

afterAll(async () => {
  for (const c of raw.splice(0)) c.destroy();
  await browser?.close();
  await kenes?.stop();
});

describe('a stolen client id', () => {
  it('the server refuses the victim’s edit (client-id-taken): it is re-keyed and still arrives', async () => {
    const title = 'Refused under a stolen id';
    const { page, recId } = await sceneWithRecommendation(title);
    const { thief, victimClientId } = await thiefWatching();

    await victim.setOffline(true);
    await page.getByTestId('offline-banner').waitFor({ timeout: 5_000 });
    await page.getByRole('textbox', { name: `Text of “${title}”` }).click();
    const mine = 'The victim typed this offline and it must not be lost.';
    await page.keyboard.type(mine);
    // The thief writes under the victim's id first (fewer clocks than the victim's).
    await serverDropsVictim(victimClientId);
    thief.doc.clientID = victimClientId;
    appendParagraph(thief.doc, recId, 'x');
    await expect.poll(() => serverText(recId), { timeout: 5_000 }).toContain('x');

    await victim.setOffline(false);
    await expect.poll(() => serverText(recId), { timeout: 15_000 }).toContain(mine);
    expect(await serverText(recId)).toContain('x');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('refused-banner').count()).toBe(0);
    await page.locator('[role="status"][data-status="synced"]').first().waitFor();
    // The victim's editor shows the server's text: both, once each.
    const box = page.getByRole('textbox', { name: `Text of “${title}”` });
    await expect.poll(() => box.textContent(), { timeout: 5_000 }).toContain(mine);
    expect((await box.textContent())!.split(mine).length - 1).toBe(1);
    await page.close();
  });

  it('the thief wrote more than the victim (no refusal, Yjs sees the clash): the edit still arrives', async () => {
    const title = 'Overtaken under a stolen id';
    const { page, recId } = await sceneWithRecommendation(title);
    const { thief, victimClientId } = await thiefWatching();

    await victim.setOffline(true);
    await page.getByTestId('offline-banner').waitFor({ timeout: 5_000 });
    await page.getByRole('textbox', { name: `Text of “${title}”` }).click();
    const mine = 'Short.';
    await page.keyboard.type(mine);
    await serverDropsVictim(victimClientId);
    thief.doc.clientID = victimClientId;
    appendParagraph(thief.doc, recId, 'The thief wrote a long paragraph under the victim’s id.');
    await expect.poll(() => serverText(recId), { timeout: 5_000 }).toContain('long paragraph');

    await victim.setOffline(false);
    await expect.poll(() => serverText(recId), { timeout: 15_000 }).toContain(mine);
    // Only what the victim typed was carried: the thief's text is there once.
    expect((await serverText(recId)).split('long paragraph').length - 1).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.getByTestId('refused-banner').count()).toBe(0);
    const box = page.getByRole('textbox', { name: `Text of “${title}”` });
    await expect.poll(() => box.textContent(), { timeout: 5_000 }).toContain('long paragraph');
    expect(await box.textContent()).toContain(mine);
    await page.close();
  });
});
