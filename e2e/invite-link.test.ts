import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { apiCall, createMeetingViaApi, signUpViaApi } from './support/api.js';
import { launchBrowser, openPage } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 14 (smaller defect): a used or made-up invitation link said "You have
 * been invited" until after the person had created an account. The invite
 * page now asks the server first and says at once that the link is no longer
 * valid; a valid link names the meeting. Real server, real Chromium.
 */

let kenes: RunningKenes;
let browser: Browser;
let chair: BrowserContext;
let meetingId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  chair = await browser.newContext({ baseURL: kenes.origin });
  contexts.push(chair);
  await signUpViaApi(chair, kenes.origin, {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@invite-link.test',
  });
  meetingId = await createMeetingViaApi(chair, kenes.origin, 'Human-rights dialogue');
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await kenes?.stop();
});

async function createInvite(body: Record<string, unknown>): Promise<{ id: string; token: string }> {
  return apiCall(chair, kenes.origin, 'POST', `/meetings/${meetingId}/invites`, body);
}

/** Opens an invite link as a signed-out visitor. */
async function visit(token: string) {
  const opened = await openPage(browser, kenes.origin, `/invite/${token}`);
  contexts.push(opened.context);
  return opened;
}

describe('invite page', () => {
  it('says at once that a made-up link is not valid, and offers no sign-up', async () => {
    const { page } = await visit('this-link-was-made-up-by-someone-0123456789abc');
    const invalid = page.getByTestId('invite-invalid');
    await invalid.waitFor({ timeout: 15_000 });
    expect(await invalid.getByRole('heading').textContent()).toBe(
      'This invitation link is no longer valid',
    );
    expect(await page.getByRole('alert').textContent()).toContain(
      'This invitation does not exist.',
    );
    expect(await page.getByText('You have been invited').count()).toBe(0);
    await page.screenshot({ path: 'e2e/artifacts/invite-invalid.png' });
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
  });

  it('says at once that a used-up link is not valid', async () => {
    const once = await createInvite({ role: 'participant', maxUses: 1 });
    const first = await browser.newContext({ baseURL: kenes.origin });
    contexts.push(first);
    await signUpViaApi(first, kenes.origin, {
      name: 'Dana Seitkali',
      organisation: 'Union of Crisis Centres',
      email: 'dana@invite-link.test',
      orgType: 'ngo',
    });
    await apiCall(first, kenes.origin, 'POST', `/invites/${once.token}/accept`);

    const { page } = await visit(once.token);
    await page.getByTestId('invite-invalid').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').textContent()).toContain(
      'This invitation has already been used.',
    );
    // Nothing of the meeting is told to the holder of a dead link.
    expect(await page.content()).not.toContain('Human-rights dialogue');
  });

  it('says at once that a revoked link is not valid', async () => {
    const link = await createInvite({ role: 'observer' });
    await apiCall(chair, kenes.origin, 'POST', `/meetings/${meetingId}/invites/${link.id}/revoke`);
    const { page } = await visit(link.token);
    await page.getByTestId('invite-invalid').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').textContent()).toContain('withdrawn by the chair');
  });

  it('names the meeting and the role for a valid link, then asks to sign in or up', async () => {
    const link = await createInvite({ role: 'observer' });
    const { page, errors } = await visit(link.token);
    const meeting = page.getByTestId('invite-meeting');
    await meeting.waitFor({ timeout: 15_000 });
    expect(await meeting.textContent()).toContain('“Human-rights dialogue” as Observer');
    await page.getByRole('link', { name: 'Create an account' }).waitFor();
    expect(await page.getByTestId('invite-invalid').count()).toBe(0);
    // (A signed-out page's GET /api/me answers 401; the browser logs that resource, nothing else.)
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });
});
