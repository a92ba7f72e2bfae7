import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { VersionList } from '@kenes/shared';
import {
  type Account,
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 18 in the browser: the chair marks a text agreed in Chromium and the
 * participant's editor turns read-only, saying when; a version was saved by
 * itself; the Word export "agreed only" holds the agreed text and no draft
 * text; the chair compares two versions and restores one; axe on the changed
 * pages in en, ru and kk; screenshots in e2e/artifacts.
 */

const run = promisify(execFile);
const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const ACCOUNTS = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@agreed.test',
    orgType: 'government',
  },
  dana: {
    name: 'Dana Seitkali',
    organisation: 'Union of Crisis Centres',
    email: 'dana@agreed.test',
    orgType: 'ngo',
  },
} satisfies Record<string, Account>;
type Who = keyof typeof ACCOUNTS;

const REC_A = 'Criminalise domestic violence';
const REC_B = 'Fund crisis centres';
const TEXT_A = 'Adopt a separate law on domestic violence.';
const TEXT_B = 'One crisis centre in every region.';
const LATER_B = ' Staffed around the clock.';

let kenes: RunningKenes;
let browser: Browser;
const contexts = {} as Record<Who, BrowserContext>;
let meetingId = '';
let recA = '';

const url = (p = '') => `${kenes.origin}/meetings/${meetingId}${p}`;

async function page(who: Who, p: string): Promise<Page> {
  const pg = await contexts[who].newPage();
  await pg.goto(url(p));
  return pg;
}

