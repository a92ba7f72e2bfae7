import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { anchorInText, recommendationText } from '@kenes/shared';
import {
  apiCall,
  commandViaApi,
  createMeetingViaApi,
  E2E_PASSWORD,
  signUpViaApi,
} from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startRealKenes, type RunningKenes } from './support/realKenes.js';
// The text of the commented meeting is written the way an editor writes it:
// Yjs updates over the sync socket (a stock y-websocket client, as in
// client-id-clash.test.ts), so the anchors are real relative positions.
import {
  appendParagraph,
  connectClient,
  waitSynced,
} from '../packages/server/src/test-support/clients.js';

/**
 * Figures the issue asks for, printed (and written to
 * `artifacts/measure.json`), not asserted: a slow CI machine must not fail
 * the build, but the numbers are there on every run.
 *
 * - Time from navigation to an editable editor in headless Chromium, for a
 *   meeting whose current item has 50 recommendations (created through the
 *   commands API), on a fresh browser context (cold HTTP cache, no local
 *   copy of the doc), and again on a reload (warm cache, IndexedDB copy).
 * - The same for a second meeting: 50 recommendations with text and 500
 *   comment threads spread over them (10 each, replies on every fifth),
 *   created through the sync socket and the commands API (issue 19: it
 *   "still opens within the room's load-time target"); printed side by side.
 * - Gzip size of the JavaScript the room loads, taken from what the browser
 *   actually fetched (so lazy chunks count exactly when the room needs them).
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');
const RECOMMENDATIONS = 50;
const COLD_RUNS = 3;
const THREADS = 500;
/** Every REPLY_EVERY-th thread gets a reply. */
const REPLY_EVERY = 5;
/** The text of each commented recommendation; threads anchor on its words. */
const REC_TEXT =
  'Fund shelters in every region and train police judges prosecutors and social workers to respond to domestic violence';

let kenes: RunningKenes;
let browser: Browser;
let meetingId = '';
const CHAIR = {
  name: 'Aliya Chair',
  organisation: 'Ministry of Foreign Affairs',
  email: 'chair@measure.test',
};

beforeAll(async () => {
  // The scene is 50 commands in a row from one chair: above a member's
  // command rate limit (5/s, burst 30), which this measurement is not about.
  kenes = await startRealKenes({ COMMANDS_PER_SEC: '1000', COMMAND_BURST: '1000' });
  browser = await launchBrowser();
  const setup = await browser.newContext({ baseURL: kenes.origin });
  await signUpViaApi(setup, kenes.origin, CHAIR);
  meetingId = await createMeetingViaApi(setup, kenes.origin, 'Fifty recommendations');
  const { itemId } = await commandViaApi(setup, kenes.origin, meetingId, {
    type: 'agenda.add',
    title: 'Ensuring gender equality and equal opportunities',
  });
  await commandViaApi(setup, kenes.origin, meetingId, { type: 'agenda.start', itemId: itemId! });
  for (let i = 1; i <= RECOMMENDATIONS; i++) {
    await commandViaApi(setup, kenes.origin, meetingId, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: `Recommendation ${i}: strengthen the national mechanism`,
    });
  }
  await setup.close();
});

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

/**
 * Waits until the first editor and then all of them are editable; answers
 * both moments in ms since the navigation started (the page's own clock).
 */
async function timeToEditable(
  page: Page,
  recommendations = RECOMMENDATIONS,
): Promise<{ shell: number; synced: number; first: number; all: number }> {
  const at = async (selector: string) =>
    Math.round(
      Number(
        await (
          await page.waitForFunction(
            (s) => document.querySelector(s) !== null && performance.now(),
            selector,
            { timeout: 30_000, polling: 'raf' },
          )
        ).jsonValue(),
      ),
    );
  const shell = await at('.room');
  const synced = await at('[role="status"][data-status="synced"]');
  const first = await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="recommendation"] [contenteditable="true"]') !== null &&
      performance.now(),
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  const all = await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid="recommendation"] [contenteditable="true"]').length >=
        n && performance.now(),
    recommendations,
    { timeout: 30_000, polling: 'raf' },
  );
  return {
    shell,
    synced,
    first: Math.round(Number(await first.jsonValue())),
    all: Math.round(Number(await all.jsonValue())),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Timing = Awaited<ReturnType<typeof timeToEditable>>;
/** The Yjs text type an anchor is made in (yjs itself is not an e2e dependency). */
type AnchorText = Parameters<typeof anchorInText>[0];

/** Logs the chair in on a fresh context (cold HTTP cache, no IndexedDB copy). */
async function chairContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: kenes.origin,
    viewport: { width: 1280, height: 900 },
  });
  await apiCall(context, kenes.origin, 'POST', '/auth/login', {
    email: CHAIR.email,
    password: E2E_PASSWORD,
  });
  return context;
}

/**
 * COLD_RUNS times: a fresh context opens the meeting (cold), then reloads it
 * (warm). `check` asserts behaviour on the opened page; `scripts` collects
 * the JavaScript the first run fetched.
 */
