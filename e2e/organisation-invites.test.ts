import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readRecommendations } from '@kenes/shared';
import {
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 15 finding 4 and weak finding (invites), in Chromium: the room's
 * endorse button speaks for the member's meeting organisation (not a profile
 * renamed meanwhile) and compares it as the server does; the chair sees who
 * endorsed, changes a member's organisation and revokes links in Settings.
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');

let kenes: RunningKenes;
let browser: Browser;
let chair: BrowserContext;
let dana: BrowserContext;
let meetingId = '';
let recId = '';
const contexts: BrowserContext[] = [];

async function context(): Promise<BrowserContext> {
  const c = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1366, height: 900 },
  });
  contexts.push(c);
  return c;
}

async function openRoom(c: BrowserContext): Promise<Page> {
  const page = await c.newPage();
  await page.goto(`/meetings/${meetingId}`);
  await page.locator('[data-testid="recommendation"]').first().waitFor({ timeout: 20_000 });
  return page;
}

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  chair = await context();
  dana = await context();
  await signUpViaApi(chair, kenes.origin, {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@org-invites.test',
  });
  await signUpViaApi(dana, kenes.origin, {
    name: 'Dana Seitkali',
    organisation: 'Union of Crisis Centres',
    email: 'dana@org-invites.test',
    orgType: 'ngo',
  });
  meetingId = await createMeetingViaApi(chair, kenes.origin, 'Human-rights dialogue');
  await inviteViaApi(chair, dana, kenes.origin, meetingId, 'participant');
  const item = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Ensuring gender equality',
  });
  const rec = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'rec.create',
    agendaItemId: item.itemId!,
    title: 'Adopt a gender-equality law',
  });
  recId = rec.recId!;
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await kenes?.stop();
});

describe('meeting organisation in the room', () => {
  it('endorses for the meeting organisation even after the profile was renamed; the chair sees who', async () => {
    // Dana renames her profile's organisation after joining: the room still speaks for the meeting's.
    await apiCall(dana, kenes.origin, 'PATCH', '/me', { organisation: 'UNDP' });
    const page = await openRoom(dana);
    const endorse = page.getByRole('button', { name: 'Endorse for Union of Crisis Centres' });
    await endorse.waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Endorse for UNDP' }).count()).toBe(0);
    await endorse.click();
    // "union of crisis centres " is the same organisation: the button turns to withdraw.
    await page
      .getByRole('button', { name: 'Withdraw endorsement of Union of Crisis Centres' })
      .waitFor({ timeout: 15_000 });
    const chip = page.getByTestId('endorsement');
    expect(await chip.textContent()).toBe('Union of Crisis Centres');
    // A participant does not see who; the chair does.
    expect(await page.getByTestId('endorser').count()).toBe(0);

    const chairPage = await openRoom(chair);
    const chairChip = chairPage.getByTestId('endorsement');
    await chairChip.waitFor({ timeout: 15_000 });
    expect(await chairChip.textContent()).toBe('Union of Crisis Centres · Dana Seitkali');
    expect(await chairChip.getAttribute('title')).toBe('Endorsed by Dana Seitkali');
    await chairPage.screenshot({ path: path.join(ARTIFACTS, 'endorsed-by-chair-view.png') });
    const stored = await kenes.rooms.read(meetingId, (doc) =>
      JSON.stringify(readRecommendations(doc)),
    );
    expect(stored).toContain('"organisation":"Union of Crisis Centres"');
    expect(stored).not.toContain('UNDP');
    expect(recId).not.toBe('');
  });
});

describe('Settings (chair)', () => {
  it("changes a member's organisation and revokes an invitation link", async () => {
    const extra = await apiCall<{ id: string; token: string }>(
      chair,
      kenes.origin,
      'POST',
      `/meetings/${meetingId}/invites`,
      { role: 'observer', maxUses: 5 },
    );
    const page = await chair.newPage();
    await page.goto(`/meetings/${meetingId}/settings`);
    await page
      .getByRole('button', { name: 'Change the organisation of Dana Seitkali in this meeting' })
      .click();
    const input = page.getByRole('textbox', { name: 'Organisation of Dana Seitkali' });
    await input.fill('Union of Crisis Centres of Kazakhstan');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await page.getByTestId('member-organisation').allTextContents()).join('|'))
      .toContain('Union of Crisis Centres of Kazakhstan');

    const rows = page.getByTestId('invite-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const observerRow = page.locator('[data-testid="invite-row"]', { hasText: 'Observer' });
    expect(await observerRow.getAttribute('data-status')).toBe('valid');
    expect(await observerRow.textContent()).toContain('0 of 5');
    await observerRow.getByRole('button', { name: /^Revoke the invitation for Observer/ }).click();
    await expect.poll(() => observerRow.getAttribute('data-status')).toBe('revoked');
    expect(await observerRow.textContent()).toContain('Revoked');
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-invites.png'), fullPage: true });

    // The server agrees: the link is dead and the change was audited.
    const res = await chair.request.get(`${kenes.origin}/api/invites/${extra.token}`);
    expect(res.status()).toBe(410);
    const audit = await apiCall<{ entries: Array<{ action: string }> }>(
      chair,
      kenes.origin,
      'GET',
      `/meetings/${meetingId}/audit?action=member`,
    );
    expect(audit.entries.map((e) => e.action)).toContain('member.setOrganisation');
  });
});
