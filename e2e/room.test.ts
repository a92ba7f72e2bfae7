import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * The meeting room (issue 5) for chair, participant and observer, through
 * the UI only, against a server wired as in production (real sessions,
 * authorizer and guard).
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');
const PASSWORD = 'correct horse battery staple';

interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Close codes of the page's sync sockets. */
  closes: number[];
  /** Frames the page sent on a sync socket, as bytes. */
  sent: Uint8Array[];
}

let kenes: RunningKenes;
let browser: Browser;
const people: Record<'chair' | 'participant' | 'observer', Person> = {} as never;

async function newPerson(): Promise<Person> {
  const context = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const person: Person = { context, page, errors: [], closes: [], sent: [] };
  page.on('pageerror', (err) => person.errors.push(err.message));
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      if (typeof f.payload !== 'string') person.sent.push(new Uint8Array(f.payload));
    });
    ws.on('close', () => person.closes.push(1));
  });
  return person;
}

async function signUp(p: Person, next: string, name: string, organisation: string, email: string) {
  await p.page.goto(`/signup?next=${encodeURIComponent(next)}`);
  await p.page.getByLabel('Full name').fill(name);
  await p.page.getByLabel('Organisation', { exact: true }).fill(organisation);
  // No silent default since issue 17: the type of organisation must be chosen.
  await p.page.getByLabel('Type of organisation').selectOption('government');
  await p.page.getByLabel('E-mail').fill(email);
  await p.page.getByLabel('Password').fill(PASSWORD);
  await p.page.getByRole('button', { name: 'Create account' }).click();
}

async function synced(page: Page) {
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
}

/**
 * True when a y-websocket frame is a document update or sync step 2 with
 * content: what a read-only client must never send. Step 1 (0,0) and
 * awareness (1) are reads/presence. An empty step 2 is 0,1 + a 2-byte-ish
 * empty update; anything longer carries structs.
 */
