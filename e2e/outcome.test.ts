import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Account, commandViaApi, createMeetingViaApi, inviteAll } from './support/api.js';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { signUpContexts } from './support/people.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * After the meeting in the browser (issue 8): a meeting scripted through the
 * API (agenda item, three speakers of three organisation types given and
 * ending the floor, two recommendations), their texts typed in the room by
 * two organisations; then the minutes, statistics, outcome (formatted text,
 * Markdown and Word downloads), a saved version and its diff after an edit,
 * authorship and the chair-only audit log — each page under axe.
 */

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const ACCOUNTS = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Justice',
    email: 'chair@outcome.test',
    orgType: 'government',
  },
  dana: {
    name: 'Dana Ombud',
    organisation: 'Office of the Ombudsman',
    email: 'dana@outcome.test',
    orgType: 'nhri',
  },
  yerlan: {
    name: 'Yerlan Activist',
    organisation: 'Women NGO Alliance',
    email: 'yerlan@outcome.test',
    orgType: 'ngo',
  },
} satisfies Record<string, Account>;
type Who = keyof typeof ACCOUNTS;

const REC1 = 'Adopt a law on domestic violence';
const REC2 = 'Fund shelters in every region';

let kenes: RunningKenes;
let browser: Browser;
let contexts: Record<Who, BrowserContext>;
let meetingId = '';
let rec1Id = '';

function url(p = ''): string {
  return `${kenes.origin}/meetings/${meetingId}${p}`;
}

async function page(who: Who, p: string): Promise<Page> {
  const pg = await contexts[who].newPage();
  await pg.goto(url(p));
  return pg;
}

/** Clicks into a recommendation's editor in the room and types at its end. */
async function typeInto(pg: Page, title: string, keys: (pg: Page) => Promise<void>) {
  const box = pg.getByRole('textbox', { name: `Text of “${title}”` });
  await box.waitFor({ timeout: 15_000 });
  await box.click();
  await pg.keyboard.press('Control+End');
  await keys(pg);
}

