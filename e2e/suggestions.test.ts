import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { listSuggestions, recommendationText } from '@kenes/shared';
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
 * Suggestions (issue 18) in three real browsers: the chair makes a text
 * "suggestions only"; the NGO's editor is forced into suggesting mode, and
 * the NGO suggests an insertion and a deletion; the ministry's screen shows
 * both, labelled with the NGO; the chair rejects one and accepts the other;
 * every screen converges on the same text, without suggestions; the audit
 * names both decisions and the minutes count them for the NGO. Labels carry
 * the time of each suggestion. Axe on the room with suggestions in en, ru, kk.
 * The ministry downloads the outcome as Word with the NGO's pending
 * suggestions as tracked changes, authored by the NGO's organisation.
 */
const ACCOUNTS = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@suggest.test',
    orgType: 'government',
  },
  dana: {
    name: 'Dana Seitkali',
    organisation: 'Union of Crisis Centres',
    email: 'dana@suggest.test',
    orgType: 'ngo',
  },
  marat: {
    name: 'Marat Ministry',
    organisation: 'Ministry of Justice',
    email: 'marat@suggest.test',
    orgType: 'government',
  },
} satisfies Record<string, Account>;
type Who = keyof typeof ACCOUNTS;
const WHO = Object.keys(ACCOUNTS) as Who[];

interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');
const run = promisify(execFile);
const TITLE = 'Domestic violence law';
const LABEL = `Text of “${TITLE}”`;
const ORIGINAL = 'Adopt a law on domestic violence.';

let kenes: RunningKenes;
let browser: Browser;
const people = {} as Record<Who, Person>;
let meetingId = '';
let recId = '';

async function newPerson(): Promise<Person> {
  const context = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const person: Person = { context, page, errors: [] };
  page.on('pageerror', (err) => person.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') person.errors.push(msg.text());
  });
  return person;
}

async function synced(page: Page) {
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
}

function serverText(): Promise<string> {
  return kenes.rooms.read(meetingId, (doc) => recommendationText(doc, recId)?.toString() ?? '');
}

function serverSuggestions() {
  return kenes.rooms.read(meetingId, (doc) =>
    listSuggestions(recommendationText(doc, recId)!).map((s) => [s.kind, s.text]),
  );
}

