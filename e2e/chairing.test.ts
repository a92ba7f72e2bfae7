import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { Minutes } from '@kenes/shared';
import { launchBrowser, waitSynced } from './support/browser.js';
import { signUpPeople, type Person } from './support/people.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';
import {
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  inviteAll,
  type Account,
} from './support/api.js';

/**
 * Chairing a real meeting (issue 14, items 6–11 and the small defects of
 * the queue): a double click or two chairs at once never skip a speaker,
 * ending an item asks before it ends a turn or the waiting requests, removals
 * ask and can be undone, the hall display tells the room the truth, and
 * errors and focus stay where the chair is working.
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');

const WHO = ['chair', 'cochair', 'dana', 'erlan', 'farida', 'display'] as const;
type Who = (typeof WHO)[number];
const ACCOUNTS: Record<Who, Account> = {
  chair: { name: 'Amb. Aida Chair', organisation: 'Ministry of Foreign Affairs', email: '' },
  cochair: { name: 'Bolat Cochair', organisation: 'Ministry of Justice', email: '' },
  dana: { name: 'Dana Seitkali', organisation: 'Union of Crisis Centres', email: '' },
  erlan: { name: 'Erlan Omarov', organisation: 'Office of the Ombudsman', email: '' },
  farida: { name: 'Farida Nur', organisation: 'Women NGO Alliance', email: '' },
  display: { name: 'Hall Display', organisation: 'UNDP', email: '' },
};

let kenes: RunningKenes;
let browser: Browser;
let meetingId = '';
let meetingUrl = '';
const items: Record<'first' | 'second' | 'spare', string> = { first: '', second: '', spare: '' };
let people: Record<Who, Person>;

function command(who: Who, cmd: Parameters<typeof commandViaApi>[3]) {
  return commandViaApi(people[who].context, kenes.origin, meetingId, cmd);
}

function minutes(): Promise<Minutes> {
  return apiCall<Minutes>(
    people.chair.context,
    kenes.origin,
    'GET',
    `/meetings/${meetingId}/minutes`,
  );
}

/** Every intervention in the minutes, as "speaker status duration-ms". */
async function interventions(): Promise<Array<{ speaker: string; status: string; ms: number }>> {
  const m = await minutes();
  return [...m.items.flatMap((i) => i.interventions), ...m.outsideAgenda.interventions].map(
    (i) => ({ speaker: i.speaker, status: i.status, ms: i.durationMs }),
  );
}

async function waitingNames(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="waiting-list"] .waiting-entry .name')
    .evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));
}

async function speaker(page: Page): Promise<string> {
  const el = page.getByTestId('current-speaker');
  return (await el.count()) === 0 ? '' : ((await el.textContent()) ?? '');
}