async function axe(pg: Page, label: string) {
  const result = await new AxeBuilder({ page: pg }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function shot(pg: Page, name: string) {
  await pg.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

async function typeInto(pg: Page, title: string, text: string) {
  const box = pg.getByRole('textbox', { name: `Text of “${title}”`, exact: true });
  await box.waitFor({ timeout: 15_000 });
  await box.click();
  await pg.keyboard.press('Control+End');
  await pg.keyboard.type(text);
}

/** The plain text of every recommendation, by title, as the server's outcome JSON holds it. */
async function serverTexts(): Promise<Record<string, string>> {
  const body = await apiCall<{
    sections: Array<{ recommendations: Array<{ title: string; blocks: unknown }> }>;
  }>(contexts.chair, kenes.origin, 'GET', `/meetings/${meetingId}/outcome`);
  const out: Record<string, string> = {};
  for (const r of body.sections.flatMap((s) => s.recommendations))
    out[r.title] = JSON.stringify(r.blocks);
  return out;
}

/** Polls the server (every 100 ms, up to 15 s) until the text of `title` contains `text`. */
async function waitForText(title: string, text: string) {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await serverTexts())[title] ?? '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${title}" never contained "${text}"; last: ${last}`);
}

async function versions(): Promise<VersionList['versions']> {
  return (
    await apiCall<VersionList>(
      contexts.chair,
      kenes.origin,
      'GET',
      `/meetings/${meetingId}/versions`,
    )
  ).versions;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
  for (const who of Object.keys(ACCOUNTS) as Who[]) {
    contexts[who] = await browser.newContext({
      baseURL: kenes.origin,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await signUpViaApi(contexts[who], kenes.origin, ACCOUNTS[who]);
  }
  const o = kenes.origin;
  meetingId = await createMeetingViaApi(contexts.chair, o, 'Dialogue on violence against women');
  await inviteViaApi(contexts.chair, contexts.dana, o, meetingId, 'participant');
  const chair = (c: Parameters<typeof commandViaApi>[3]) =>
    commandViaApi(contexts.chair, o, meetingId, c);
  await chair({ type: 'meeting.setStatus', status: 'live' });
  const { itemId } = await chair({ type: 'agenda.add', title: 'Legislation', plannedMinutes: 20 });
  await chair({ type: 'agenda.start', itemId: itemId! });
  recA = (
    await commandViaApi(contexts.dana, o, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: REC_A,
    })
  ).recId!;
  await commandViaApi(contexts.dana, o, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId!,
    title: REC_B,
  });
  const room = await page('dana', '');
  await typeInto(room, REC_A, TEXT_A);
  await typeInto(room, REC_B, TEXT_B);
  await waitForText(REC_A, TEXT_A);
  await waitForText(REC_B, TEXT_B);
  await room.close();
  await chair({ type: 'version.save', label: 'First draft' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('agreed texts, in the browser', () => {
  it("the chair marks a text agreed: the participant's editor turns read-only and says when; a version exists", async () => {
    const dana = await page('dana', '');
    const boxA = dana.getByRole('textbox', { name: `Text of “${REC_A}”`, exact: true });
    await boxA.waitFor({ timeout: 15_000 });
    // The text shows first, drawn without an editor; the live editor takes over within moments.
    await expect.poll(() => boxA.getAttribute('contenteditable'), { timeout: 15_000 }).toBe('true');

    const chairRoom = await page('chair', '');
    const status = chairRoom.getByLabel(`Status of “${REC_A}”`);
    await status.waitFor({ timeout: 15_000 });
    await status.selectOption('agreed');

    // Live, without reload: read only, with the time of agreement.
    const readOnly = dana.getByRole('textbox', {
      name: `Text of “${REC_A}” (read only)`,
      exact: true,
    });
    await readOnly.waitFor({ timeout: 10_000 });
    expect(await readOnly.getAttribute('contenteditable')).toBe('false');
    const card = dana.getByTestId('recommendation').filter({ hasText: REC_A });
    await expect
      .poll(() => card.getByTestId('agreed-note').textContent())
      .toMatch(/^Agreed at \d{1,2}:\d{2}/);
    // The other text stays editable; the rename button is gone for the agreed one.
    expect(
      await dana
        .getByRole('textbox', { name: `Text of “${REC_B}”`, exact: true })
        .getAttribute('contenteditable'),
    ).toBe('true');
    expect(await card.getByRole('button', { name: 'Rename' }).count()).toBe(0);
    // The chair's own editor is read-only too.
    await chairRoom
      .getByRole('textbox', { name: `Text of “${REC_A}” (read only)`, exact: true })
      .waitFor({ timeout: 10_000 });
    await shot(dana, 'agreed-participant-room.png');

    // Typing at the read-only text changes nothing.
    await readOnly.click();
    await dana.keyboard.type('Sneaky ');
    await new Promise((r) => setTimeout(r, 500));
    expect((await serverTexts())[REC_A]).not.toContain('Sneaky');

    // A version was saved by itself, named for the agreed text.
    await expect
      .poll(async () => (await versions()).map((v) => [v.kind, v.label]))
      .toContainEqual(['agreed', REC_A]);
    const list = await page('dana', '/versions');
    await list.getByRole('link', { name: `Agreed: ${REC_A}` }).waitFor({ timeout: 10_000 });
    await shot(list, 'agreed-versions-list.png');
    await list.close();
    await dana.close();
    await chairRoom.close();
  }, 60_000);

  it('the Word export "agreed only" holds the agreed text and no draft text', async () => {
    const pg = await page('dana', '/outcome');
    await pg.getByTestId('outcome-doc').getByText(REC_B).waitFor({ timeout: 10_000 });
    await pg.getByLabel('Agreed only').check();
    await expect.poll(() => pg.getByTestId('outcome-rec').count()).toBe(1);
    expect(await pg.getByTestId('outcome-doc').textContent()).not.toContain(TEXT_B);
    expect(pg.url()).toContain('scope=agreed');
    expect(await pg.getByTestId('outcome-scope-note').textContent()).toBe(
      'Agreed recommendations only.',
    );
    await shot(pg, 'agreed-outcome-agreed-only.png');
    const [download] = await Promise.all([
      pg.waitForEvent('download'),
      pg.getByTestId('export-outcome-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/outcome-agreed-.*\.docx$/);
    const file = (await download.path())!;
    const { stdout: xml } = await run('unzip', ['-p', file, 'word/document.xml'], {
      maxBuffer: 10 * 1024 * 1024,
    });
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(TEXT_A);
    expect(text).toContain(REC_A);
    expect(text).not.toContain(TEXT_B);
    expect(text).not.toContain(REC_B);
    expect(text).toContain('Agreed recommendations only.');
    // "All" again: both.
    await pg.getByLabel('All', { exact: true }).check();
    await expect.poll(() => pg.getByTestId('outcome-rec').count()).toBe(2);
    await pg.close();
  }, 40_000);

  it('axe is clean on the room, versions, a version and the outcome in en, ru and kk', async () => {
    const first = (await versions()).find((v) => v.label === 'First draft')!;
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await apiCall(contexts.chair, kenes.origin, 'PATCH', '/me', { language: lang });
      const pg = await page('chair', '');
      await pg
        .getByTestId('recommendation')
        .filter({ hasText: REC_A })
        .getByTestId('agreed-note')
        .waitFor({ timeout: 15_000 });
      await axe(pg, `room ${lang}`);
      if (lang !== 'en') await shot(pg, `agreed-room-${lang}.png`);
      for (const p of ['/versions', `/versions/${first.id}`, '/outcome?scope=agreed']) {
        await pg.goto(url(p));
        await pg.locator('main h2').first().waitFor({ timeout: 10_000 });
        await axe(pg, `${p} ${lang}`);
      }
      await shot(pg, `agreed-outcome-${lang}.png`);
      await pg.close();
    }
    await apiCall(contexts.chair, kenes.origin, 'PATCH', '/me', { language: 'en' });
  }, 120_000);

  it('the chair compares two versions and restores one', async () => {
    // The chair reopens the agreed text; the participant writes more.
    await commandViaApi(contexts.chair, kenes.origin, meetingId, {
      type: 'rec.setStatus',
      recId: recA,
      status: 'discussed',
    });
    const dana = await page('dana', '');
    await typeInto(dana, REC_B, LATER_B);
    await waitForText(REC_B, LATER_B.trim());

    const pg = await page('chair', '/versions');
    const form = pg.getByTestId('compare-form');
    await form.waitFor({ timeout: 10_000 });
    const all = await versions();
    const first = all.find((v) => v.label === 'First draft')!;
    const agreed = all.find((v) => v.kind === 'agreed')!;
    await pg.getByTestId('compare-from').selectOption(first.id);
    await pg.getByTestId('compare-to').selectOption(agreed.id);
    await shot(pg, 'agreed-versions-compare.png');
    await form.getByRole('button', { name: 'Compare' }).click();
    await pg.waitForURL(new RegExp(`/versions/${first.id}\\?to=${agreed.id}$`));
    await pg.getByText(`What changed from this version to “Agreed: ${REC_A}”`).waitFor();
    const recDiff = pg.getByTestId('rec-diff').filter({ hasText: REC_A });
    expect(await recDiff.textContent()).toContain('Draft → Agreed');
    // The later, live-only sentence is no part of a comparison of two versions.
    expect(await pg.getByTestId('version-diff').textContent()).not.toContain('around the clock');
    await axe(pg, 'compare');
    await shot(pg, 'agreed-compare.png');

    // Restore "First draft": confirm says what is not rolled back.
    await pg.goto(url(`/versions/${first.id}`));
    await pg.getByTestId('restore-version').click();
    const confirm = pg.getByRole('group').filter({ hasText: 'not rolled back' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('speaker queue');
    await axe(pg, 'restore confirm');
    await shot(pg, 'agreed-restore-confirm.png');
    // A double click restores once (the audit below counts one).
    await pg.getByTestId('restore-confirm').dblclick();
    await pg.getByTestId('restored').waitFor({ timeout: 10_000 });

    // The texts are those of the version, live in the participant's editor too.
    await expect.poll(async () => (await serverTexts())[REC_B]).not.toContain('around the clock');
    await expect
      .poll(() =>
        dana.getByRole('textbox', { name: `Text of “${REC_B}”`, exact: true }).textContent(),
      )
      .toBe(TEXT_B);
    // Nothing lost: the state before the restore is a version, the later ones stay.
    const after = await versions();
    expect(after.map((v) => v.id)).toEqual(expect.arrayContaining(all.map((v) => v.id)));
    expect(after.find((v) => v.kind === 'restore')?.label).toBe('First draft');
    // Audited.
    const audit = await apiCall<{ entries: Array<{ action: string; result: string }> }>(
      contexts.chair,
      kenes.origin,
      'GET',
      `/meetings/${meetingId}/audit?action=version.restore`,
    );
    expect(audit.entries.filter((e) => e.result === 'ok')).toHaveLength(1);
    await shot(pg, 'agreed-restored.png');
    await pg.close();
    await dana.close();
  }, 90_000);
});
