import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiCall,
  E2E_PASSWORD,
  type Account,
  commandViaApi,
  createMeetingViaApi,
  inviteViaApi,
  signUpViaApi,
} from './support/api.js';
import { expectAxeClean as axe } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * The room's rules in the browser (issue 5), on a scene set up through the
 * API so that this file does not depend on room.test.ts: where a reply and a
 * point of order land in the speakers' list, edits typed offline reaching
 * the chair, the pages outside the room under axe, the meetings list's
 * status and the language saved to the account; all the while the
 * observer's socket stays open and never carries a write.
 */

interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** One entry per closed sync socket. */
  closes: number[];
  /** Binary frames the page sent on its sockets. */
  sent: Uint8Array[];
}

const ROLES = ['chair', 'dana', 'yerlan', 'observer'] as const;
type Who = (typeof ROLES)[number];

const ACCOUNTS: Record<Who, Account> = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@rules.test',
    orgType: 'government',
  },
  dana: {
    name: 'Dana Participant',
    organisation: 'Office of the Ombudsman',
    email: 'dana@rules.test',
    orgType: 'nhri',
  },
  yerlan: {
    name: 'Yerlan Deputy',
    organisation: 'Mazhilis of Parliament',
    email: 'yerlan@rules.test',
    orgType: 'parliament',
  },
  observer: {
    name: 'Olga Observer',
    organisation: 'UN Women',
    email: 'olga@rules.test',
    orgType: 'international',
  },
};

let kenes: RunningKenes;
let browser: Browser;
const people = {} as Record<Who, Person>;
let meetingId = '';
let meetingUrl = '';
let itemId = '';

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

async function synced(page: Page) {
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
}

/** A document update or a sync step 2 with content: what a read-only client must never send. */
function isWrite(frame: Uint8Array): boolean {
  if (frame[0] !== 0) return false;
  if (frame[1] === 2) return true;
  if (frame[1] === 1) return frame.length > 5;
  return false;
}

