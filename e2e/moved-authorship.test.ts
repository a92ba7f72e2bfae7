import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { recommendationText, type RecommendationAuthorship } from '@kenes/shared';
import { type Account, commandViaApi, createMeetingViaApi, inviteViaApi } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { signUpContexts } from './support/people.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * "Who wrote what" follows text the editor moves (issue 14, item 3), in
 * Chromium: an NGO types two lines; the chair joins them with Delete at the
 * end of line one, or removes an empty line above the NGO's paragraph.
 * ProseMirror makes these structural changes and y-prosemirror writes them
 * as "delete, then re-insert a copy" under the chair's client id; the
 * authorship view and API must still credit the NGO.
 */

const ACCOUNTS = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@moved.test',
    orgType: 'government',
  },
  dana: {
    name: 'Dana Seitkali',
    organisation: 'Union of Crisis Centres',
    email: 'dana@moved.test',
    orgType: 'ngo',
  },
} satisfies Record<string, Account>;
type Who = keyof typeof ACCOUNTS;
const NGO = ACCOUNTS.dana.organisation;

let kenes: RunningKenes;
let browser: Browser;
let contexts: Record<Who, BrowserContext>;
const pages = {} as Record<Who, Page>;
let meetingId = '';
let itemId = '';
let recCount = 0;

/** The server's copy of a recommendation's text, as Yjs XML. */
function serverText(recId: string): Promise<string> {
  return kenes.rooms.read(meetingId, (doc) => recommendationText(doc, recId)?.toString() ?? '');
}

/** A recommendation's authorship as the API answers it: `organisation: text` runs per block. */
async function authorship(recId: string): Promise<string[][]> {
  const res = await contexts.chair.request.get(
    `${kenes.origin}/api/meetings/${meetingId}/authorship`,
  );
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { recommendations: RecommendationAuthorship[] };
  const rec = body.recommendations.find((r) => r.id === recId);
  return (rec?.blocks ?? []).map((b) => b.runs.map((r) => `${r.organisation ?? '?'}: ${r.text}`));
}

/** Dana types two lines in a new recommendation, then leaves the editor (her caret goes). */
async function twoNgoLines(): Promise<{ recId: string; label: string }> {
  const title = `Draft ${++recCount}`;
  const created = await commandViaApi(contexts.chair, kenes.origin, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId,
    title,
  });
  const recId = created.recId!;
  const label = `Text of “${title}”`;
  const dana = pages.dana;
  const box = dana.getByRole('textbox', { name: label });
  await box.click();
  await dana.keyboard.type('First NGO sentence.');
  await dana.keyboard.press('Enter');
  await dana.keyboard.type('Second NGO sentence.');
  await dana.mouse.click(5, 5); // out of the editor: her caret goes
  await expect
    .poll(() => serverText(recId), { timeout: 10_000 })
    .toBe('<paragraph>First NGO sentence.</paragraph><paragraph>Second NGO sentence.</paragraph>');
  const chairBox = pages.chair.getByRole('textbox', { name: label });
  await chairBox.locator('p').nth(1).filter({ hasText: 'Second NGO sentence.' }).waitFor();
  expect(await authorship(recId)).toEqual([
    [`${NGO}: First NGO sentence.`],
    [`${NGO}: Second NGO sentence.`],
  ]);
  return { recId, label };
}