function isWrite(frame: Uint8Array): boolean {
  if (frame[0] !== 0) return false;
  if (frame[1] === 2) return true;
  if (frame[1] === 1) return frame.length > 5;
  return false;
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  kenes = await startRealKenes();
  browser = await launchBrowser();
  for (const role of ['chair', 'participant', 'observer'] as const)
    people[role] = await newPerson();
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('meeting room', () => {
  let meetingUrl = '';

  it('chair signs up, creates a meeting, adds agenda items and invites', async () => {
    const { page } = people.chair;
    await signUp(
      people.chair,
      '/',
      'Aliya Chair',
      'Ministry of Foreign Affairs',
      'chair@example.org',
    );
    await page.getByRole('heading', { name: 'My meetings' }).waitFor();
    await page.getByLabel('Title').fill('Dialogue platform on human rights');
    await page.getByRole('button', { name: 'Create meeting' }).click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    meetingUrl = new URL(page.url()).pathname;
    await synced(page);

    // The form stays open after an item is added, for the next one.
    await page.getByRole('button', { name: '+ Add item' }).click();
    for (const title of [
      'Ensuring gender equality and equal opportunities',
      'Combating violence against women',
    ]) {
      await page.getByLabel('Item title').fill(title);
      await page
        .getByRole('form', { name: 'New agenda item' })
        .getByRole('button', { name: 'Add item' })
        .click();
      await page.locator('.agenda-item', { hasText: title }).waitFor();
    }
    // Reorder from the keyboard, then start the first item.
    await page.getByRole('button', { name: 'Move “Combating violence against women” up' }).click();
    await expect
      .poll(() => page.locator('.agenda-title').first().textContent())
      .toBe('Combating violence against women');
    await page
      .getByRole('button', { name: 'Move “Combating violence against women” down' })
      .click();
    await expect
      .poll(() => page.locator('.agenda-title').first().textContent())
      .toBe('Ensuring gender equality and equal opportunities');
    await page.locator('.agenda-item').first().getByRole('button', { name: 'Start' }).click();
    await page.locator('.agenda-item[data-current="true"]').waitFor();
    await page.getByLabel('Change status').selectOption('live');
    await expect
      .poll(() => page.getByTestId('meeting-status').getAttribute('data-status'))
      .toBe('live');

    await page.getByRole('link', { name: 'Members & invitations' }).click();
    await page.getByRole('heading', { name: /Members and invitations/ }).waitFor();
    for (const role of ['participant', 'observer']) {
      await page.locator('select[name="role"]').selectOption(role);
      await page.getByRole('button', { name: 'Create invitation link' }).click();
      await page.locator(`[data-testid="invite"][data-role="${role}"]`).waitFor();
    }
    await axe(page, 'settings');
  });

  it('participant and observer accept their invitations and land in the room', async () => {
    const url = (role: string) =>
      people.chair.page.locator(`[data-testid="invite"][data-role="${role}"] input`).inputValue();
    const participantInvite = new URL(await url('participant')).pathname;
    const observerInvite = new URL(await url('observer')).pathname;

    await people.participant.page.goto(participantInvite);
    await people.participant.page.getByRole('link', { name: 'Create an account' }).click();
    await signUp(
      people.participant,
      participantInvite,
      'Dana Participant',
      'Office of the Ombudsman',
      'dana@example.org',
    );
    await people.participant.page.waitForURL((u) => u.pathname === meetingUrl);

    await signUp(people.observer, observerInvite, 'Olga Observer', 'UNDP', 'olga@example.org');
    await people.observer.page.waitForURL((u) => u.pathname === meetingUrl);

    await people.chair.page.goto(meetingUrl);
    for (const p of Object.values(people)) await synced(p.page);
    await people.chair.page.getByText('Present (3)').waitFor({ timeout: 10_000 });
  });

  it('chair and participant co-edit one recommendation; the observer reads it live', async () => {
    const chair = people.chair.page;
    const participant = people.participant.page;
    await participant
      .getByLabel('Title of the recommendation')
      .fill('Adopt a law on domestic violence');
    await participant.getByRole('button', { name: 'Propose', exact: true }).click();
    const label = 'Text of “Adopt a law on domestic violence”';
    await chair.getByRole('textbox', { name: label }).waitFor();

    await chair.getByRole('textbox', { name: label }).click();
    await chair.keyboard.type('The State should adopt ');
    await participant.getByRole('textbox', { name: label }).click();
    await participant.keyboard.press('End');
    await participant.keyboard.type('a comprehensive law.');

    for (const page of [chair, participant, people.observer.page]) {
      await expect
        .poll(() => page.locator('[data-testid="recommendation"] .editor').first().textContent(), {
          timeout: 10_000,
        })
        .toMatch(
          /The State should adopt.*a comprehensive law\.|a comprehensive law\..*The State should adopt/,
        );
    }
    // Each sees the other's caret label (drawn by CSS from data-label: never DOM text).
    await chair
      .locator(
        '.collaboration-carets__label[data-label="Dana Participant · Office of the Ombudsman"]',
      )
      .waitFor({ timeout: 10_000 });

    // Endorse for my organisation.
    await participant.getByRole('button', { name: 'Endorse for Office of the Ombudsman' }).click();
    await chair.locator('.chip', { hasText: 'Office of the Ombudsman' }).waitFor();
  });

  it('participant requests the floor, chair grants, the countdown runs on all three screens', async () => {
    const { page: participant } = people.participant;
    await participant.getByRole('button', { name: 'Ask to speak' }).click();
    await people.chair.page
      .getByRole('button', { name: 'Give the floor to Dana Participant' })
      .click();
    const clocks: string[] = [];
    for (const p of Object.values(people)) {
      await p.page.getByTestId('current-speaker').filter({ hasText: 'Dana Participant' }).waitFor();
      await p.page.getByTestId('speaker-timer').waitFor();
    }
    for (const p of Object.values(people))
      clocks.push((await p.page.getByTestId('speaker-timer-clock').textContent()) ?? '');
    const secs = clocks.map((c) => {
      const [m, s] = c.split(':').map(Number);
      return m! * 60 + s!;
    });
    expect(Math.max(...secs) - Math.min(...secs)).toBeLessThanOrEqual(1);
    expect(secs[0]).toBeLessThanOrEqual(180);
    // A reply answers the speaker: Dana, who has the floor, is offered none; the chair replies
    // and the chair's screen names whom it answers.
    expect(await participant.getByRole('button', { name: 'Reply' }).isDisabled()).toBe(true);
    await people.chair.page.getByRole('button', { name: 'Reply', exact: true }).click();
    await people.chair.page
      .locator('.waiting-entry', { hasText: 'Reply to Dana Participant' })
      .waitFor();
  });

  it('the observer is offered no control, cannot type, and its socket stays open', async () => {
    const { page, sent, closes } = people.observer;
    await expect.poll(() => page.getByTestId('read-only-note').isVisible()).toBe(true);
    const room = page.locator('.room-grid');
    expect(
      await room
        .getByRole('button', { name: /Ask to speak|Give the floor|Start|Propose|Endorse|Add item/ })
        .count(),
    ).toBe(0);
    const box = page.locator('[data-testid="recommendation"] [contenteditable]').first();
    expect(await box.getAttribute('contenteditable')).toBe('false');
    await box.click();
    await page.keyboard.type('observer was here');
    expect(await box.textContent()).not.toContain('observer was here');
    expect(sent.filter(isWrite)).toEqual([]);
    expect(closes).toEqual([]);
    await synced(page);
  });

  it('renders in Russian and Kazakh', async () => {
    const page = people.participant.page;
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { name: 'Повестка дня' }).waitFor();
    await page.getByRole('heading', { name: 'Выступающие' }).waitFor();
    await page.getByLabel('Язык').selectOption('kk');
    await page.getByRole('heading', { name: 'Күн тәртібі' }).waitFor();
    await page.getByRole('heading', { name: 'Сөйлеушілер' }).waitFor();
    await page.screenshot({
      path: path.join(ARTIFACTS, 'room-participant-kk.png'),
      fullPage: true,
    });
    await page.getByLabel('Тіл').selectOption('en');
  });

  it('the big-screen display shows item, speaker, countdown', async () => {
    const page = people.observer.page;
    await page.goto(meetingUrl + '/display');
    await page
      .getByTestId('display-item')
      .filter({ hasText: 'Ensuring gender equality' })
      .waitFor();
    await page.getByTestId('speaker-timer').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'display.png') });
    await axe(page, 'display');
    await page.goto(meetingUrl);
    await synced(page);
  });

  it('axe: no serious or critical violations; screenshots per role', async () => {
    for (const [role, p] of Object.entries(people)) {
      await axe(p.page, role);
      await p.page.screenshot({ path: path.join(ARTIFACTS, `room-${role}.png`), fullPage: true });
      await p.page.setViewportSize({ width: 768, height: 1024 });
      await p.page.screenshot({
        path: path.join(ARTIFACTS, `room-${role}-768.png`),
        fullPage: true,
      });
    }
    expect(people.observer.errors).toEqual([]);
  });
});
