import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
  type Account,
} from './support/api.js';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 17, the kiosk display link, in real Chromium: the chair makes a
 * display link in the meeting's settings; a hall PC with no account opens it
 * and follows the meeting live (item, speaker, countdown) as the chair gives
 * the floor; with its token the API refuses everything else; it recovers by
 * itself from a network drop and says so only when offline for long; a
 * person signed in on the same browser keeps their own role; revoking closes
 * it and the page says why. Axe in English, Russian and Kazakh; screenshots.
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');

const CHAIR: Account = {
  name: 'Amb. Aida Chair',
  organisation: 'Ministry of Foreign Affairs',
  email: 'chair@kiosk.test',
};
const DANA: Account = {
  name: 'Dana Seitkali',
  organisation: 'Union of Crisis Centres',
  email: 'dana@kiosk.test',
  orgType: 'ngo',
};
const ITEM = 'Ensuring gender equality and equal opportunities';

let kenes: RunningKenes;
let browser: Browser;
let chair: BrowserContext;
let chairPage: Page;
let dana: BrowserContext;
let hall: BrowserContext;
let hallPage: Page;
/** Frames the hall page sent and received on its sockets, and their closes. */
const hallSent: Uint8Array[] = [];
const hallReceived: Uint8Array[] = [];
let meetingId = '';
let link = '';
let token = '';

