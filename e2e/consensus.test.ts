import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type Account, commandViaApi, createMeetingViaApi, inviteAll } from './support/api.js';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { signUpContexts } from './support/people.js';
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
const REC2 = 'Train police officers';

let kenes: RunningKenes;
let browser: Browser;
let contexts: Record<Who, BrowserContext>;
const pages = {} as Record<Who, Page>;
let meetingId = '';
let recId = '';
let itemId = '';

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
  contexts = await signUpContexts(browser, kenes.origin, ACCOUNTS, () => ({
    viewport: { width: 1280, height: 900 },
  }));
  const o = kenes.origin;
  meetingId = await createMeetingViaApi(contexts.chair, o, 'Human-rights dialogue');
  await inviteAll(contexts.chair, o, meetingId, {
    participant: [contexts.ngo, contexts.ministry],
    observer: [contexts.observer],
  });
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

  it('the NGO comments on a phrase, the ministry replies, the chair resolves; the observer reads only', async () => {
    const o = kenes.origin;
    const rec2 = (
      await commandViaApi(contexts.ministry, o, meetingId, {
        type: 'rec.create',
        agendaItemId: itemId,
        title: REC2,
      })
    ).recId!;
    // The NGO types the text, then selects its last word with the keyboard.
    const ngo = pages.ngo;
    const box = ngo.getByRole('textbox', { name: `Text of “${REC2}”` });
    await box.waitFor({ timeout: 15_000 });
    await box.click();
    await ngo.keyboard.type('Police must be trained on domestic violence');
    for (let i = 0; i < 'violence'.length; i++) await ngo.keyboard.press('Shift+ArrowLeft');
    const ngoCard = ngo.getByTestId('recommendation').filter({ hasText: REC2 });
    // By keyboard: Tab leaves the text for "Comment on selection", Enter opens the form there.
    await ngo.keyboard.press('Tab');
    expect(await ngo.evaluate(() => document.activeElement?.textContent)).toBe(
      'Comment on selection',
    );
    await ngo.keyboard.press('Enter');
    const form = ngoCard.locator('.comment-form');
    expect(await form.locator('blockquote').textContent()).toBe('violence');
    await ngo.keyboard.type('Name the kinds of violence, <b>please</b>.');
    expect(await form.getByLabel('Your comment').inputValue()).toContain('<b>please</b>');
    await form.getByRole('button', { name: 'Post comment' }).click();

    // The phrase is marked in the text on the other screens.
    const mark = pages.ministry
      .getByTestId('recommendation')
      .filter({ hasText: REC2 })
      .locator('.comment-anchor');
    await expect.poll(() => mark.textContent(), { timeout: 10_000 }).toBe('violence');
    // Also in the observer's read-only text (no Yjs binding there: placed by counting).
    const observerMark = pages.observer
      .getByTestId('recommendation')
      .filter({ hasText: REC2 })
      .locator('.comment-anchor');
    await expect.poll(() => observerMark.textContent(), { timeout: 10_000 }).toBe('violence');
    await pages.observer
      .getByTestId('recommendation')
      .filter({ hasText: REC2 })
      .screenshot({ path: path.join(ARTIFACTS, 'comments-observer-highlight.png') });

    // The ministry replies.
    const mCard = pages.ministry.getByTestId('recommendation').filter({ hasText: REC2 });
    const mPanel = mCard.getByTestId('comments-panel');
    await expect
      .poll(() => mPanel.getByTestId('comment-badge').textContent(), { timeout: 10_000 })
      .toBe('1 open');
    await mPanel.locator('summary').click();
    const thread = mPanel.getByTestId('comment-thread');
    await thread.waitFor();
    // React text: the markup typed is shown as typed, never parsed.
    expect(await thread.locator('b').count()).toBe(0);
    expect(await thread.textContent()).toContain('<b>please</b>');
    await thread.getByLabel('Reply to Dana Activist').fill('Physical, psychological and economic.');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();

    // The chair sees both and resolves.
    const cCard = pages.chair.getByTestId('recommendation').filter({ hasText: REC2 });
    const cPanel = cCard.getByTestId('comments-panel');
    await cPanel.locator('summary').click();
    const cThread = cPanel.getByTestId('comment-thread');
    await expect
      .poll(() => cThread.getByTestId('comment-reply').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await cThread.textContent()).toContain('Kadir-Kasiyet');
    expect(await cThread.textContent()).toContain('Ministry of Internal Affairs');
    await cThread.getByRole('button', { name: 'Resolve' }).click();
    await expect
      .poll(() => cPanel.getByTestId('comment-badge').textContent(), { timeout: 10_000 })
      .toBe('0 open');
    await pages.chair.screenshot({
      path: path.join(ARTIFACTS, 'comments-chair.png'),
      fullPage: true,
    });

    // The observer reads the resolved thread (filter "All" by keyboard) and has nothing to post with.
    const oCard = pages.observer.getByTestId('recommendation').filter({ hasText: REC2 });
    const oPanel = oCard.getByTestId('comments-panel');
    await oPanel.locator('summary').focus();
    await pages.observer.keyboard.press('Enter');
    await oPanel.getByRole('radio', { name: 'All' }).focus();
    await pages.observer.keyboard.press('Space');
    const oThread = oPanel.getByTestId('comment-thread');
    await oThread.waitFor({ timeout: 10_000 });
    expect(await oThread.getAttribute('data-status')).toBe('resolved');
    expect(await oThread.textContent()).toContain('Physical, psychological and economic.');
    expect(await oCard.getByRole('button', { name: 'Comment on selection' }).count()).toBe(0);
    expect(await oPanel.locator('textarea').count()).toBe(0);
    expect(await oPanel.getByRole('button').count()).toBe(0);
    const raw = await contexts.observer.request.post(`${o}/api/meetings/${meetingId}/commands`, {
      headers: { origin: o, 'content-type': 'application/json' },
      data: {
        type: 'comment.reply',
        threadId: (await oThread.getAttribute('data-thread-id')) ?? 'x',
        text: 'Observers may not post',
      },
    });
    expect(raw.status()).toBe(403);

    // The NGO deletes the phrase: the thread stays, detached, with the words it was about.
    await box.click();
    await ngo.keyboard.press('End');
    for (let i = 0; i < 'domestic violence'.length; i++) await ngo.keyboard.press('Backspace');
    await ngo.keyboard.type('violence of every kind');
    await expect
      .poll(() => oThread.getAttribute('data-detached'), { timeout: 10_000 })
      .toBe('true');
    expect(await oThread.locator('blockquote').textContent()).toContain('violence');
    await pages.observer.screenshot({
      path: path.join(ARTIFACTS, 'comments-observer.png'),
      fullPage: true,
    });
    expect(rec2).toBeTruthy();
  }, 60_000);

  it('the consensus panel and comments are axe-clean in en, ru and kk', async () => {
    const o = kenes.origin;
    const rec2 = await recIdOf(REC2);
    await commandViaApi(contexts.ngo, o, meetingId, {
      type: 'position.set',
      recId: rec2,
      kind: 'reservation',
      text: 'Қазақша: мерзімін көрсету керек.',
    });
    const pg = pages.ministry;
    const other = pg.getByTestId('recommendation').filter({ hasText: REC2 });
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
      const comments = other.getByTestId('comments-panel');
      if ((await comments.getAttribute('open')) === null) await comments.locator('summary').click();
      // "All": the resolved thread (with its reply form) is under axe too.
      await comments.locator('.comment-filter input[type=radio]').nth(2).check();
      await comments.getByTestId('comment-thread').first().waitFor();
      await axe(pg, `consensus panel and comments ${lang}`);
      await other.screenshot({ path: path.join(ARTIFACTS, `consensus-panel-${lang}.png`) });
    }
    await pg.getByLabel(/^(Language|Язык|Тіл)$/).selectOption('en');
  }, 60_000);

  it('the hall display shows the consensus summary of the open recommendations', async () => {
    const pg = await contexts.observer.newPage();
    await pg.goto(`${kenes.origin}/meetings/${meetingId}/display`);
    const summary = pg.getByTestId('display-consensus');
    await summary.waitFor({ timeout: 15_000 });
    // The agreed text is settled and left out; the draft shows its counts, naming no one.
    expect(await summary.textContent()).toContain(`${REC2} — Reservation: 1`);
    expect(await summary.textContent()).not.toContain(REC);
    await axe(pg, 'display');
    await pg.screenshot({ path: path.join(ARTIFACTS, 'consensus-display.png') });
    await pg.close();
  }, 30_000);
});

/** The id of the recommendation titled `title`, from the outcome JSON. */
async function recIdOf(title: string): Promise<string> {
  const res = await contexts.chair.request.get(`${kenes.origin}/api/meetings/${meetingId}/outcome`);
  const body = (await res.json()) as {
    sections: Array<{ recommendations: Array<{ id: string; title: string }> }>;
  };
  return body.sections.flatMap((s) => s.recommendations).find((r) => r.title === title)!.id;
}