/** Polls the API (every 100 ms, up to 15 s) until a recommendation's text (outcome JSON) contains `text`. */
async function waitForText(recTitle: string, text: string) {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    const res = await contexts.chair.request.get(
      `${kenes.origin}/api/meetings/${meetingId}/outcome`,
    );
    const body = (await res.json()) as {
      sections: Array<{ recommendations: Array<{ title: string; blocks: unknown }> }>;
    };
    const rec = body.sections.flatMap((s) => s.recommendations).find((r) => r.title === recTitle);
    last = JSON.stringify(rec?.blocks ?? null);
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${recTitle}" never contained "${text}"; last: ${last}`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
  contexts = await signUpContexts(browser, kenes.origin, ACCOUNTS, () => ({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  }));
  const o = kenes.origin;
  meetingId = await createMeetingViaApi(contexts.chair, o, 'Gender equality dialogue');
  await inviteAll(contexts.chair, o, meetingId, {
    participant: [contexts.dana, contexts.yerlan],
  });
  const chair = (c: Parameters<typeof commandViaApi>[3]) =>
    commandViaApi(contexts.chair, o, meetingId, c);
  await chair({ type: 'meeting.setStatus', status: 'live' });
  const { itemId } = await chair({ type: 'agenda.add', title: 'Legislation', plannedMinutes: 20 });
  await chair({ type: 'agenda.start', itemId: itemId! });
  // Three speakers of three organisation types, each given and ending the floor.
  for (const who of ['dana', 'yerlan', 'chair'] as const) {
    await commandViaApi(contexts[who], o, meetingId, { type: 'queue.request', kind: 'speak' });
    await chair({ type: 'queue.grant' });
    // Over a second each, so durations read "1 sec", not "0 sec", on the screenshots.
    await new Promise((r) => setTimeout(r, 1100));
    await chair({ type: 'queue.finish' });
  }
  const r1 = await commandViaApi(contexts.dana, o, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId!,
    title: REC1,
  });
  await commandViaApi(contexts.yerlan, o, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId!,
    title: REC2,
  });
  await commandViaApi(contexts.yerlan, o, meetingId, { type: 'rec.endorse', recId: r1.recId! });
  rec1Id = r1.recId!;

  // Texts typed in the room by two organisations (so authorship binds their client ids).
  const danaRoom = await page('dana', '');
  await typeInto(danaRoom, REC1, async (pg) => {
    await pg.keyboard.type('The State should ');
    await pg.keyboard.press('Control+B');
    await pg.keyboard.type('criminalise');
    await pg.keyboard.press('Control+B');
    await pg.keyboard.type(' domestic violence.');
  });
  await waitForText(REC1, 'domestic violence.');
  const yerlanRoom = await page('yerlan', '');
  await typeInto(yerlanRoom, REC1, (pg) => pg.keyboard.type(' Shelters must be funded.'));
  await typeInto(yerlanRoom, REC2, (pg) => pg.keyboard.type('One shelter per region by 2027.'));
  await waitForText(REC1, 'Shelters must be funded.');
  await waitForText(REC2, 'by 2027.');
  await danaRoom.close();
  await yerlanRoom.close();
  // Agreed once typed: an agreed text is locked (issue 18).
  await chair({ type: 'rec.setStatus', recId: rec1Id, status: 'agreed' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('after the meeting, in the browser', () => {
  it('the minutes list every intervention in order, with speaker and organisation', async () => {
    const pg = await page('chair', '/minutes');
    const rows = pg.getByTestId('intervention');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    const text = await rows.allTextContents();
    expect(text[0]).toContain('Dana Ombud');
    expect(text[0]).toContain('Office of the Ombudsman');
    expect(text[1]).toContain('Yerlan Activist');
    expect(text[2]).toContain('Aliya Chair');
    expect(text[0]).toMatch(/Speak/);
    await expect.poll(() => pg.getByTestId('minutes-rec').count()).toBe(2);
    await axe(pg, 'minutes');
    await pg.screenshot({ path: path.join(ARTIFACTS, 'minutes-1280.png'), fullPage: true });
    await pg.close();
  }, 30_000);

  it('the statistics show a chart and a table; gender hidden with fewer than three declared', async () => {
    const pg = await page('dana', '/stats');
    await pg.getByTestId('stats-total-count').waitFor({ timeout: 10_000 });
    expect(await pg.getByTestId('stats-total-count').textContent()).toBe('3');
    const byType = pg.getByTestId('breakdown-by-type');
    await byType.locator('svg[role="img"] title').waitFor({ state: 'attached' });
    // Every organisation type has a row (zeros included, fixed order); three spoke.
    const widths = await byType
      .locator('svg[role="img"] rect.bar')
      .evaluateAll((r) => r.map((x) => Number(x.getAttribute('width'))));
    expect(widths.filter((w) => w > 0)).toHaveLength(3);
    const typeRows = await byType.getByTestId('stats-table').locator('tbody tr').allTextContents();
    expect(
      typeRows.filter((r) => /NGO|Government body|National human-rights/.test(r)),
    ).toHaveLength(3);
    const orgTable = await pg
      .getByTestId('breakdown-by-org')
      .getByTestId('stats-table')
      .textContent();
    for (const a of Object.values(ACCOUNTS)) expect(orgTable).toContain(a.organisation);
    expect(await pg.getByTestId('gender-hidden').textContent()).toMatch(/fewer than three/);
    await axe(pg, 'stats');
    await pg.screenshot({ path: path.join(ARTIFACTS, 'stats-1280.png'), fullPage: true });
    await pg.close();
  }, 30_000);

  it('the outcome page renders the formatted text; Markdown and Word downloads succeed', async () => {
    const pg = await page('yerlan', '/outcome');
    const doc = pg.getByTestId('outcome-doc');
    await doc.getByText(REC1).first().waitFor({ timeout: 10_000 });
    expect(await doc.locator('strong', { hasText: 'criminalise' }).count()).toBe(1);
    expect(await doc.getByTestId('outcome-rec').count()).toBe(2);
    expect(await doc.textContent()).toContain('Women NGO Alliance');
    await axe(pg, 'outcome');
    await pg.screenshot({ path: path.join(ARTIFACTS, 'outcome-1280.png'), fullPage: true });
    await pg.emulateMedia({ media: 'print' });
    expect(await pg.locator('.banner').isVisible()).toBe(false);
    expect(await pg.getByTestId('export-outcome-md').isVisible()).toBe(false);
    await pg.screenshot({ path: path.join(ARTIFACTS, 'outcome-print.png'), fullPage: true });
    await pg.emulateMedia({ media: 'screen' });

    const [md] = await Promise.all([
      pg.waitForEvent('download'),
      pg.getByTestId('export-outcome-md').click(),
    ]);
    expect(md.suggestedFilename()).toMatch(/outcome-\d{4}-\d\d-\d\d\.md$/);
    const text = await readFile((await md.path())!, 'utf8');
    expect(text).toContain(REC1);
    expect(text).toContain('**criminalise**');
    const [docx] = await Promise.all([
      pg.waitForEvent('download'),
      pg.getByTestId('export-outcome-docx').click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = await readFile((await docx.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await pg.close();
  }, 40_000);

  it('a saved version stays; after an edit its diff shows added and removed text', async () => {
    const room = await page('chair', '');
    await room.getByText('Save version').click();
    await room.getByLabel('Version label').fill('End of item 1');
    await room.getByRole('button', { name: 'Save', exact: true }).click();
    await room.getByTestId('version-saved').waitFor({ timeout: 10_000 });
    await room.screenshot({
      path: path.join(ARTIFACTS, 'room-header-chair.png'),
      clip: { x: 0, y: 0, width: 1280, height: 330 },
    });

    // Remove the last word ("funded.") and write something else: the chair reopens the agreed
    // text first (it is locked while agreed).
    await commandViaApi(contexts.chair, kenes.origin, meetingId, {
      type: 'rec.setStatus',
      recId: rec1Id,
      status: 'discussed',
    });
    const dana = await page('dana', '');
    await typeInto(dana, REC1, async (pg) => {
      for (let i = 0; i < 'funded.'.length; i++) await pg.keyboard.press('Backspace');
      await pg.keyboard.type('financed by the State.');
    });
    await waitForText(REC1, 'financed by the State.');
    await dana.close();

    await room.getByTestId('link-versions').click();
    await room.getByRole('link', { name: 'End of item 1' }).click();
    await room.getByTestId('version-diff').waitFor({ timeout: 10_000 });
    const diff = room.getByTestId('rec-diff').filter({ hasText: REC1 });
    await expect
      .poll(() => diff.locator('ins.diff-added').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('financed')]));
    const removed = (await diff.locator('del.diff-removed').allTextContents()).join(' ');
    expect(removed).toContain('funded');
    expect(removed).toContain('[removed: ');
    // The version itself still holds the old text.
    expect(await room.getByTestId('version-rec').filter({ hasText: REC1 }).textContent()).toContain(
      'must be funded.',
    );
    await axe(room, 'version');
    await room.screenshot({ path: path.join(ARTIFACTS, 'version-diff-1280.png'), fullPage: true });
    await room.close();
  }, 60_000);

  it('the authorship legend names both organisations that wrote', async () => {
    const pg = await page('chair', '/authorship');
    const legend = pg.getByTestId('authorship-legend');
    await legend.waitFor({ timeout: 10_000 });
    const text = await legend.textContent();
    expect(text).toContain('Office of the Ombudsman');
    expect(text).toContain('Women NGO Alliance');
    const runs = pg.locator('.run[data-org="Women NGO Alliance"]');
    expect(await runs.count()).toBeGreaterThan(0);
    await axe(pg, 'authorship');
    await pg.screenshot({ path: path.join(ARTIFACTS, 'authorship-1280.png'), fullPage: true });
    await pg.close();
  }, 30_000);

  it('the chair reads and filters the audit log; a participant gets no audit link', async () => {
    const room = await page('chair', '');
    await room.getByTestId('link-audit').click();
    const rows = room.getByTestId('audit-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(5);
    await room.getByTestId('audit-action').selectOption('queue');
    await expect
      .poll(async () => [
        ...new Set(
          await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-action')?.split('.')[0])),
        ),
      ])
      .toEqual(['queue']);
    await axe(room, 'audit');
    await room.screenshot({ path: path.join(ARTIFACTS, 'audit-1280.png') });
    await room.close();

    const dana = await page('dana', '');
    await dana.getByTestId('link-minutes').waitFor({ timeout: 10_000 });
    expect(await dana.getByTestId('link-audit').count()).toBe(0);
    await dana.goto(url('/audit'));
    await dana.getByTestId('not-allowed').waitFor();
    await dana.close();
  }, 30_000);
});
