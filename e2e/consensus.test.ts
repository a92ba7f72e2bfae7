import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  type Account,
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Positions and consensus in the browser (issue 19), four people in four
 * browsers: the NGO objects and the ministry enters a reservation (by
 * keyboard alone); the chair's panel shows both live, grouped by type, with
 * who set them and who present has none; the observer sees them with no form
 * and its raw command is refused 403. "Agreed" asks first, naming the
 * objector; cancelled, nothing changes; confirmed, the text is agreed and the
 * positions are final. The reservation is then in the minutes, and a footnote
 * of the Markdown and Word outcome (footnotes.xml of the unzipped .docx).
 * axe on the panel and the dialog in en, ru and kk.
 */

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const ACCOUNTS = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@consensus.test',
    orgType: 'government',
  },
  ngo: {
    name: 'Dana Activist',
    organisation: 'Kadir-Kasiyet',
    email: 'ngo@consensus.test',
    orgType: 'ngo',
  },
  ministry: {
    name: 'Yerlan Deputy',
    organisation: 'Ministry of Internal Affairs',
    email: 'ministry@consensus.test',
    orgType: 'government',
  },
  observer: {
    name: 'Olga Observer',
    organisation: 'UNDP',
    email: 'observer@consensus.test',
    orgType: 'international',
  },
} satisfies Record<string, Account>;
type Who = keyof typeof ACCOUNTS;

const REC = 'Fund shelters in every region';
const OBJECTION = 'The text must name a deadline; without one we cannot agree.';
const RESERVATION = 'The number of shelters depends on the 2027 budget.';

let kenes: RunningKenes;
let browser: Browser;
const contexts = {} as Record<Who, BrowserContext>;
const pages = {} as Record<Who, Page>;
let meetingId = '';
let recId = '';
let itemId = '';

