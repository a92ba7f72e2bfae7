import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger, loadConfig, openSqliteStore, startServer } from '@kenes/server';
import type { RunningServer, Store } from '@kenes/server';
import { launchBrowser } from './support/browser.js';
import { ensureClientBuilt } from './support/clientBuild.js';

/**
 * `pnpm demo` on an empty data directory (issue 17): its seed step runs as
 * `pnpm demo` runs it (the `demo` entry in a process of its own, same
 * environment), then a server serves that directory and a browser signs in
 * with an account the seed printed. Also the sign-in page's introduction in
 * three languages, and the chair's meeting details reaching another member.
 */
const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');
const REGISTER_TS = path.join(ROOT, 'packages/server/src/test-support/register-ts.mjs');
const DEMO_ENTRY = path.join(ROOT, 'packages/server/src/demo.ts');
const run = promisify(execFile);

let dataDir: string;
let env: Record<string, string>;
let origin: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let firstOutput = '';

/** Runs the demo seed in its own process, as `pnpm demo` does; resolves with what it printed. */
async function seed(): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=source', '--import', REGISTER_TS, DEMO_ENTRY],
    { env: { ...process.env, ...env }, cwd: ROOT, timeout: 120_000 },
  );
  return stdout;
}

/** The accounts the seed printed: `role email  name, organisation`, and the shared password. */
function printedAccounts(out: string): { password: string; emails: Record<string, string> } {
  const password = /Password for all: (\S+)/.exec(out)?.[1] ?? '';
  const emails: Record<string, string> = {};
  for (const m of out.matchAll(/^\s+(chair|participant|observer)\s+(\S+@\S+)\s+(.+)$/gm)) {
    emails[m[3]!.split(',')[0]!.trim()] = m[2]!;
  }
  return { password, emails };
}

/** Signs in through the form; the home page then lists the demo meeting. */
async function signInViaForm(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /Human Dimension Dialogue Platform/ }).waitFor();
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function newContext(language?: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 1280, height: 900 },
  });
  if (language) {
    await context.addInitScript((lang) => localStorage.setItem('kenes.language', lang), language);
  }
  return context;
}