async function measureMeeting(
  id: string,
  recommendations: number,
  check: (page: Page) => Promise<void>,
  scripts?: Map<string, Buffer>,
): Promise<{ cold: Timing[]; warm: Timing[] }> {
  const cold: Timing[] = [];
  const warm: Timing[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const context = await chairContext();
    try {
      const page = await context.newPage();
      if (run === 0 && scripts) {
        page.on('response', (res) => {
          if (res.request().resourceType() !== 'script') return;
          void res.body().then(
            (b) => scripts.set(new URL(res.url()).pathname, b),
            () => undefined,
          );
        });
      }
      await page.goto(`/meetings/${id}`);
      cold.push(await timeToEditable(page, recommendations));
      await check(page);
      await page.reload();
      warm.push(await timeToEditable(page, recommendations));
      await check(page);
    } finally {
      await context.close();
    }
  }
  return { cold, warm };
}

/** The medians of the moment all editors are editable, cold and on reload (for the side-by-side line). */
let plainMedians: { cold: number; warm: number } | null = null;
/** What the first test wrote to measure.json; the second adds its figures. */
let plainReport: object = {};

const allEditable = async (page: Page, n: number) => {
  expect(await page.locator('[data-testid="recommendation"]').count()).toBe(n);
  expect(
    await page.locator('[data-testid="recommendation"] [contenteditable="true"]').count(),
  ).toBe(n);
};

describe('measurements (printed, not asserted)', () => {
  it(`time to an editable editor with ${RECOMMENDATIONS} recommendations; gzip of the room's JavaScript`, async () => {
    const scripts = new Map<string, Buffer>();
    const { cold, warm: warmRuns } = await measureMeeting(
      meetingId,
      RECOMMENDATIONS,
      (page) => allEditable(page, RECOMMENDATIONS),
      scripts,
    );
    const warm = warmRuns[0] ?? null;
    plainMedians = {
      cold: median(cold.map((c) => c.all)),
      warm: median(warmRuns.map((c) => c.all)),
    };

    const files = [...scripts].map(([file, body]) => ({
      file,
      bytes: body.length,
      gzip: gzipSync(body).length,
    }));
    const total = files.reduce((s, f) => ({ bytes: s.bytes + f.bytes, gzip: s.gzip + f.gzip }), {
      bytes: 0,
      gzip: 0,
    });
    const report = {
      recommendations: RECOMMENDATIONS,
      coldRunsMs: cold,
      coldMedianMs: {
        first: median(cold.map((c) => c.first)),
        all: median(cold.map((c) => c.all)),
      },
      warmReloadMs: warm,
      warmRunsMs: warmRuns,
      warmMedianMs: {
        first: median(warmRuns.map((c) => c.first)),
        all: median(warmRuns.map((c) => c.all)),
      },
      roomJavaScript: {
        files: files.sort((a, b) => b.gzip - a.gzip),
        totalBytes: total.bytes,
        totalGzipBytes: total.gzip,
      },
    };
    plainReport = report;
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(path.join(ARTIFACTS, 'measure.json'), JSON.stringify(report, null, 2));
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      [
        `[measure] ${RECOMMENDATIONS} recommendations, headless Chromium, navigation → editable editor:`,
        `  cold (fresh context) median: first ${report.coldMedianMs.first} ms, all ${report.coldMedianMs.all} ms (runs: ${cold.map((c) => c.first).join(', ')} ms)`,
        `  cold breakdown (run 1): room shell ${cold[0]?.shell} ms, synced ${cold[0]?.synced} ms`,
        `  warm reload (HTTP cache + IndexedDB copy): first ${warm?.first} ms, all ${warm?.all} ms (room shell ${warm?.shell} ms, synced ${warm?.synced} ms)`,
        `[measure] room JavaScript: ${files.length} files, ${kb(total.bytes)} raw, ${kb(total.gzip)} gzip`,
        ...files.map((f) => `  ${f.file}: ${kb(f.bytes)} raw, ${kb(f.gzip)} gzip`),
      ].join('\n'),
    );
    expect(files.length).toBeGreaterThan(0);
  });
  it(`time to an editable editor with ${RECOMMENDATIONS} recommendations and ${THREADS} comment threads`, async () => {
    const commented = await commentedMeeting();
    // The moment (page clock) every card's badge adds up to all open threads.
    const shown: number[] = [];
    const { cold, warm } = await measureMeeting(commented, RECOMMENDATIONS, async (page) => {
      await allEditable(page, RECOMMENDATIONS);
      const at = await page.waitForFunction(
        (n) => {
          let sum = 0;
          for (const b of Array.from(document.querySelectorAll('[data-testid="comment-badge"]')))
            sum += Number.parseInt(b.textContent ?? '', 10) || 0;
          return sum === n && performance.now();
        },
        THREADS,
        { timeout: 30_000, polling: 'raf' },
      );
      shown.push(Math.round(Number(await at.jsonValue())));
      // Each card's list shows its ten threads, as the badge says.
      const card = page.getByTestId('recommendation').first();
      expect(await card.getByTestId('comment-badge').textContent()).toBe(
        `${THREADS / RECOMMENDATIONS} open`,
      );
      await card.getByTestId('comments-panel').locator('summary').click();
      await expect
        .poll(() => card.getByTestId('comment-thread').count())
        .toBe(THREADS / RECOMMENDATIONS);
      await card.getByTestId('comments-panel').locator('summary').click();
    });
    const medians = {
      cold: median(cold.map((c) => c.all)),
      warm: median(warm.map((c) => c.all)),
    };
    const withComments = {
      recommendations: RECOMMENDATIONS,
      threads: THREADS,
      replies: Math.ceil(THREADS / REPLY_EVERY),
      coldRunsMs: cold,
      coldMedianMs: { first: median(cold.map((c) => c.first)), all: medians.cold },
      warmRunsMs: warm,
      warmMedianMs: { first: median(warm.map((c) => c.first)), all: medians.warm },
      /** Page clock when the badges first added up to every thread, per page load (cold, warm, …). */
      commentsShownMs: shown,
    };
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(
      path.join(ARTIFACTS, 'measure.json'),
      JSON.stringify({ ...plainReport, withComments }, null, 2),
    );
    const p = plainMedians;
    console.log(
      [
        `[measure] navigation → all editors editable, medians of ${COLD_RUNS} (cold = fresh context, reload = HTTP cache + IndexedDB copy):`,
        `  ${RECOMMENDATIONS} recs: ${p?.cold ?? '?'} ms cold / ${p?.warm ?? '?'} ms reload; ${RECOMMENDATIONS} recs + ${THREADS} comments: ${medians.cold} / ${medians.warm} ms`,
        `  with comments, runs: cold ${cold.map((c) => c.all).join(', ')} ms; reload ${warm.map((c) => c.all).join(', ')} ms; first editor cold ${withComments.coldMedianMs.first} ms`,
        `  with comments, breakdown (cold run 1): room shell ${cold[0]?.shell} ms, synced ${cold[0]?.synced} ms; badges add up to ${THREADS} at ${shown.join(', ')} ms`,
      ].join('\n'),
    );
  });
});