/** The waiting list as rendered: "name|kind" per row, kind '' for a plain request. */
async function waitingList(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="waiting-list"] .waiting-entry')
    .evaluateAll((rows) =>
      rows.map(
        (r) =>
          `${r.querySelector('.name')?.firstChild?.textContent ?? ''}|${r.getAttribute('data-kind') === 'speak' ? '' : (r.querySelector('.badge[class*="kind-"]')?.textContent ?? '?')}`,
      ),
    );
}

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  for (const who of ROLES) people[who] = await newPerson();
  for (const who of ROLES) await signUpViaApi(people[who].context, kenes.origin, ACCOUNTS[who]);
  const chair = people.chair.context;
  meetingId = await createMeetingViaApi(
    chair,
    kenes.origin,
    'Dialogue platform: rules of the floor',
  );
  meetingUrl = `/meetings/${meetingId}`;
  await inviteViaApi(chair, people.dana.context, kenes.origin, meetingId, 'participant');
  await inviteViaApi(chair, people.yerlan.context, kenes.origin, meetingId, 'participant');
  await inviteViaApi(chair, people.observer.context, kenes.origin, meetingId, 'observer');
  itemId = (
    await commandViaApi(chair, kenes.origin, meetingId, {
      type: 'agenda.add',
      title: 'Combating violence against women',
      plannedMinutes: 30,
    })
  ).itemId!;
  await commandViaApi(chair, kenes.origin, meetingId, { type: 'agenda.start', itemId });
  await commandViaApi(chair, kenes.origin, meetingId, {
    type: 'meeting.setStatus',
    status: 'live',
  });
  for (const who of ROLES) await people[who].page.goto(meetingUrl);
  for (const who of ROLES) await synced(people[who].page);
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('room rules', () => {
  it('a reply goes ahead of plain requests, a point of order ahead of everything waiting', async () => {
    const chair = people.chair.page;
    const dana = people.dana.page;
    const yerlan = people.yerlan.page;
    // Dana asks to speak and is given the floor.
    await dana.getByRole('button', { name: 'Ask to speak' }).click();
    await chair.getByRole('button', { name: 'Give the floor to Dana Participant' }).click();
    await chair.getByTestId('current-speaker').filter({ hasText: 'Dana Participant' }).waitFor();
    // Two in-room speakers wait with plain requests (one added through the form).
    await chair.getByText('Add a speaker in the room').click();
    const form = chair.getByRole('form', { name: 'Add a speaker in the room' });
    await form.getByLabel('Name', { exact: true }).fill('Marat Seitkali');
    await form.getByLabel('Organisation', { exact: true }).fill('Union of Crisis Centres');
    await form.getByLabel('Type').selectOption('ngo');
    await form.getByRole('button', { name: 'Add to the list' }).click();
    await commandViaApi(people.chair.context, kenes.origin, meetingId, {
      type: 'queue.addSpeaker',
      name: 'Gulnara Ospanova',
      organisation: 'Ministry of Labour',
      orgType: 'government',
    });
    await expect.poll(() => waitingList(chair)).toEqual(['Marat Seitkali|', 'Gulnara Ospanova|']);

    // A reply to the current speaker goes ahead of the plain requests…
    await yerlan.getByRole('button', { name: 'Reply' }).click();
    await expect
      .poll(() => waitingList(chair))
      .toEqual(['Yerlan Deputy|Reply', 'Marat Seitkali|', 'Gulnara Ospanova|']);
    // …a point of order ahead of everything waiting…
    await yerlan.getByRole('button', { name: 'Point of order' }).click();
    // …and a second reply after the first (first come, first served in a band). Dana has the
    // floor, so she is offered no reply (a reply answers the speaker); the chair adds one.
    expect(await dana.getByRole('button', { name: 'Reply' }).isDisabled()).toBe(true);
    await commandViaApi(people.chair.context, kenes.origin, meetingId, {
      type: 'queue.addSpeaker',
      name: 'Aigerim Replies',
      organisation: 'Parliament',
      orgType: 'parliament',
      kind: 'reply',
    });
    const expected = [
      'Yerlan Deputy|Point of order',
      'Yerlan Deputy|Reply',
      'Aigerim Replies|Reply',
      'Marat Seitkali|',
      'Gulnara Ospanova|',
    ];
    for (const who of ['chair', 'observer', 'dana'] as const) {
      await expect.poll(() => waitingList(people[who].page), { timeout: 10_000 }).toEqual(expected);
    }
    // Positions are rendered 1..n on the observer's screen too.
    expect(
      await people.observer.page
        .locator('[data-testid="waiting-list"] .position')
        .allTextContents(),
    ).toEqual(['1', '2', '3', '4', '5']);
  });

  it('a participant types while offline; back online, the chair sees the text', async () => {
    const chair = people.chair.page;
    const { page: dana, context } = people.dana;
    const title = 'Fund shelters in every region';
    const { recId } = await commandViaApi(people.chair.context, kenes.origin, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId,
      title,
    });
    expect(recId).toBeTruthy();
    const label = `Text of “${title}”`;
    await dana.getByRole('textbox', { name: label }).waitFor();

    await context.setOffline(true);
    await dana.getByTestId('offline-banner').waitFor({ timeout: 5_000 });
    await dana.getByRole('textbox', { name: label }).click();
    await dana.keyboard.type('Typed on a train without network.');
    // Not sent while offline: the chair does not have it yet.
    await dana.waitForTimeout(500);
    const chairBox = chair.getByRole('textbox', { name: label });
    expect(await chairBox.textContent()).not.toContain('Typed on a train');

    await context.setOffline(false);
    await expect
      .poll(() => chairBox.textContent(), { timeout: 15_000 })
      .toContain('Typed on a train without network.');
    await synced(dana);
    expect(await dana.getByTestId('offline-banner').count()).toBe(0);
    await expect
      .poll(() => people.observer.page.getByRole('textbox', { name: label }).textContent(), {
        timeout: 10_000,
      })
      .toContain('Typed on a train without network.');
  });

  it('the meetings list shows each meeting’s status and role', async () => {
    const page = people.chair.page;
    await page.goto('/');
    const row = page.getByRole('row', { name: /Dialogue platform: rules of the floor/ });
    await row.waitFor();
    expect(await row.getByTestId('meeting-status').getAttribute('data-status')).toBe('live');
    expect(await row.getByText('Chair').count()).toBe(1);
    await axe(page, 'home');
    await page.goto(meetingUrl);
    await synced(page);
  });

  it('the language picked is saved to the account and used on another device', async () => {
    const { page, context } = people.yerlan;
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { name: 'Повестка дня' }).waitFor();
    await expect
      .poll(
        async () =>
          (await apiCall<{ user: { language: string } }>(context, kenes.origin, 'GET', '/me')).user
            .language,
      )
      .toBe('ru');
    // A fresh device (no local choice) signed in as Yerlan starts in Russian.
    const other = await browser.newContext({ baseURL: kenes.origin, locale: 'en-GB' });
    try {
      await apiCall(other, kenes.origin, 'POST', '/auth/login', {
        email: ACCOUNTS.yerlan.email,
        password: E2E_PASSWORD,
      });
      const p2 = await other.newPage();
      await p2.goto('/');
      await p2.getByRole('heading', { name: 'Мои заседания' }).waitFor();
    } finally {
      await other.close();
    }
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();
  });

  it('axe on the pages outside the room: login, signup, invitation', async () => {
    const { token } = await apiCall<{ token: string }>(
      people.chair.context,
      kenes.origin,
      'POST',
      `/meetings/${meetingId}/invites`,
      { role: 'participant' },
    );
    const visitor = await browser.newContext({ baseURL: kenes.origin });
    try {
      const page = await visitor.newPage();
      await page.goto('/login');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await axe(page, 'login');
      await page.goto('/signup');
      await page.getByRole('button', { name: 'Create account' }).waitFor();
      await axe(page, 'signup');
      await page.goto(`/invite/${token}`);
      await page.getByRole('link', { name: 'Create an account' }).waitFor();
      await axe(page, 'invite');
    } finally {
      await visitor.close();
    }
  });

  it('the observer’s socket stayed open through it all and never carried a write', async () => {
    const { page, sent, closes, errors } = people.observer;
    await synced(page);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter(isWrite)).toEqual([]);
    expect(closes).toEqual([]);
    expect(errors).toEqual([]);
  });
});