async function synced(page: Page) {
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  const clientDir = ensureClientBuilt();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kenes-demo-e2e-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: origin,
    DATA_DIR: dataDir,
    CLIENT_DIR: clientDir,
    LOG_LEVEL: 'warn',
  };
  firstOutput = await seed();
  const config = loadConfig(env);
  store = openSqliteStore(config.dbPath);
  server = await startServer({ config, logger: createLogger({ level: 'warn' }), store });
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm demo', () => {
  it('prints the accounts, the password and the address', () => {
    expect(firstOutput).toMatch(/seeded the meeting/);
    expect(firstOutput).toContain(origin);
    const { password, emails } = printedAccounts(firstOutput);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(emails)).toHaveLength(9);
  });

  it('signs in with a printed account and shows the seeded agenda, record and recommendations', async () => {
    const { password, emails } = printedAccounts(firstOutput);
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInViaForm(page, emails['Aigerim Seitkali']!, password);
    await page.getByRole('link', { name: /Human Dimension Dialogue Platform/ }).click();
    await synced(page);

    const agenda = page.locator('section[aria-labelledby="agenda-title"]');
    for (const title of [
      'Ensuring gender equality and equal opportunities',
      'Combating violence against women',
      'Rights of persons with disabilities',
    ]) {
      await expect(agenda.getByText(title, { exact: true }).first().isVisible()).resolves.toBe(
        true,
      );
    }
    // The record of the item under discussion, with durations, and who still waits.
    const record = page.getByTestId('spoken-record');
    await expect(record.locator('li').count()).resolves.toBe(3);
    await expect(record.textContent()).resolves.toMatch(/Nurlan Abenov.*Saule Omarova/s);
    await expect(record.getByTestId('spoken-duration').first().textContent()).resolves.toMatch(/4/);
    await expect(page.getByTestId('waiting-list').locator('li').count()).resolves.toBe(2);
    // Two drafts; their texts, typed by their proposers, are in the editors.
    // The draft of the item under discussion; its text, typed by its proposer, is in the editor.
    const recs = page.getByTestId('recommendation');
    await expect(recs.count()).resolves.toBe(1);
    await recs
      .getByRole('heading', { name: 'Guarantee state funding of crisis centres in every region' })
      .waitFor();
    await page.getByText(/state social procurement for crisis centres/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-room.png'), fullPage: true });
    // Both drafts, the first item's too, with "Show all items".
    await page.getByRole('button', { name: 'Show all items' }).click();
    await expect(recs.count()).resolves.toBe(2);
    await page.getByText(/average pay of women and men in comparable positions/).waitFor();
    // The details under the title.
    await expect(page.getByTestId('meeting-venue').textContent()).resolves.toBe(
      'Ministry of Foreign Affairs, Astana',
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('seeds nothing the second time: says so, and the list still holds one meeting', async () => {
    const again = await seed();
    expect(again).toMatch(/already seeded/);
    expect(printedAccounts(again)).toEqual(printedAccounts(firstOutput));
    const chair = await store.accounts.userByEmail(
      printedAccounts(firstOutput).emails['Aigerim Seitkali']!,
    );
    expect(await store.meetings.meetingsOfUser(chair!.id)).toHaveLength(1);
    const context = await newContext();
    const page = await context.newPage();
    const { password, emails } = printedAccounts(firstOutput);
    await signInViaForm(page, emails['Aigerim Seitkali']!, password);
    await expect(
      page.getByRole('link', { name: /Human Dimension Dialogue Platform/ }).count(),
    ).resolves.toBe(1);
    await context.close();
  }, 180_000);

  it('the chair edits the meeting details and another member sees them live', async () => {
    const { password, emails } = printedAccounts(firstOutput);
    const chairContext = await newContext();
    const chair = await chairContext.newPage();
    await signInViaForm(chair, emails['Aigerim Seitkali']!, password);
    await chair.getByRole('link', { name: /Human Dimension Dialogue Platform/ }).click();
    await synced(chair);

    const otherContext = await newContext();
    const other = await otherContext.newPage();
    await signInViaForm(other, emails['Arman Zhumabekov']!, password);
    await other.getByRole('link', { name: /Human Dimension Dialogue Platform/ }).click();
    await synced(other);
    // A participant is offered no edit (the server refuses it too: see the command tests).
    await expect(other.getByRole('button', { name: 'Edit details' }).count()).resolves.toBe(0);

    await chair.getByRole('button', { name: 'Edit details' }).click();
    const form = chair.locator('form.details-form');
    await form.getByLabel('Title').fill('HDDP — 3rd session on gender equality');
    await form.getByLabel('Date and time').fill('2026-03-12T10:30');
    await form.getByLabel('Venue').fill('Akorda, Astana');
    await form.getByLabel('Description').fill('Recommendations go to the Government in April.');
    await chair.screenshot({ path: path.join(ARTIFACTS, 'demo-details-form.png') });
    await chair.getByRole('button', { name: 'Save details' }).click();
    await chair.getByRole('button', { name: 'Edit details' }).waitFor();
    await chair.screenshot({ path: path.join(ARTIFACTS, 'demo-details-edited.png') });

    await other
      .getByTestId('meeting-title')
      .filter({ hasText: 'HDDP — 3rd session on gender equality' })
      .waitFor();
    await other.getByTestId('meeting-venue').filter({ hasText: 'Akorda, Astana' }).waitFor();
    await other
      .getByTestId('meeting-description')
      .filter({ hasText: 'Recommendations go to the Government in April.' })
      .waitFor();
    await expect(other.getByTestId('meeting-starts-at').getAttribute('datetime')).resolves.toMatch(
      /^2026-03-12T/,
    );
    // Long text, as a hostile or careless chair may type: a 200-character Kazakh venue and a
    // 4,000-character description fold and wrap; nothing overflows the page.
    const venue = 'Қазақстан Республикасы Сыртқы істер министрлігінің мәжіліс залы, '
      .repeat(4)
      .slice(0, 200);
    await chair.getByRole('button', { name: 'Edit details' }).click();
    await form.getByLabel('Venue').fill(venue);
    await form.getByLabel('Description').fill('Ұсыныстар. '.repeat(400).slice(0, 4000));
    await chair.getByRole('button', { name: 'Save details' }).click();
    await other.getByTestId('meeting-venue').filter({ hasText: venue.trim() }).waitFor();
    await other.getByText('About this meeting').waitFor();
    await expect(other.getByTestId('meeting-description').isVisible()).resolves.toBe(false);
    await expect(
      other.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).resolves.toBe(true);
    await other.screenshot({ path: path.join(ARTIFACTS, 'demo-details-long.png') });

    // The list mirrors the title, date and venue.
    await other.goto('/');
    await other.getByRole('link', { name: 'HDDP — 3rd session on gender equality' }).waitFor();
    await other.getByText(venue.trim()).waitFor();
    await other.screenshot({ path: path.join(ARTIFACTS, 'demo-home.png') });
    await chairContext.close();
    await otherContext.close();
  }, 90_000);
});

describe('the sign-in page', () => {
  const EXPECTED: Record<string, { intro: RegExp; link: string }> = {
    en: { intro: /Kenes runs consultative meetings live/, link: 'Create an account' },
    ru: { intro: /Kenes — консультативные заседания/, link: 'Создайте учётную запись' },
    kk: { intro: /Kenes — консультативтік/, link: 'Тіркелгі жасаңыз' },
  };
  for (const [lang, want] of Object.entries(EXPECTED)) {
    it(`says what Kenes is and offers an account, axe clean (${lang})`, async () => {
      const context = await newContext(lang);
      const page = await context.newPage();
      await page.goto('/login');
      const intro = page.getByTestId('sign-in-intro');
      await expect(intro.textContent()).resolves.toMatch(want.intro);
      await expect(intro.locator('p').count()).resolves.toBe(2);
      await intro.getByRole('link', { name: want.link }).click();
      await page.waitForURL(/\/signup$/);
      await page.goto('/login');
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `demo-sign-in-${lang}.png`) });
      await context.close();
    }, 30_000);
  }
});