/** Puts the chair's caret at the end of paragraph `n` (0-based) of a text box. */
async function caretAtEndOf(label: string, n: number) {
  const p = pages.chair.getByRole('textbox', { name: label }).locator('p').nth(n);
  await p.click();
  await pages.chair.keyboard.press('End');
}

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  contexts = await signUpContexts(browser, kenes.origin, ACCOUNTS, () => ({
    viewport: { width: 1280, height: 900 },
  }));
  meetingId = await createMeetingViaApi(contexts.chair, kenes.origin, 'Moved text');
  await inviteViaApi(contexts.chair, contexts.dana, kenes.origin, meetingId, 'participant');
  const chair = (c: Parameters<typeof commandViaApi>[3]) =>
    commandViaApi(contexts.chair, kenes.origin, meetingId, c);
  await chair({ type: 'meeting.setStatus', status: 'live' });
  itemId = (await chair({ type: 'agenda.add', title: 'Drafting', plannedMinutes: 30 })).itemId!;
  await chair({ type: 'agenda.start', itemId });
  for (const who of Object.keys(ACCOUNTS) as Who[]) {
    pages[who] = await contexts[who].newPage();
    await pages[who].goto(`${kenes.origin}/meetings/${meetingId}`);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('authorship follows moved text, in the browser', () => {
  it('the chair presses Delete at the end of line one: "Second NGO sentence." stays the NGO\'s', async () => {
    const { recId, label } = await twoNgoLines();
    await caretAtEndOf(label, 0);
    await pages.chair.keyboard.press('Delete');
    await expect
      .poll(() => serverText(recId), { timeout: 10_000 })
      .toBe('<paragraph>First NGO sentence.Second NGO sentence.</paragraph>');
    expect(await authorship(recId)).toEqual([[`${NGO}: First NGO sentence.Second NGO sentence.`]]);

    // The authorship view shows it the same way.
    const view = await contexts.chair.newPage();
    await view.goto(`${kenes.origin}/meetings/${meetingId}/authorship`);
    const ngoRuns = view.locator(`.run[data-org="${NGO}"]`);
    await expect
      .poll(async () => (await ngoRuns.allTextContents()).join(''), { timeout: 10_000 })
      .toContain('Second NGO sentence.');
    expect(await view.locator(`.run[data-org="${ACCOUNTS.chair.organisation}"]`).count()).toBe(0);
    await view.close();
  }, 60_000);

  it('the chair presses Enter in the middle of an NGO sentence', async () => {
    const { recId, label } = await twoNgoLines();
    const first = pages.chair.getByRole('textbox', { name: label }).locator('p').first();
    await first.click();
    await pages.chair.keyboard.press('Home');
    for (let i = 0; i < 'First NGO '.length; i++) await pages.chair.keyboard.press('ArrowRight');
    await pages.chair.keyboard.press('Enter');
    await expect
      .poll(() => serverText(recId), { timeout: 10_000 })
      .toBe(
        '<paragraph>First NGO </paragraph><paragraph>sentence.</paragraph><paragraph>Second NGO sentence.</paragraph>',
      );
    expect(await authorship(recId)).toEqual([
      [`${NGO}: First NGO `],
      [`${NGO}: sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
  }, 60_000);

  it('the chair opens and deletes an empty line above the NGO paragraph', async () => {
    const { recId, label } = await twoNgoLines();
    await caretAtEndOf(label, 0);
    await pages.chair.keyboard.press('Enter');
    await expect
      .poll(() => serverText(recId), { timeout: 10_000 })
      .toBe(
        '<paragraph>First NGO sentence.</paragraph><paragraph></paragraph><paragraph>Second NGO sentence.</paragraph>',
      );
    // Backspace at the start of the NGO's paragraph removes the empty line above it.
    const second = pages.chair.getByRole('textbox', { name: label }).locator('p').nth(2);
    await second.click();
    await pages.chair.keyboard.press('Home');
    await pages.chair.keyboard.press('Backspace');
    await expect
      .poll(() => serverText(recId), { timeout: 10_000 })
      .toBe(
        '<paragraph>First NGO sentence.</paragraph><paragraph>Second NGO sentence.</paragraph>',
      );
    expect(await authorship(recId)).toEqual([
      [`${NGO}: First NGO sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
    const twoLines =
      '<paragraph>First NGO sentence.</paragraph><paragraph>Second NGO sentence.</paragraph>';
    // Again, removed with Delete on the empty line itself, then with Delete at the end of line one.
    for (const remove of ['on the empty line', 'at the end of line one'] as const) {
      await caretAtEndOf(label, 0);
      await pages.chair.keyboard.press('Enter');
      await expect.poll(() => serverText(recId), { timeout: 10_000 }).not.toBe(twoLines);
      if (remove === 'on the empty line')
        await pages.chair.getByRole('textbox', { name: label }).locator('p').nth(1).click();
      else await caretAtEndOf(label, 0);
      await pages.chair.keyboard.press('Delete');
      await expect.poll(() => serverText(recId), { timeout: 10_000 }).toBe(twoLines);
      expect(await authorship(recId)).toEqual([
        [`${NGO}: First NGO sentence.`],
        [`${NGO}: Second NGO sentence.`],
      ]);
    }
  }, 60_000);
});
