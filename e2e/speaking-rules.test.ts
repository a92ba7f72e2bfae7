import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAxeClean } from './support/axe.js';
import { launchBrowser, waitSynced } from './support/browser.js';
import { signUpPeople, type Person } from './support/people.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';
import { commandViaApi, createMeetingViaApi, inviteAll, type Account } from './support/api.js';

/**
 * Speaking rules in a real meeting (issue 17): the chair sets the time per
 * kind of turn and every screen's countdown starts from it; a time budget per
 * type of organisation runs down on the chair's panel and the hall display as
 * its members speak; the chair extends a turn by a chosen amount; a closed
 * list refuses a participant's request; a request made in advance for a later
 * item waits on it and is on its list when it starts; the rules section is
 * axe clean in English, Russian and Kazakh.
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');

const WHO = ['chair', 'dana', 'erlan', 'observer', 'display'] as const;
type Who = (typeof WHO)[number];
const ACCOUNTS: Record<Who, Account> = {
  chair: {
    name: 'Amb. Aida Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: '',
    orgType: 'government',
  },
  dana: {
    name: 'Dana Seitkali',
    organisation: 'Union of Crisis Centres',
    email: '',
    orgType: 'ngo',
  },
  erlan: {
    name: 'Erlan Omarov',
    organisation: 'Ministry of Internal Affairs',
    email: '',
    orgType: 'government',
  },
  observer: {
    name: 'Olga Observer',
    organisation: 'UN Women',
    email: '',
    orgType: 'international',
  },
  display: { name: 'Hall Display', organisation: 'UNDP', email: '', orgType: 'international' },
};

let kenes: RunningKenes;
let browser: Browser;
let meetingId = '';
const items: Record<'first' | 'second' | 'third', string> = { first: '', second: '', third: '' };
let people: Record<Who, Person>;

function command(who: Who, cmd: Parameters<typeof commandViaApi>[3]) {
  return commandViaApi(people[who].context, kenes.origin, meetingId, cmd);
}

/** Seconds on the speaker's countdown as shown (overtime negative), or null when none. */
async function countdown(page: Page): Promise<number | null> {
  const el = page.getByTestId('speaker-timer-clock');
  if ((await el.count()) === 0) return null;
  const text = ((await el.textContent()) ?? '').trim();
  const m = /^(\+?)(\d+):(\d\d)$/.exec(text);
  if (!m) return null;
  const s = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '+' ? -s : s;
}

/** The display's text for the budget named `name`. */
async function displayBudget(name: string): Promise<string> {
  const row = people.display.page
    .getByTestId('display-budgets')
    .locator('li')
    .filter({ hasText: name });
  return (await row.count()) === 0
    ? ''
    : ((await row.getByTestId('display-budget-time').textContent()) ?? '');
}