async function axe(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  for (const who of WHO) {
    people[who] = await newPerson();
    await signUpViaApi(people[who].context, kenes.origin, ACCOUNTS[who]);
  }
  meetingId = await createMeetingViaApi(people.chair.context, kenes.origin, 'Negotiated text');
  const chair = people.chair.context;
  for (const who of ['dana', 'marat'] as const)
    await inviteViaApi(chair, people[who].context, kenes.origin, meetingId, 'participant');
  const { itemId } = await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Violence against women',
    plannedMinutes: 30,
  });
  await commandViaApi(chair, kenes.origin, meetingId, { type: 'agenda.start', itemId: itemId! });
  recId = (
    await commandViaApi(chair, kenes.origin, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: TITLE,
    })
  ).recId!;
  for (const who of WHO) {
    await people[who].page.goto(`/meetings/${meetingId}`);
    await synced(people[who].page);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('suggestions credited to organisations, decided by the chair', () => {
  it('NGO suggests, the ministry sees it labelled, the chair decides, every screen converges', async () => {
    const { chair, dana, marat } = people;
    // The ministry drafts the text directly.
    const maratBox = marat.page.getByRole('textbox', { name: LABEL });
    await maratBox.click();
    await marat.page.keyboard.type(ORIGINAL);
    await expect.poll(serverText, { timeout: 15_000 }).toBe(`<paragraph>${ORIGINAL}</paragraph>`);

    // The chair makes the text suggestions-only; the NGO's toggle is forced on.
    await chair.page.getByTestId('rec-suggestions-only').check();
    const toggle = dana.page.getByTestId('suggesting-toggle');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await toggle.isDisabled()).toBe(true);

    // The NGO: strikes "domestic" and adds " without delay" at the end.
    const before = Date.now();
    const danaBox = dana.page.getByRole('textbox', { name: LABEL });
    await danaBox.getByText(ORIGINAL).waitFor();
    await danaBox.getByText('domestic').dblclick();
    await dana.page.keyboard.press('Backspace');
    await dana.page.keyboard.press('End');
    await dana.page.keyboard.type(' without delay');
    await expect.poll(serverSuggestions, { timeout: 15_000 }).toEqual([
      ['deletion', 'domestic'],
      ['insertion', ' without delay'],
    ]);

    // Each suggestion carries when it was made, on the server's clock (the guard keeps it near).
    const times = await kenes.rooms.read(meetingId, (doc) =>
      listSuggestions(recommendationText(doc, recId)!).map((s) => s.at),
    );
    for (const at of times) {
      expect(at).not.toBeNull();
      expect(at!).toBeGreaterThanOrEqual(before - 5_000);
      expect(at!).toBeLessThanOrEqual(Date.now() + 5_000);
    }
    // The ministry's screen: both, struck and inserted, labelled with the NGO and the time, in
    // the reader's locale ("… · 12:41 PM" in English).
    const deletedAt = times[0] ?? 0;
    const insertedAt = times[1] ?? 0;
    const label = async (at: number) =>
      `Suggested by Dana Seitkali, Union of Crisis Centres · ${await marat.page.evaluate(
        (t) => new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(t),
        at,
      )}`;
    await maratBox.locator('.suggested-deletion', { hasText: 'domestic' }).waitFor();
    await maratBox.locator('.suggested-insertion', { hasText: 'without delay' }).waitFor();
    expect(await maratBox.locator('.suggested-deletion').getAttribute('title')).toBe(
      await label(deletedAt),
    );
    expect(await maratBox.locator('.suggested-insertion').getAttribute('title')).toBe(
      await label(insertedAt),
    );
    const items = marat.page.getByTestId('suggestion');
    await expect.poll(() => items.count()).toBe(2);
    expect(await marat.page.getByTestId('suggestion-by').allTextContents()).toEqual([
      await label(deletedAt),
      await label(insertedAt),
    ]);
    // Participants do not decide.
    expect(await marat.page.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    await marat.page.getByTestId('suggestions').scrollIntoViewIfNeeded();
    await marat.page.screenshot({ path: path.join(ARTIFACTS, 'suggestions-ministry.png') });

    // The chair rejects the insertion and accepts the deletion.
    await chair.page.getByTestId('suggestions').scrollIntoViewIfNeeded();
    await chair.page.screenshot({ path: path.join(ARTIFACTS, 'suggestions-chair.png') });
    await chair.page.getByRole('button', { name: 'Reject: Insert “ without delay”' }).click();
    await expect.poll(serverSuggestions).toEqual([['deletion', 'domestic']]);
    await chair.page.getByRole('button', { name: 'Accept: Delete “domestic”' }).click();
    const agreed = 'Adopt a law on  violence.';
    await expect.poll(serverText).toBe(`<paragraph>${agreed}</paragraph>`);
    for (const who of WHO) {
      const box = people[who].page.getByRole('textbox', { name: LABEL });
      await expect.poll(() => box.textContent(), { timeout: 15_000 }).toBe(agreed);
      expect(await box.locator('.suggested-insertion, .suggested-deletion').count()).toBe(0);
      expect(await people[who].page.getByTestId('suggestion').count()).toBe(0);
    }
    await dana.page.screenshot({ path: path.join(ARTIFACTS, 'suggestions-decided.png') });

    const audit = await apiCall<{ entries: Array<{ action: string; payload: unknown }> }>(
      chair.context,
      kenes.origin,
      'GET',
      `/meetings/${meetingId}/audit?limit=10`,
    );
    const decisions = audit.entries.filter((e) => e.action === 'suggestion.decide');
    expect(decisions).toHaveLength(2);
    const text = JSON.stringify(decisions);
    expect(text).toContain('Union of Crisis Centres');
    expect(text).toContain('without delay');
    expect(text).toContain('domestic');

    // The minutes count them: the NGO made two, one accepted, one rejected.
    await chair.page.goto(`/meetings/${meetingId}/minutes`);
    const counts = chair.page.getByTestId('suggestion-counts');
    await counts.waitFor();
    const rows = await counts
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent?.trim())),
      );
    expect(rows).toEqual([
      ['Organisation', 'Made', 'Accepted', 'Rejected', 'Pending'],
      ['Union of Crisis Centres', '2', '1', '1', '0'],
    ]);
    await counts.scrollIntoViewIfNeeded();
    await chair.page.screenshot({ path: path.join(ARTIFACTS, 'suggestions-minutes.png') });
    await chair.page.goto(`/meetings/${meetingId}`);
    await synced(chair.page);
    for (const who of WHO) expect(people[who].errors, who).toEqual([]);
  }, 180_000);

  it('axe is clean on a room with pending suggestions, in en, ru and kk', async () => {
    const { dana, marat } = people;
    const danaBox = dana.page.getByRole('textbox', { name: LABEL });
    await danaBox.click();
    await dana.page.keyboard.press('End');
    await dana.page.keyboard.type(' Қазақстан');
    await expect.poll(serverSuggestions, { timeout: 15_000 }).toHaveLength(1);
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await apiCall(marat.context, kenes.origin, 'PATCH', '/me', { language: lang });
      await marat.page.reload();
      await synced(marat.page);
      await marat.page.getByTestId('suggestion').waitFor();
      expect(await marat.page.locator('html').getAttribute('lang')).toBe(lang);
      await axe(marat.page, `room ${lang}`);
      await marat.page.getByTestId('suggestions').scrollIntoViewIfNeeded();
      await marat.page.screenshot({ path: path.join(ARTIFACTS, `suggestions-${lang}.png`) });
    }
  }, 120_000);

  it('the ministry downloads the outcome as Word with the NGO’s suggestions as tracked changes', async () => {
    const { dana, marat } = people;
    // Besides " Қазақстан" (pending from above), the NGO strikes the first word.
    await dana.page.getByRole('textbox', { name: LABEL }).click();
    await dana.page.keyboard.press('Home');
    for (let i = 0; i < 'Adopt'.length; i++) await dana.page.keyboard.press('Shift+ArrowRight');
    await dana.page.keyboard.press('Backspace');
    await expect.poll(serverSuggestions, { timeout: 15_000 }).toEqual([
      ['deletion', 'Adopt'],
      ['insertion', ' Қазақстан'],
    ]);

    await apiCall(marat.context, kenes.origin, 'PATCH', '/me', { language: 'en' });
    await marat.page.goto(`/meetings/${meetingId}/outcome`);
    const link = marat.page.getByTestId('export-outcome-docx-tracked');
    await link.waitFor({ timeout: 10_000 });
    expect(await link.textContent()).toBe('Word with suggestions as tracked changes');
    await marat.page.screenshot({ path: path.join(ARTIFACTS, 'suggestions-outcome-tracked.png') });
    const [download] = await Promise.all([marat.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/-outcome-tracked-.*\.docx$/);
    const { stdout: xml } = await run(
      'unzip',
      ['-p', (await download.path())!, 'word/document.xml'],
      {
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    const changes = (tag: 'ins' | 'del') =>
      [...xml.matchAll(new RegExp(`<w:${tag} ([^>]*)>([\\s\\S]*?)</w:${tag}>`, 'g'))].map((m) => [
        /w:author="([^"]*)"/.exec(m[1]!)?.[1],
        [...m[2]!.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map((t) => t[1]).join(''),
      ]);
    expect(changes('del')).toEqual([['Union of Crisis Centres', 'Adopt']]);
    expect(changes('ins')).toEqual([['Union of Crisis Centres', ' Қазақстан']]);
    for (const who of WHO) expect(people[who].errors, who).toEqual([]);
  }, 60_000);
});