/**
 * A second meeting: RECOMMENDATIONS recommendations, each with REC_TEXT
 * written over the sync socket, and THREADS threads anchored on its words
 * (thread k on recommendation k mod 50, word k div 50), every
 * REPLY_EVERY-th answered; all as the chair, through the real API.
 */
async function commentedMeeting(): Promise<string> {
  const setup = await chairContext();
  const origin = kenes.origin;
  try {
    const id = await createMeetingViaApi(setup, origin, 'Fifty recommendations, 500 comments');
    const { itemId } = await commandViaApi(setup, origin, id, {
      type: 'agenda.add',
      title: 'Ensuring gender equality and equal opportunities',
    });
    await commandViaApi(setup, origin, id, { type: 'agenda.start', itemId: itemId! });
    const recIds: string[] = [];
    for (let i = 1; i <= RECOMMENDATIONS; i++) {
      const { recId } = await commandViaApi(setup, origin, id, {
        type: 'rec.create',
        agendaItemId: itemId!,
        title: `Recommendation ${i}: strengthen the national mechanism`,
      });
      recIds.push(recId!);
    }
    const cookie = (await setup.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    const writer = connectClient(origin.replace(/^http/, 'ws') + '/sync', id, {
      headers: { origin, cookie },
    });
    try {
      await waitSynced(writer, 15_000);
      // The XmlText of each recommendation's new paragraph: what an anchor is made in.
      const texts = recIds.map((recId) => {
        appendParagraph(writer.doc, recId, REC_TEXT);
        const fragment = recommendationText(writer.doc, recId)!;
        const paragraph = fragment.get(fragment.length - 1) as unknown as {
          get(index: number): AnchorText;
        };
        const words = paragraph.get(0);
        expect(words.toString()).toBe(REC_TEXT);
        return words;
      });
      await expect
        .poll(
          () =>
            kenes.rooms.read(id, (doc) =>
              recIds.every((r) => recommendationText(doc, r)?.toString().includes('violence')),
            ),
          { timeout: 15_000 },
        )
        .toBe(true);
      const words = [...REC_TEXT.matchAll(/\S+/gu)].map((m) => ({ word: m[0], at: m.index }));
      for (let k = 0; k < THREADS; k++) {
        const r = k % RECOMMENDATIONS;
        const w = words[Math.floor(k / RECOMMENDATIONS) % words.length]!;
        const { threadId } = await commandViaApi(setup, origin, id, {
          type: 'comment.create',
          recId: recIds[r]!,
          anchor: anchorInText(texts[r]!, w.at, w.at + w.word.length),
          quote: w.word,
          text: `Thread ${k + 1}: please say who funds the ${w.word} part.`,
        });
        if (k % REPLY_EVERY === 0)
          await commandViaApi(setup, origin, id, {
            type: 'comment.reply',
            threadId: threadId!,
            text: `Reply to thread ${k + 1}: the state budget, from next year.`,
          });
      }
    } finally {
      writer.destroy();
    }
    return id;
  } finally {
    await setup.close();
  }
}