async function pickLanguage(page: Page, lang: 'en' | 'ru' | 'kk') {
  await page.locator('.language-picker select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
  chair = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
  });
  dana = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
  });
  await signUpViaApi(chair, kenes.origin, CHAIR);
  await signUpViaApi(dana, kenes.origin, DANA);
  meetingId = await createMeetingViaApi(chair, kenes.origin, 'Human Dimension Dialogue Platform');
  await inviteViaApi(chair, dana, kenes.origin, meetingId, 'participant');
  const { itemId } = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: ITEM,
  });
  await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'meeting.setStatus',
    status: 'live',
  });
  await commandViaApi(chair, kenes.origin, meetingId, { type: 'agenda.start', itemId: itemId! });
  await commandViaApi(dana, kenes.origin, meetingId, { type: 'queue.request', kind: 'speak' });
  chairPage = await chair.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('kiosk display link', () => {
  it('the chair creates a display link in the meeting settings', async () => {
    await chairPage.goto(`/meetings/${meetingId}/settings`);
    const section = chairPage.getByTestId('display-links');
    await section.getByLabel('Name (optional)').fill('Hall A, main screen');
    // A double click makes one link.
    await section.getByRole('button', { name: 'Create display link' }).dblclick();
    link = await section.getByTestId('display-link-url').inputValue();
    expect(link).toMatch(new RegExp(`^${kenes.origin}/display#[A-Za-z0-9_-]{43}$`));
    token = link.split('#')[1]!;
    await expect.poll(() => section.getByTestId('display-link-row').count()).toBe(1);
    await expect.poll(() => section.getByTestId('display-link-used').innerText()).toBe('Never');
    await section.screenshot({ path: path.join(ARTIFACTS, 'kiosk-settings.png') });
  });

  it('a hall PC with no account opens it and follows the chair live: item, speaker, countdown', async () => {
    // The chair is in the room too (their presence must not reach the display).
    await chairPage.goto(`/meetings/${meetingId}`);
    hall = await browser.newContext({
      baseURL: kenes.origin,
      viewport: { width: 1600, height: 900 },
    });
    hallPage = await hall.newPage();
    hallPage.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        if (typeof f.payload !== 'string') hallSent.push(new Uint8Array(f.payload));
      });
      ws.on('framereceived', (f) => {
        if (typeof f.payload !== 'string') hallReceived.push(new Uint8Array(f.payload));
      });
    });
    await hallPage.goto(link);
    // The token leaves the address bar at once: the hall may see it before full screen.
    await expect.poll(() => hallPage.url()).toBe(`${kenes.origin}/display`);
    await hallPage.getByTestId('display-item').waitFor();
    expect(await hallPage.getByTestId('display-item').innerText()).toBe(ITEM);
    expect(await hallPage.locator('.display-exit').count()).toBe(0);
    expect(await hallPage.locator('.display-connection').count()).toBe(0);
    expect(await hallPage.locator('header.banner').count()).toBe(0);
    expect(await hallPage.getByTestId('current-speaker').count()).toBe(0);

    await commandViaApi(chair, kenes.origin, meetingId, { type: 'queue.grant' });
    await hallPage.getByTestId('current-speaker').waitFor();
    expect(await hallPage.getByTestId('current-speaker').innerText()).toContain(DANA.name);
    const clock = hallPage.getByTestId('speaker-timer-clock');
    const first = await clock.innerText();
    expect(first).toMatch(/^\d+:\d\d$/);
    await expect.poll(() => clock.innerText(), { timeout: 5000 }).not.toBe(first);

    // Nothing the display sent was a write or an awareness state; nothing of anyone's presence came.
    const isWrite = (f: Uint8Array) => f[0] === 0 && (f[1] === 2 || (f[1] === 1 && f.length > 5));
    expect(hallSent.filter(isWrite)).toEqual([]);
    expect(hallSent.filter((f) => f[0] === 1)).toEqual([]);
    expect(hallReceived.filter((f) => f[0] === 1)).toEqual([]);
    await hallPage.screenshot({ path: path.join(ARTIFACTS, 'kiosk-display.png') });

    // The chair's list shows the link in use.
    await chairPage.goto(`/meetings/${meetingId}/settings`);
    await expect
      .poll(() => chairPage.getByTestId('display-link-used').innerText())
      .not.toBe('Never');
  });

  it('with the token the API refuses everything but the display’s own route', async () => {
    const statuses = await hallPage.evaluate(
      async ({ token, meetingId }) => {
        const auth = { authorization: `Bearer ${token}` };
        const get = (p: string) => fetch(p, { headers: auth }).then((r) => r.status);
        const post = (p: string, body: unknown) =>
          fetch(p, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }).then((r) => r.status);
        return {
          meetings: await get('/api/meetings'),
          meeting: await get(`/api/meetings/${meetingId}`),
          me: await get('/api/me'),
          time: await get('/api/time'),
          command: await post(`/api/meetings/${meetingId}/commands`, { type: 'queue.finish' }),
          links: await post(`/api/meetings/${meetingId}/display-links`, {}),
          display: await get('/api/display'),
        };
      },
      { token, meetingId },
    );
    expect(statuses).toEqual({
      meetings: 401,
      meeting: 401,
      me: 401,
      time: 401,
      command: 401,
      links: 401,
      display: 200,
    });
    // And the hall browser holds no cookie at all.
    expect(await hall.cookies()).toEqual([]);
  });

  it('recovers by itself from a network drop, and says so quietly only when offline for long', async () => {
    const offline = hallPage.getByTestId('kiosk-offline');
    await hall.setOffline(true);
    await hallPage.waitForTimeout(1500);
    expect(await offline.getAttribute('data-offline')).toBe('false');
    await hallPage.waitForSelector('[data-testid="kiosk-offline"][data-offline="true"]', {
      timeout: 30_000,
    });
    expect(await offline.innerText()).toContain('Offline');
    await hallPage.screenshot({ path: path.join(ARTIFACTS, 'kiosk-offline.png') });
    await hall.setOffline(false);
    await hallPage.waitForSelector('[data-testid="kiosk-offline"][data-offline="false"]', {
      state: 'attached',
      timeout: 30_000,
    });
    await commandViaApi(chair, kenes.origin, meetingId, { type: 'queue.finish' });
    await hallPage.getByTestId('current-speaker').waitFor({ state: 'detached', timeout: 15_000 });
  }, 90_000);

  it('a person signed in on the same browser keeps their own role and language', async () => {
    // Dana's browser opens the display link too: her session and the link live side by side.
    const kiosk = await dana.newPage();
    await kiosk.goto(link);
    await kiosk.getByTestId('display-item').waitFor();
    await pickLanguage(kiosk, 'kk');
    const room = await dana.newPage();
    await room.goto(`/meetings/${meetingId}`);
    await room
      .locator('[role="status"][data-status="synced"]')
      .first()
      .waitFor({ timeout: 15_000 });
    const seen = await room.evaluate(async (id) => {
      const me = (await (await fetch('/api/me')).json()) as {
        user: { name: string; language: string };
      };
      const m = (await (await fetch(`/api/meetings/${id}`)).json()) as {
        meeting: { role: string };
      };
      return { name: me.user.name, language: me.user.language, role: m.meeting.role };
    }, meetingId);
    // Her role and her account's language are hers; the display's language stayed on this PC.
    expect(seen).toEqual({ name: DANA.name, language: 'en', role: 'participant' });
    await kiosk.close();
    await room.close();
  });

  it('passes axe in English, Russian and Kazakh (display and settings)', async () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await pickLanguage(hallPage, lang);
      await axe(hallPage, `kiosk display (${lang})`);
      await chairPage.goto(`/meetings/${meetingId}/settings`);
      await pickLanguage(chairPage, lang);
      await chairPage.getByTestId('display-link-row').first().waitFor();
      await axe(chairPage, `settings with display links (${lang})`);
    }
    await hallPage.screenshot({ path: path.join(ARTIFACTS, 'kiosk-display-kk.png') });
    await pickLanguage(hallPage, 'en');
    await pickLanguage(chairPage, 'en');
  });

  it('offers full screen, and hides its bar once full', async () => {
    const bar = hallPage.getByTestId('kiosk-bar');
    await bar.getByRole('button', { name: 'Full screen' }).click();
    await expect
      .poll(() => hallPage.evaluate(() => document.fullscreenElement !== null))
      .toBe(true);
    await bar.waitFor({ state: 'detached' });
    await hallPage.evaluate(() => document.exitFullscreen());
    await bar.waitFor();
  });

  it('a mistyped or incomplete link says so, and asks nothing of the API but the display route', async () => {
    const stranger = await browser.newContext({ baseURL: kenes.origin });
    const page = await stranger.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/me')
        apiCalls.push(url.pathname);
    });
    await page.goto(`/display#${'x'.repeat(43)}`);
    const message = page.getByTestId('kiosk-message');
    await message.waitFor();
    expect(await message.getAttribute('data-why')).toBe('unknown');
    expect(page.url()).toBe(`${kenes.origin}/display`);
    await axe(page, 'kiosk unknown link');
    await page.goto('/display#short');
    await page.reload();
    await message.waitFor();
    expect(await message.getAttribute('data-why')).toBe('missing');
    expect(new Set(apiCalls)).toEqual(new Set(['/api/display']));
    await stranger.close();
  });

  it('revoking closes the display at once, and the page says the link was revoked', async () => {
    await chairPage.goto(`/meetings/${meetingId}/settings`);
    const section = chairPage.getByTestId('display-links');
    await section.getByRole('button', { name: /^Revoke display link/ }).click();
    const dialog = chairPage.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => section.getByTestId('display-link-row').count()).toBe(0);

    const message = hallPage.getByTestId('kiosk-message');
    await message.waitFor({ timeout: 10_000 });
    expect(await message.getAttribute('data-why')).toBe('revoked');
    expect(await message.innerText()).toContain('The chair revoked this display link.');
    await hallPage.screenshot({ path: path.join(ARTIFACTS, 'kiosk-revoked.png') });
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await hallPage.evaluate((l) => localStorage.setItem('kenes.display.language', l), lang);
      await hallPage.reload();
      await message.waitFor();
      expect(await message.getAttribute('data-why')).toBe('revoked');
      await axe(hallPage, `kiosk revoked (${lang})`);
    }
    // The chair's audit log has both.
    const { entries } = await apiCall<{ entries: Array<{ action: string }> }>(
      chair,
      kenes.origin,
      'GET',
      `/meetings/${meetingId}/audit?action=displayLink`,
    );
    expect(entries.map((e) => e.action).sort()).toEqual([
      'displayLink.create',
      'displayLink.revoke',
    ]);
  });
});