async function axe(pg: Page, label: string, include?: string) {
  let builder = new AxeBuilder({ page: pg });
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

function card(pg: Page): Locator {
  return pg.getByTestId('recommendation').filter({ hasText: REC });
}

/** Opens the recommendation's consensus panel (a disclosure) and answers it. */
async function openPanel(pg: Page): Promise<Locator> {
  const panel = card(pg).getByTestId('consensus-panel');
  await panel.waitFor({ timeout: 15_000 });
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  return panel;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
  for (const who of Object.keys(ACCOUNTS) as Who[]) {
    contexts[who] = await browser.newContext({
      baseURL: kenes.origin,
      viewport: { width: 1280, height: 900 },
    });
    await signUpViaApi(contexts[who], kenes.origin, ACCOUNTS[who]);
  }
  const o = kenes.origin;
  meetingId = await createMeetingViaApi(contexts.chair, o, 'Human-rights dialogue');
  await inviteViaApi(contexts.chair, contexts.ngo, o, meetingId, 'participant');
  await inviteViaApi(contexts.chair, contexts.ministry, o, meetingId, 'participant');
  await inviteViaApi(contexts.chair, contexts.observer, o, meetingId, 'observer');
  const chair = (c: Parameters<typeof commandViaApi>[3]) =>
    commandViaApi(contexts.chair, o, meetingId, c);
  await chair({ type: 'meeting.setStatus', status: 'live' });
  itemId = (await chair({ type: 'agenda.add', title: 'Violence against women' })).itemId!;
  await chair({ type: 'agenda.start', itemId });
  recId = (await chair({ type: 'rec.create', agendaItemId: itemId, title: REC })).recId!;
  for (const who of Object.keys(ACCOUNTS) as Who[]) {
    pages[who] = await contexts[who].newPage();
    await pages[who].goto(`${o}/meetings/${meetingId}`);
    await card(pages[who]).waitFor({ timeout: 15_000 });
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('positions and consensus', () => {
  it('the NGO objects, the ministry enters a reservation by keyboard; every screen shows them live', async () => {
    const chairPanel = await openPanel(pages.chair);
    // Everyone present but the observer is listed as having no position yet.
    await expect
      .poll(() => chairPanel.getByTestId('position-missing').allTextContents(), {
        timeout: 10_000,
      })
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Kadir-Kasiyet'),
          expect.stringContaining('Ministry of Internal Affairs'),
          expect.stringContaining('Ministry of Foreign Affairs'),
        ]),
      );
    expect(await chairPanel.getByTestId('position-missing').allTextContents()).not.toEqual(
      expect.arrayContaining([expect.stringContaining('UNDP')]),
    );

    // The NGO, with the mouse.
    const ngo = await openPanel(pages.ngo);
    await ngo.getByRole('radio', { name: 'Objects' }).check();
    await ngo.getByLabel('Why you object (required)').fill(OBJECTION);
    await ngo.getByRole('button', { name: 'Record position' }).click();

    // The ministry, by keyboard alone: the disclosure, a radio, the reason, the button.
    const mp = pages.ministry;
    const summary = card(mp).getByTestId('consensus-panel').locator('summary');
    await summary.focus();
    await mp.keyboard.press('Enter');
    const ministry = card(mp).getByTestId('consensus-panel');
    const supports = ministry.getByRole('radio', { name: 'Supports' });
    await supports.focus();
    await mp.keyboard.press('Space');
    expect(await supports.isChecked()).toBe(true);
    // Arrow keys move within the radio group.
    await mp.keyboard.press('ArrowRight');
    await mp.keyboard.press('ArrowRight');
    expect(await ministry.getByRole('radio', { name: 'Reservation' }).isChecked()).toBe(true);
    await mp.keyboard.press('Tab');
    await mp.keyboard.type(RESERVATION);
    await mp.keyboard.press('Tab');
    await mp.keyboard.press('Enter');

    // Live on the chair's screen: grouped by type, reasons in full, who set them.
    await expect
      .poll(() => chairPanel.getByTestId('position').count(), { timeout: 10_000 })
      .toBe(2);
    const groups = await chairPanel.getByTestId('consensus-group').allTextContents();
    expect(groups[0]).toMatch(/^Government body/);
    expect(groups[0]).toContain(RESERVATION);
    expect(groups[0]).toContain('set by Yerlan Deputy');
    expect(groups[1]).toMatch(/^NGO/);
    expect(groups[1]).toContain(OBJECTION);
    expect(await chairPanel.getByTestId('position-missing').allTextContents()).toEqual([
      expect.stringContaining('Ministry of Foreign Affairs'),
    ]);
    await pages.chair.screenshot({
      path: path.join(ARTIFACTS, 'consensus-chair.png'),
      fullPage: true,
    });

    // The observer sees them too, names of setters not shown, and no form.
    const obs = await openPanel(pages.observer);
    await expect.poll(() => obs.getByTestId('position').count(), { timeout: 10_000 }).toBe(2);
    expect(await obs.getByTestId('position-form').count()).toBe(0);
    expect(await obs.getByTestId('position-setter').count()).toBe(0);
    await pages.observer.screenshot({
      path: path.join(ARTIFACTS, 'consensus-observer.png'),
      fullPage: true,
    });
  }, 60_000);

  it("the observer's raw position.set is refused 403", async () => {
    const res = await contexts.observer.request.post(
      `${kenes.origin}/api/meetings/${meetingId}/commands`,
      {
        headers: { origin: kenes.origin, 'content-type': 'application/json' },
        data: { type: 'position.set', recId, kind: 'supports' },
      },
    );
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('an objection blocks "agreed" until the chair confirms, naming the objector', async () => {
    const pg = pages.chair;
    const status = card(pg).getByLabel(`Status of “${REC}”`);
    await status.selectOption('agreed');
    const dialog = pg.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('objecting-organisations').textContent()).toContain(
      'Kadir-Kasiyet',
    );
    // Focus starts on Cancel: Enter never agrees by accident.
    expect(await pg.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await axe(pg, 'confirm dialog en');
    await pg.screenshot({ path: path.join(ARTIFACTS, 'consensus-confirm.png') });
    await pg.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await card(pg).getByTestId('rec-status').textContent()).toBe('Draft');
    expect(await status.inputValue()).toBe('draft');

    await status.selectOption('agreed');
    await dialog.getByRole('button', { name: 'Agree all the same' }).click();
    await expect
      .poll(() => card(pages.ngo).getByTestId('rec-status').textContent(), { timeout: 10_000 })
      .toBe('Agreed');
    // Final: the NGO's form is gone, the panel says the positions are on the record.
    const ngo = await openPanel(pages.ngo);
    await expect.poll(() => ngo.getByTestId('position-form').count()).toBe(0);
    expect(await ngo.textContent()).toContain('these positions are on the record');
  }, 40_000);

  it('the reservation is in the minutes and a footnote of the Markdown and Word outcome', async () => {
    const minutes = await contexts.chair.newPage();
    await minutes.goto(`${kenes.origin}/meetings/${meetingId}/minutes`);
    const agreed = minutes.getByTestId('agreed-positions');
    await agreed.waitFor({ timeout: 10_000 });
    const text = await agreed.textContent();
    expect(text).toContain(
      `Ministry of Internal Affairs (Government body): Reservation — ${RESERVATION}`,
    );
    expect(text).toContain(`Kadir-Kasiyet (NGO): Objects — ${OBJECTION}`);
    await axe(minutes, 'minutes');
    await minutes.screenshot({
      path: path.join(ARTIFACTS, 'consensus-minutes.png'),
      fullPage: true,
    });
    await minutes.close();

    const get = (query: string) =>
      contexts.chair.request.get(`${kenes.origin}/api/meetings/${meetingId}/export?${query}`);
    const md = await (await get('doc=outcome&format=md&lang=en')).text();
    expect(md).toContain('- **Status:** Agreed[^1]');
    expect(md).toContain(
      `[^1]: The Ministry of Internal Affairs entered a reservation: ${RESERVATION}`,
    );
    const minutesMd = await (await get('doc=minutes&format=md&lang=en')).text();
    expect(minutesMd).toContain(RESERVATION);

    const docx = await get('doc=outcome&format=docx&lang=ru');
    expect(docx.status()).toBe(200);
    const file = path.join(ARTIFACTS, 'consensus-outcome-ru.docx');
    writeFileSync(file, await docx.body());
    const footnotes = execFileSync('unzip', ['-p', file, 'word/footnotes.xml'], {
      encoding: 'utf8',
    });
    expect(footnotes).toContain('Оговорка, заявленная организацией «Ministry of Internal Affairs»');
    expect(footnotes).toContain(RESERVATION);
    const body = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(body).toContain('<w:footnoteReference w:id="1"/>');
  }, 40_000);

  it('the consensus panel is axe-clean in en, ru and kk', async () => {
    // A second recommendation still open, so the form shows too.
    const o = kenes.origin;
    const itemRecs = await commandViaApi(contexts.ministry, o, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId,
      title: 'Train police officers',
    });
    await commandViaApi(contexts.ngo, o, meetingId, {
      type: 'position.set',
      recId: itemRecs.recId!,
      kind: 'reservation',
      text: 'Қазақша: мерзімін көрсету керек.',
    });
    const pg = pages.ministry;
    const other = pg.getByTestId('recommendation').filter({ hasText: 'Train police officers' });
    await other.waitFor({ timeout: 10_000 });
    for (const [lang, heading] of [
      ['en', 'Positions'],
      ['ru', 'Позиции'],
      ['kk', 'Ұстанымдар'],
    ] as const) {
      await pg.getByLabel(/^(Language|Язык|Тіл)$/).selectOption(lang);
      const panel = other.getByTestId('consensus-panel');
      await panel.locator('summary', { hasText: heading }).waitFor({ timeout: 10_000 });
      if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
      await panel.getByTestId('position-form').waitFor();
      await axe(pg, `consensus panel ${lang}`);
      await other.screenshot({ path: path.join(ARTIFACTS, `consensus-panel-${lang}.png`) });
    }
    await pg.getByLabel(/^(Language|Язык|Тіл)$/).selectOption('en');
  }, 60_000);
});