/** A real click at the element's centre: no waiting for it to become enabled. */
async function pressLikeAHand(page: Page, target: ReturnType<Page['getByTestId']>) {
  const box = await target.boundingBox();
  if (!box) throw new Error('not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** What has focus, described: its test id, else its tag and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}:${el.textContent ?? ''}`;
  });
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
  meetingId = await createMeetingViaApi(people.chair.context, kenes.origin, 'Chairing rehearsal');
  meetingUrl = `/meetings/${meetingId}`;
  await inviteAll(people.chair.context, kenes.origin, meetingId, {
    chair: [people.cochair.context],
    participant: [people.dana.context, people.erlan.context, people.farida.context],
    observer: [people.display.context],
  });
  items.first = (
    await command('chair', { type: 'agenda.add', title: 'Ensuring gender equality' })
  ).itemId!;
  items.second = (
    await command('chair', { type: 'agenda.add', title: 'Combating violence against women' })
  ).itemId!;
  items.spare = (
    await command('chair', { type: 'agenda.add', title: 'Any other business' })
  ).itemId!;
  await command('chair', { type: 'meeting.setStatus', status: 'live' });
  await command('chair', { type: 'agenda.start', itemId: items.first });
  for (const who of WHO) {
    await people[who].page.goto(who === 'display' ? `${meetingUrl}/display` : meetingUrl);
  }
  for (const who of WHO) if (who !== 'display') await waitSynced(people[who].page);
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('chairing', () => {
  it('a double click on "Give the floor to the next" gives it to the first of three, once', async () => {
    const chair = people.chair.page;
    for (const who of ['dana', 'erlan', 'farida'] as const) {
      await people[who].page.getByRole('button', { name: 'Ask to speak' }).click();
      // Asked once: the button says so (no second request, no 409 far away).
      await expect
        .poll(() => people[who].page.getByRole('button', { name: 'Ask to speak' }).isDisabled())
        .toBe(true);
    }
    await expect
      .poll(() => waitingNames(chair))
      .toEqual(['Dana Seitkali', 'Erlan Omarov', 'Farida Nur']);
    // Two clicks 150 ms apart at one spot, as a hand does. The first gives Dana the floor and
    // the speaker block grows: the second lands on whatever is under the pointer now.
    const box = await chair.getByTestId('grant-next').boundingBox();
    await chair.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await chair.waitForTimeout(150);
    await chair.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect.poll(() => speaker(chair), { timeout: 10_000 }).toContain('Dana Seitkali');
    await chair.waitForTimeout(1_000); // time for a second grant, if one had gone out
    expect(await speaker(chair)).toContain('Dana Seitkali');
    expect(await waitingNames(chair)).toEqual(['Erlan Omarov', 'Farida Nur']);
    // The minutes hold one intervention, Dana's, still running: no 0:00 turn.
    expect(await interventions()).toEqual([
      { speaker: 'Dana Seitkali', status: 'speaking', ms: expect.any(Number) },
    ]);
  });

  it('a double click that follows the button (it moved) still gives the floor once', async () => {
    const chair = people.chair.page;
    // Two raw clicks 150 ms apart, each on the button where it is now (Playwright's click()
    // would wait for it to be enabled again, which is not what a double click does).
    await pressLikeAHand(chair, chair.getByTestId('grant-next'));
    await chair.waitForTimeout(150);
    await pressLikeAHand(chair, chair.getByTestId('grant-next'));
    await expect.poll(() => speaker(chair), { timeout: 10_000 }).toContain('Erlan Omarov');
    await chair.waitForTimeout(1_000); // time for a second grant, if one had gone out
    expect(await speaker(chair)).toContain('Erlan Omarov');
    expect(await waitingNames(chair)).toEqual(['Farida Nur']);
    const record = await interventions();
    expect(record.map((r) => `${r.speaker} ${r.status}`)).toEqual([
      'Dana Seitkali done',
      'Erlan Omarov speaking',
    ]);
    expect(record[0]!.ms).toBeGreaterThan(1_000);
  });

  it('two chairs clicking "next" together: one grant, nobody skipped', async () => {
    const a = people.chair.page;
    const b = people.cochair.page;
    await people.dana.page.getByRole('button', { name: 'Ask to speak' }).click();
    await expect.poll(() => waitingNames(b)).toEqual(['Farida Nur', 'Dana Seitkali']);
    await a.waitForTimeout(1_000); // past the settle time of the last change
    await Promise.all([
      pressLikeAHand(a, a.getByTestId('grant-next')),
      pressLikeAHand(b, b.getByTestId('grant-next')),
    ]);
    await expect.poll(() => speaker(b), { timeout: 10_000 }).toContain('Farida Nur');
    await a.waitForTimeout(1_000); // time for a second grant, if one had gone out
    for (const p of [a, b]) {
      expect(await speaker(p)).toContain('Farida Nur');
      expect(await waitingNames(p)).toEqual(['Dana Seitkali']);
    }
    const record = await interventions();
    expect(record.map((r) => `${r.speaker} ${r.status}`)).toEqual([
      'Dana Seitkali done',
      'Erlan Omarov done',
      'Farida Nur speaking',
    ]);
    expect(record[1]!.ms).toBeGreaterThan(1_000);
  });

  it('a stale grant is refused with 409 and the error shows next to the button', async () => {
    const b = people.cochair.page;
    await b.waitForTimeout(1_000);
    // The co-chair clicks "next" (Dana, ending Farida's turn); the request is held on its way
    // while the chair gives the floor to Dana first: the co-chair's view is now stale.
    let held: Route | null = null;
    await b.route('**/commands', (route) => {
      held = route;
    });
    await b.getByTestId('grant-next').click();
    await expect.poll(() => held !== null).toBe(true);
    await people.chair.page
      .getByRole('button', { name: 'Give the floor to Dana Seitkali' })
      .click();
    await expect.poll(() => speaker(people.chair.page)).toContain('Dana Seitkali');
    await (held as unknown as Route).continue();
    await b.unroute('**/commands');
    const alert = b.locator('.panel.queue [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('changed meanwhile');
    // Beside the button, not in a banner at the top of the page.
    expect(await b.locator('.room-alert').count()).toBe(0);
    const button = await b.getByTestId('grant-next').boundingBox();
    const box = await alert.boundingBox();
    expect(Math.abs(box!.y - (button!.y + button!.height))).toBeLessThan(80);
    // Nothing happened: Dana keeps the floor.
    expect(await speaker(b)).toContain('Dana Seitkali');
    await b.screenshot({ path: path.join(ARTIFACTS, 'chairing-stale-409.png') });
  });

  it('focus stays in the queue after "End turn" and after removing a waiting entry', async () => {
    const chair = people.chair.page;
    for (const who of ['dana', 'erlan'] as const)
      await people[who].page.getByRole('button', { name: 'Ask to speak' }).click();
    await expect.poll(() => waitingNames(chair)).toEqual(['Dana Seitkali', 'Erlan Omarov']);
    // The turn's buttons are inert for a moment after the floor changed (a double click's
    // second click must not land on them); a chair's considered press comes after.
    await expect
      .poll(() => chair.getByRole('button', { name: 'End turn' }).getAttribute('aria-disabled'))
      .toBe('false');
    await chair.getByRole('button', { name: 'End turn' }).focus();
    await chair.keyboard.press('Enter');
    await expect.poll(() => speaker(chair)).toBe('');
    // Focus lands once the ended turn has left the screen (the answer and the update travel apart).
    await expect.poll(() => focused(chair)).toBe('grant-next');
    await chair.getByRole('button', { name: 'Remove Dana Seitkali from the list' }).focus();
    await chair.keyboard.press('Enter');
    await expect.poll(() => waitingNames(chair)).toEqual(['Erlan Omarov']);
    await expect.poll(() => focused(chair)).toBe('button:Give the floor');
    await chair.getByRole('button', { name: 'Remove Erlan Omarov from the list' }).focus();
    await chair.keyboard.press('Enter');
    await expect.poll(() => waitingNames(chair)).toEqual([]);
    await expect.poll(() => focused(chair)).toBe('h3:Waiting list');
  });

  it('completing an item while someone speaks asks first, names the speaker, and moves the requests on', async () => {
    const chair = people.chair.page;
    await people.dana.page.getByRole('button', { name: 'Ask to speak' }).click();
    await people.erlan.page.getByRole('button', { name: 'Ask to speak' }).click();
    await expect.poll(() => waitingNames(chair)).toEqual(['Dana Seitkali', 'Erlan Omarov']);
    await chair.waitForTimeout(900);
    await chair.getByTestId('grant-next').click();
    await expect.poll(() => speaker(chair)).toContain('Dana Seitkali');
    // A reply answers Dana, and the chair sees whom it answers.
    await people.farida.page.getByRole('button', { name: 'Reply', exact: true }).click();
    await chair.locator('.waiting-entry', { hasText: 'Reply to Dana Seitkali' }).waitFor();
    await chair
      .locator('.panel.queue')
      .screenshot({ path: path.join(ARTIFACTS, 'chairing-reply-to.png') });

    const first = chair.locator('.agenda-item', { hasText: 'Ensuring gender equality' });
    await first.getByRole('button', { name: 'Complete' }).click();
    const dialog = chair.getByRole('dialog', { name: 'Complete “Ensuring gender equality”?' });
    await dialog.waitFor();
    // Modal: the room behind cannot be clicked while the question is open.
    expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
    expect(await dialog.getByTestId('confirm-speaker').textContent()).toContain(
      'Dana Seitkali (Union of Crisis Centres) has the floor',
    );
    await chair.screenshot({ path: path.join(ARTIFACTS, 'chairing-complete-confirm.png') });
    // Cancel: nothing changes.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await chair.waitForTimeout(300);
    expect(await speaker(chair)).toContain('Dana Seitkali');

    await first.getByRole('button', { name: 'Complete' }).click();
    await dialog
      .getByRole('button', { name: 'Move them to “Combating violence against women” and complete' })
      .click();
    await expect.poll(() => speaker(chair)).toBe('');
    // Between items nobody is listed, "List open" is not shown, nobody is offered "Withdraw" on
    // the (empty) list; the moved requests show as waiting for the next item (issue 17), where
    // their authors may withdraw them as any request made in advance.
    await expect.poll(() => waitingNames(chair)).toEqual([]);
    expect(await chair.getByTestId('list-state').count()).toBe(0);
    await chair.getByText('Start an agenda item to open the list of speakers.').waitFor();
    expect(
      await people.erlan.page
        .getByTestId('waiting-list')
        .getByRole('button', { name: 'Withdraw my request' })
        .count(),
    ).toBe(0);
    await chair
      .getByTestId('pre-item')
      .filter({ hasText: 'Waiting for item 2: Combating violence against women' })
      .getByText('Erlan Omarov')
      .waitFor();
    const record = await interventions();
    expect(record.at(-1)).toMatchObject({ speaker: 'Dana Seitkali', status: 'done' });
  });

  it('the hall display between items: "No item under discussion", no stale speakers, no operator chrome', async () => {
    const page = people.display.page;
    await page
      .getByTestId('display-state')
      .filter({ hasText: 'No item under discussion' })
      .waitFor();
    expect(await page.getByText('The meeting has not started.').count()).toBe(0);
    expect(await page.getByTestId('display-next').count()).toBe(0);
    expect(await page.getByText('Next speakers').count()).toBe(0);
    expect(
      await page
        .getByText('Connected', { exact: true })
        .isVisible()
        .catch(() => false),
    ).toBe(false);
    // The way out is there for the keyboard only: it takes no room until focused.
    const exit = await page.getByRole('link', { name: 'Leave the display' }).boundingBox();
    expect((exit?.width ?? 0) * (exit?.height ?? 0)).toBeLessThanOrEqual(1);
    // Live regions hold the current state (never empty).
    const live = await page
      .locator('[aria-live="polite"]')
      .evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
    expect(live.filter((t) => t !== '').length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'chairing-display-between-items.png') });
  });

  it('starting the next item brings its moved requests; the display shows a point of order and a closed list', async () => {
    const chair = people.chair.page;
    const second = chair.locator('.agenda-item', { hasText: 'Combating violence against women' });
    await second.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => waitingNames(chair)).toEqual(['Erlan Omarov', 'Farida Nur']);
    // Farida's reply answered Dana, whose turn ended with the last item: now a plain request.
    expect(await chair.getByTestId('reply-to').allTextContents()).toEqual([
      'was a reply to Dana Seitkali',
    ]);
    await people.dana.page.getByRole('button', { name: 'Point of order' }).click();
    await expect
      .poll(() => waitingNames(chair))
      .toEqual(['Dana Seitkali', 'Erlan Omarov', 'Farida Nur']);
    await chair.waitForTimeout(900);
    await chair.getByTestId('grant-next').click();
    await chair.getByRole('button', { name: 'Close the list' }).click();
    const page = people.display.page;
    await page.getByTestId('display-item').filter({ hasText: 'Combating violence' }).waitFor();
    await page.getByTestId('speaker-kind').filter({ hasText: 'Point of order' }).waitFor();
    await page.getByTestId('display-list-closed').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'chairing-display-point-of-order.png') });
  });

  it('Delete on a recommendation asks, naming it; the chair restores it with its text', async () => {
    const chair = people.chair.page;
    const dana = people.dana.page;
    const title = 'Fund shelters in every region';
    await command('dana', { type: 'rec.create', agendaItemId: items.second, title });
    const box = dana.getByRole('textbox', { name: `Text of “${title}”` });
    await box.click();
    await dana.keyboard.type('Open a shelter in every region by 2027.');
    await command('erlan', {
      type: 'rec.endorse',
      recId: (await minutes()).items[1]!.recommendations[0]!.id,
    });
    const card = chair.locator('[data-testid="recommendation"]', { hasText: title });
    await expect
      .poll(() => card.getByRole('textbox').textContent(), { timeout: 10_000 })
      .toContain('by 2027');
    await card.getByRole('button', { name: `Delete “${title}”` }).click();
    const dialog = chair.getByRole('dialog', { name: `Delete “${title}”?` });
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain('8 words');
    expect(said).toContain('Office of the Ombudsman');
    await chair.screenshot({ path: path.join(ARTIFACTS, 'chairing-delete-confirm.png') });
    await dialog.getByRole('button', { name: 'Delete the recommendation' }).click();
    await expect
      .poll(() => dana.locator('[data-testid="recommendation"]', { hasText: title }).count())
      .toBe(0);
    // Removing it never removes the agenda item's minutes; the item is not removable now.
    const second = chair.locator('.agenda-item', { hasText: 'Combating violence against women' });
    expect(await second.getByRole('button', { name: /^Remove/ }).count()).toBe(0);

    await chair.getByText('Removed recommendations (1)').click();
    await chair
      .locator('.panel.recs')
      .screenshot({ path: path.join(ARTIFACTS, 'chairing-removed-list.png') });
    await chair.getByRole('button', { name: `Restore “${title}”` }).click();
    await expect
      .poll(
        () =>
          dana
            .locator('[data-testid="recommendation"]', { hasText: title })
            .getByRole('textbox')
            .textContent(),
        { timeout: 10_000 },
      )
      .toContain('Open a shelter in every region by 2027.');
    const restored = dana.locator('[data-testid="recommendation"]', { hasText: title });
    await restored.locator('.chip', { hasText: 'Office of the Ombudsman' }).waitFor();
    // The audit names what went by title.
    const log = await apiCall<{ entries: Array<{ action: string; payload: string }> }>(
      people.chair.context,
      kenes.origin,
      'GET',
      `/meetings/${meetingId}/audit?action=rec.remove`,
    );
    expect(log.entries[0]?.payload).toContain(title);
  });

  it('Remove on an untouched agenda item asks, naming it', async () => {
    const chair = people.chair.page;
    const spare = chair.locator('.agenda-item', { hasText: 'Any other business' });
    await spare.getByRole('button', { name: 'Remove “Any other business”' }).click();
    const dialog = chair.getByRole('dialog', {
      name: 'Remove “Any other business” from the agenda?',
    });
    await dialog.getByRole('button', { name: 'Remove the item' }).click();
    await expect
      .poll(() => chair.locator('.agenda-item', { hasText: 'Any other business' }).count())
      .toBe(0);
    expect(await focused(chair)).toBe('h2:Agenda');
  });

  it('closing while someone speaks asks first, naming the speaker; Cancel keeps the meeting live', async () => {
    const chair = people.chair.page;
    await people.display.page.getByTestId('current-speaker').waitFor();
    const picker = chair.getByLabel('Change status');
    await picker.selectOption('closed');
    const dialog = chair.getByRole('dialog', { name: 'Close the meeting?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('confirm-speaker').textContent()).toContain('Dana Seitkali');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await chair.getByTestId('meeting-status').getAttribute('data-status')).toBe('live');
    expect(await picker.inputValue()).toBe('live');
    await people.display.page.getByTestId('current-speaker').waitFor();
    await picker.selectOption('closed');
    await dialog.getByRole('button', { name: 'End the turn and close the meeting' }).click();
    await chair
      .getByTestId('meeting-status')
      .and(chair.locator('[data-status="closed"]'))
      .waitFor();
  });

  it('after closing: the display says so, nobody is offered "Withdraw my request"', async () => {
    const page = people.display.page;
    await page.getByTestId('display-state').filter({ hasText: 'The meeting is closed.' }).waitFor();
    // Not under an "Agenda item" label: there is none (found walking a whole meeting).
    expect(await page.locator('#display-item').textContent()).toBe('Meeting status');
    expect(await page.getByTestId('current-speaker').count()).toBe(0);
    expect(await page.getByTestId('display-next').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'chairing-display-closed.png') });
    for (const who of ['erlan', 'farida'] as const) {
      await people[who].page
        .getByTestId('meeting-status')
        .and(people[who].page.locator('[data-status="closed"]'))
        .waitFor();
      expect(
        await people[who].page.getByRole('button', { name: 'Withdraw my request' }).count(),
      ).toBe(0);
      // Nothing a closed meeting refuses is offered (each was a 409 in the walkthrough).
      const page = people[who].page;
      await expect.poll(() => page.getByRole('button', { name: /^Endorse for/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Propose' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Rename' }).count()).toBe(0);
    }
    for (const who of WHO) expect(people[who].errors, who).toEqual([]);
  });
});