/** "m:ss left of …" → seconds left. */
function secondsLeft(text: string): number {
  const m = /(\d+):(\d\d) left/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

function axe(page: Page, label: string) {
  return expectAxeClean(page, label, '[data-testid="speaking-rules"]');
}

async function openRules(page: Page) {
  const details = page.getByTestId('speaking-rules');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await details.locator('fieldset').first().waitFor();
  return details;
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
  const stamp = Date.now();
  for (const who of WHO) ACCOUNTS[who].email = `${who}-${stamp}@example.org`;
  people = await signUpPeople(browser, kenes.origin, ACCOUNTS, (who) => ({
    viewport: who === 'display' ? { width: 1920, height: 1080 } : { width: 1366, height: 900 },
  }));
  meetingId = await createMeetingViaApi(people.chair.context, kenes.origin, 'Speaking rules');
  await inviteAll(people.chair.context, kenes.origin, meetingId, {
    participant: [people.dana.context, people.erlan.context],
    observer: [people.observer.context, people.display.context],
  });
  items.first = (
    await command('chair', { type: 'agenda.add', title: 'Ensuring gender equality' })
  ).itemId!;
  items.second = (
    await command('chair', { type: 'agenda.add', title: 'Combating violence against women' })
  ).itemId!;
  items.third = (
    await command('chair', { type: 'agenda.add', title: 'Rights of persons with disabilities' })
  ).itemId!;
  await command('chair', { type: 'meeting.setStatus', status: 'live' });
  await command('chair', { type: 'agenda.start', itemId: items.first });
  const url = `/meetings/${meetingId}`;
  for (const who of WHO) await people[who].page.goto(who === 'display' ? `${url}/display` : url);
  for (const who of WHO) if (who !== 'display') await waitSynced(people[who].page);
  await people.display.page.getByTestId('display-item').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('speaking rules', () => {
  it('the chair sets a point of order to 1:00; granted, every screen counts down from 1:00', async () => {
    const chair = people.chair.page;
    const rules = await openRules(chair);
    await rules.getByLabel('Point of order', { exact: true }).fill('1:00');
    await rules.getByRole('button', { name: 'Save times and list' }).click();
    await rules.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // Only the chair gets the section: the server refuses the command to anyone else.
    expect(await people.dana.page.getByTestId('speaking-rules').count()).toBe(0);
    expect(await people.observer.page.getByTestId('speaking-rules').count()).toBe(0);

    await people.dana.page.getByRole('button', { name: 'Point of order' }).click();
    await chair.getByTestId('waiting-list').getByText('Dana Seitkali').waitFor();
    await chair.getByTestId('grant-next').click();
    for (const who of ['chair', 'dana', 'observer', 'display'] as const) {
      const page = people[who].page;
      await expect.poll(() => countdown(page), { timeout: 10_000 }).not.toBeNull();
      const s = (await countdown(page))!;
      expect(s, who).toBeLessThanOrEqual(60);
      expect(s, who).toBeGreaterThan(50);
    }
  });

  it('the chair extends by a chosen amount: +2:00, then a typed 0:30, on every screen', async () => {
    const chair = people.chair.page;
    const before = (await countdown(chair))!;
    await chair.getByRole('button', { name: 'Extend by 2:00' }).click();
    for (const who of ['chair', 'display'] as const)
      await expect.poll(() => countdown(people[who].page)).toBeGreaterThan(before + 100);
    await chair.getByLabel('Other amount (minutes:seconds)').fill('0:30');
    await chair.getByRole('button', { name: 'Extend', exact: true }).click();
    for (const who of ['chair', 'dana', 'display'] as const)
      await expect.poll(() => countdown(people[who].page)).toBeGreaterThan(before + 130);
    // A typo is caught before it is sent.
    await chair.getByLabel('Other amount (minutes:seconds)').fill('9:99');
    await chair.getByRole('button', { name: 'Extend', exact: true }).click();
    await chair.getByText('Write the extension as minutes:seconds').waitFor();
    // The server bounds it too, whatever a client sends.
    await expect(
      command('chair', { type: 'queue.timer', action: 'extend', seconds: 100_000 }),
    ).rejects.toThrow(/400/);
  });

  it('a budget for NGOs runs down while an NGO member speaks, on the chair’s panel and the display', async () => {
    const chair = people.chair.page;
    const rules = await openRules(chair);
    await rules.getByRole('button', { name: 'Add a budget' }).click();
    await rules.getByRole('combobox', { name: /^Type of organisation/ }).selectOption('ngo');
    await rules.getByLabel('Total (minutes:seconds)').fill('10:00');
    await rules.getByRole('button', { name: 'Add a budget' }).click();
    await rules.getByRole('combobox', { name: /^Budget 2: for/ }).selectOption('organisation');
    await rules.getByLabel('Organisation', { exact: true }).fill('Ministry of Internal Affairs');
    await rules.getByLabel('Total (minutes:seconds)').nth(1).fill('5:00');
    await rules.getByRole('button', { name: 'Save budgets' }).click();
    await rules
      .getByRole('group', { name: 'Time budgets' })
      .getByRole('status')
      .filter({ hasText: 'Saved.' })
      .waitFor();

    // Dana (NGO) has the floor: the NGO budget is below 10:00 and keeps falling, live.
    await people.display.page.getByTestId('display-budgets').waitFor();
    await expect.poll(() => displayBudget('NGO')).toMatch(/left of 10:00/);
    const first = secondsLeft(await displayBudget('NGO'));
    expect(first).toBeLessThan(600);
    await expect
      .poll(async () => secondsLeft(await displayBudget('NGO')), { timeout: 10_000 })
      .toBeLessThan(first - 1);
    expect(await displayBudget('Ministry of Internal Affairs')).toBe('5:00 left of 5:00');
    const panel = chair.getByTestId('budgets');
    await expect
      .poll(async () => (await panel.locator('[data-current="true"]').textContent()) ?? '')
      .toMatch(/NGO.*speaking now/);
    await expect.poll(() => panel.getByText('nobody is cut off automatically').count()).toBe(1);

    await chair
      .locator('section.queue')
      .screenshot({ path: path.join(ARTIFACTS, 'speaking-rules-chair-budgets.png') });
    await people.display.page.screenshot({
      path: path.join(ARTIFACTS, 'speaking-rules-display.png'),
    });

    // Once the turn ends the budget stops where it was.
    await chair.getByRole('button', { name: 'End turn' }).click();
    await expect.poll(() => countdown(people.display.page)).toBeNull();
    const stopped = await displayBudget('NGO');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await displayBudget('NGO')).toBe(stopped);
  });

  it('a closed list refuses a participant’s request with a clear error; points of order still go', async () => {
    const chair = people.chair.page;
    const rules = await openRules(chair);
    await rules.getByLabel('The list of speakers is open').uncheck();
    await rules.getByRole('button', { name: 'Save times and list' }).click();
    await people.dana.page
      .getByTestId('list-state')
      .filter({ hasText: /closed/i })
      .waitFor();
    await expect
      .poll(() => people.erlan.page.getByRole('button', { name: 'Ask to speak' }).isDisabled())
      .toBe(true);
    await expect(command('erlan', { type: 'queue.request', kind: 'speak' })).rejects.toThrow(
      /409.*list_closed.*The list of speakers is closed/,
    );
    await expect(
      command('erlan', { type: 'queue.request', kind: 'speak', agendaItemId: items.second }),
    ).rejects.toThrow(/list_closed/);
    expect(
      await people.erlan.page.getByRole('button', { name: 'Point of order' }).isDisabled(),
    ).toBe(false);
    await rules.getByLabel('The list of speakers is open').check();
    await rules.getByRole('button', { name: 'Save times and list' }).click();
    await people.dana.page.getByTestId('list-state').filter({ hasText: /open/i }).waitFor();
  });

  it('a request made in advance waits on its item and is on its list when the chair starts it', async () => {
    const { page: erlan } = people.erlan;
    const { page: dana } = people.dana;
    await erlan
      .getByRole('combobox', { name: 'Ask to speak on a later item' })
      .selectOption({ label: '2. Combating violence against women' });
    await erlan.getByTestId('pre-submit').click();
    await dana
      .getByRole('combobox', { name: 'Ask to speak on a later item' })
      .selectOption({ label: '3. Rights of persons with disabilities' });
    await dana.getByTestId('pre-submit').click();
    const chair = people.chair.page;
    const waitingFor2 = chair
      .getByTestId('pre-item')
      .filter({ hasText: 'Waiting for item 2: Combating violence against women' });
    await waitingFor2.getByText('Erlan Omarov').waitFor();
    await chair
      .getByTestId('pre-item')
      .filter({ hasText: 'Waiting for item 3' })
      .getByText('Dana Seitkali')
      .waitFor();
    await erlan
      .locator('section.queue')
      .screenshot({ path: path.join(ARTIFACTS, 'speaking-rules-participant-pre.png') });
    // Not on the current item's list.
    expect(await chair.getByTestId('waiting-list').getByText('Erlan Omarov').count()).toBe(0);
    // Withdrawable by its author.
    await dana
      .getByTestId('pre-item')
      .filter({ hasText: 'Waiting for item 3' })
      .getByRole('button', { name: 'Withdraw my request' })
      .click();
    await expect
      .poll(() => chair.getByTestId('pre-item').filter({ hasText: 'Waiting for item 3' }).count())
      .toBe(0);

    await command('chair', { type: 'agenda.start', itemId: items.second });
    for (const who of ['chair', 'erlan', 'observer'] as const)
      await people[who].page.getByTestId('waiting-list').getByText('Erlan Omarov').waitFor();
    await people.display.page.getByTestId('display-next').getByText('Erlan Omarov').waitFor();
    await chair.getByTestId('grant-next').click();
    await expect.poll(() => countdown(people.display.page)).toBeGreaterThan(170);
    await expect
      .poll(() => displayBudget('Ministry of Internal Affairs'))
      .toMatch(/^4:5\d left of 5:00/);
  });

  it('a used-up budget is a warning on the chair’s panel and the display; the speaker is not cut off', async () => {
    // Erlan (Ministry of Internal Affairs) has the floor; the chair cuts that budget to 1:00.
    await command('chair', {
      type: 'meeting.queueSettings',
      budgets: [
        { scope: 'orgType', target: 'ngo', seconds: 600 },
        { scope: 'organisation', target: 'Ministry of Internal Affairs', seconds: 60 },
      ],
    });
    await expect
      .poll(() => displayBudget('Ministry of Internal Affairs'), {
        timeout: 75_000,
        interval: 1_000,
      })
      .toMatch(/^⚠ Used up/);
    const chair = people.chair.page;
    const row = chair.getByTestId('budget').filter({ hasText: 'Ministry of Internal Affairs' });
    // Each screen ticks on its own second: the chair's may turn a moment after the display's.
    await expect.poll(() => row.getAttribute('data-exhausted')).toBe('true');
    await expect
      .poll(async () => (await row.getByTestId('budget-time').textContent()) ?? '')
      .toMatch(/^⚠ Used up/);
    // Nobody is cut off: the turn goes on, on every screen.
    expect(await chair.getByTestId('current-speaker').textContent()).toContain('Erlan Omarov');
    expect(await countdown(people.display.page)).toBeGreaterThan(100);
    await chair
      .getByTestId('budgets')
      .screenshot({ path: path.join(ARTIFACTS, 'speaking-rules-chair-budget-used-up.png') });
    await people.display.page.screenshot({
      path: path.join(ARTIFACTS, 'speaking-rules-display-used-up.png'),
    });
  }, 120_000);

  it('the speaking rules section is axe clean in English, Russian and Kazakh', async () => {
    const chair = people.chair.page;
    await openRules(chair);
    await axe(chair, 'en');
    for (const [lang, title] of [
      ['ru', 'Регламент выступлений'],
      ['kk', 'Сөз сөйлеу регламенті'],
    ] as const) {
      await chair.getByLabel(lang === 'ru' ? 'Language' : 'Язык').selectOption(lang);
      await chair.getByTestId('speaking-rules').locator('summary', { hasText: title }).waitFor();
      await openRules(chair);
      await axe(chair, lang);
      await chair.getByTestId('speaking-rules').screenshot({
        path: path.join(ARTIFACTS, `speaking-rules-section-${lang}.png`),
      });
    }
    await chair.getByLabel('Тіл').selectOption('en');
    await chair
      .getByTestId('speaking-rules')
      .locator('summary', { hasText: 'Speaking rules' })
      .waitFor();
  });

  it('no page error anywhere', () => {
    for (const who of WHO) expect(people[who].errors, who).toEqual([]);
  });
});
