import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recommendationText } from '@kenes/shared';
import { type Account, commandViaApi, createMeetingViaApi, inviteAll } from './support/api.js';
import { launchBrowser, waitSynced } from './support/browser.js';
import { signUpPeople, type Person } from './support/people.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';

/**
 * Issue 15, finding 1, in real Chromium: content outside the editor's
 * schema that is already in a stored text (written here server-side, as a
 * document stored before the guard checked it would hold it) must not be
 * turned into deletions by any browser's editor — not the one open while
 * it arrives, not a second one opening the room afterwards. Before the
 * fix, the Yjs binding deleted every paragraph it could not build.
 */
const ACCOUNTS = {
  chair: {
    name: 'Aliya Chair',
    organisation: 'Ministry of Foreign Affairs',
    email: 'chair@hostile.test',
  },
  dana: {
    name: 'Dana Seitkali',
    organisation: 'Union of Crisis Centres',
    email: 'dana@hostile.test',
    orgType: 'ngo',
  },
  erlan: {
    name: 'Erlan Bekov',
    organisation: 'Ombudsman',
    email: 'erlan@hostile.test',
    orgType: 'nhri',
  },
} satisfies Record<string, Account>;
type Who = keyof typeof ACCOUNTS;

const NOTICE = 'This text holds content this editor cannot show';

/** The few Y.XmlFragment/XmlElement/XmlText methods used here. */
interface XmlNode {
  get(index: number): XmlNode;
  toArray(): XmlNode[];
  insert(index: number, content: XmlNode[]): void;
  format(index: number, length: number, attributes: Record<string, unknown>): void;
}

let kenes: RunningKenes;
let browser: Browser;
let people: Record<Who, Person>;
let meetingId = '';
let itemId = '';

async function openRoom(page: Page): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await waitSynced(page);
}

/** The server's copy of a recommendation's text, as Yjs XML. */
function serverText(recId: string): Promise<string> {
  return kenes.rooms.read(meetingId, (doc) => recommendationText(doc, recId)?.toString() ?? '');
}

async function newRecommendation(title: string): Promise<{ recId: string; label: string }> {
  const { recId } = await commandViaApi(people.chair.context, kenes.origin, meetingId, {
    type: 'rec.create',
    agendaItemId: itemId,
    title,
  });
  return { recId: recId!, label: `Text of “${title}”` };
}

beforeAll(async () => {
  kenes = await startRealKenes();
  browser = await launchBrowser();
  people = await signUpPeople(browser, kenes.origin, ACCOUNTS);
  meetingId = await createMeetingViaApi(people.chair.context, kenes.origin, 'Hostile content');
  await inviteAll(people.chair.context, kenes.origin, meetingId, {
    participant: [people.dana.context, people.erlan.context],
  });
  itemId = (
    await commandViaApi(people.chair.context, kenes.origin, meetingId, {
      type: 'agenda.add',
      title: 'Drafting',
      plannedMinutes: 30,
    })
  ).itemId!;
  await commandViaApi(people.chair.context, kenes.origin, meetingId, {
    type: 'agenda.start',
    itemId,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

describe('content outside the editor schema in a stored text', () => {
  it('an open editor and a second browser opening the room change nothing of it', async () => {
    const a = await newRecommendation('Shelters');
    const b = await newRecommendation('Police');
    const dana = people.dana.page;
    await openRoom(dana);

    // Dana writes three paragraphs.
    const box = dana.getByRole('textbox', { name: a.label });
    await box.click();
    await dana.keyboard.type('Adopt a law');
    await dana.keyboard.press('Enter');
    await dana.keyboard.type('Train the police');
    await dana.keyboard.press('Enter');
    await dana.keyboard.type('Fund shelters');
    const typed =
      '<paragraph>Adopt a law</paragraph><paragraph>Train the police</paragraph><paragraph>Fund shelters</paragraph>';
    await expect.poll(() => serverText(a.recId), { timeout: 10_000 }).toBe(typed);

    // Server-side: an unknown format on the first character of each of
    // Dana's paragraphs (the 111-byte update), and a text holding an
    // <image> element beside a paragraph.
    await kenes.rooms.transact(meetingId, (doc) => {
      // Yjs types as the server holds them (e2e has no yjs import of its own).
      const f = recommendationText(doc, a.recId) as unknown as XmlNode;
      for (const p of f.toArray()) p.get(0).format(0, 1, { x: true });
      const g = recommendationText(doc, b.recId) as unknown as XmlNode;
      const para = f.get(0);
      const Element = para.constructor as new (name: string) => XmlNode;
      const Text = para.get(0).constructor as new (text: string) => XmlNode;
      const keep = new Element('paragraph');
      g.insert(0, [keep, new Element('image')]);
      keep.insert(0, [new Text('Keep me')]);
    });
    const storedA = await serverText(a.recId);
    const storedB = await serverText(b.recId);
    expect(storedA).toContain('<x>A</x>dopt a law');
    expect(storedB).toBe('<paragraph>Keep me</paragraph><image></image>');

    // Dana's editor was open when it arrived: it must not have deleted anything.
    await dana.waitForTimeout(1500);
    expect(await serverText(a.recId)).toBe(storedA);

    // A second browser opens the room afterwards.
    const erlan = people.erlan.page;
    await openRoom(erlan);
    await erlan.getByText(NOTICE).first().waitFor({ timeout: 10_000 });
    await erlan.waitForTimeout(1500);
    expect(await serverText(a.recId)).toBe(storedA);
    expect(await serverText(b.recId)).toBe(storedB);

    // Both show the readable text read-only, with the notice; nobody's page threw.
    for (const page of [dana, erlan]) {
      const textA = page.getByRole('textbox', { name: a.label });
      await expect.poll(() => textA.textContent()).toContain('Fund shelters');
      expect(await textA.getAttribute('contenteditable')).toBe('false');
      expect(await page.getByRole('textbox', { name: b.label }).textContent()).toContain('Keep me');
      expect(await page.getByText(NOTICE).count()).toBe(2);
    }
    await erlan.screenshot({ path: 'e2e/artifacts/hostile-content.png', fullPage: true });
    expect(people.dana.errors).toEqual([]);
    expect(people.erlan.errors).toEqual([]);
  }, 120_000);
});
