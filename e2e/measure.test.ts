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
 * - Time from navigation to an editable editor in headless Chromium (the
 *   first text's editor takes typing and every card is on the page), for a
 *   meeting whose current item has 50 recommendations (created through the
 *   commands API), on a fresh browser context (cold HTTP cache, no local
 *   copy of the doc), and again on a reload (warm cache, IndexedDB copy);
 *   medians of 5. The same cold for 200 recommendations. Texts off screen
 *   get their editors when the page is idle: when all of them are editable
 *   is printed too.
 * - The same for a second meeting: 50 recommendations with text and 500
 *   comment threads spread over them (10 each, replies on every fifth),
 *   created through the sync socket and the commands API (issue 19: it
 *   "still opens within the room's load-time target"); printed side by side.
 * - Gzip size of the JavaScript the room loads, taken from what the browser
 *   actually fetched (so lazy chunks count exactly when the room needs them).
 */
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../artifacts');
const RECOMMENDATIONS = 50;
/** The larger meeting of the load-time targets. */
const MANY_RECOMMENDATIONS = 200;
/** Fresh contexts per meeting (each followed by one reload); the figures are their medians. */
const COLD_RUNS = 5;
/** The targets of issue 20, ms and KiB gzip: what a person feels. */
const TARGETS = { cold50: 500, reload50: 300, cold200: 1000, roomJsKiB: 180 } as const;
const THREADS = 500;
/** Fresh contexts for the commented meeting (each with a reload). */
const COMMENTED_RUNS = 3;
/** Every REPLY_EVERY-th thread gets a reply. */
const REPLY_EVERY = 5;
/** The text of each commented recommendation; threads anchor on its words. */
const REC_TEXT =
  'Fund shelters in every region and train police judges prosecutors and social workers to respond to domestic violence';

let kenes: RunningKenes;
let browser: Browser;
let meetingId = '';
/** The meeting with MANY_RECOMMENDATIONS. */
let manyId = '';
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
  meetingId = await meetingWith(setup, 'Fifty recommendations', RECOMMENDATIONS);
  manyId = await meetingWith(setup, 'Two hundred recommendations', MANY_RECOMMENDATIONS);
  await setup.close();
});

/** A meeting whose current agenda item has `n` recommendations (no text), made as the chair. */
async function meetingWith(setup: BrowserContext, title: string, n: number): Promise<string> {
  const id = await createMeetingViaApi(setup, kenes.origin, title);
  const { itemId } = await commandViaApi(setup, kenes.origin, id, {
    type: 'agenda.add',
    title: 'Ensuring gender equality and equal opportunities',
  });
  await commandViaApi(setup, kenes.origin, id, { type: 'agenda.start', itemId: itemId! });
  for (let i = 1; i <= n; i++) {
    await commandViaApi(setup, kenes.origin, id, {
      type: 'rec.create',
      agendaItemId: itemId!,
      title: `Recommendation ${i}: strengthen the national mechanism`,
    });
  }
  return id;
}

afterAll(async () => {
  await browser?.close();
  await kenes?.stop();
});

/**
 * Answers, in ms since the navigation started (the page's own clock): the
 * room shell, "synced", `editable` — the first text's editor takes typing
 * and all `recommendations` cards are on the page (what a person waits for)
 * — and `all`, every text's editor made (the ones off screen come in idle
 * time).
 */
async function timeToEditable(
  page: Page,
  recommendations = RECOMMENDATIONS,
  waitAll = true,
): Promise<{ shell: number; synced: number; editable: number; all: number }> {
  const at = async <A extends string | number>(fn: (arg: A) => unknown, arg: A) =>
    Math.round(
      Number(
        await (
          await page.waitForFunction(fn as (arg: string | number) => unknown, arg, {
            timeout: 30_000,
            polling: 'raf',
          })
        ).jsonValue(),
      ),
    );
  const shell = await at((s) => document.querySelector(s) !== null && performance.now(), '.room');
  const synced = await at(
    (s) => document.querySelector(s) !== null && performance.now(),
    '[role="status"][data-status="synced"]',
  );
  const editable = await at(
    (n) =>
      document.querySelectorAll('[data-testid="recommendation"]').length >= n &&
      document.querySelector(
        '[data-testid="recommendation"] .ProseMirror[contenteditable="true"]',
      ) !== null &&
      performance.now(),
    recommendations,
  );
  if (!waitAll) return { shell, synced, editable, all: Number.NaN };
  const all = await at(
    (n) =>
      document.querySelectorAll('[data-testid="recommendation"] [contenteditable="true"]').length >=
        n && performance.now(),
    recommendations,
  );
  return { shell, synced, editable, all };
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
 * `runs` times: a fresh context opens the meeting (cold), then, with
 * `reload`, reloads it (warm). `check` asserts behaviour on the opened page;
 * `scripts` collects the JavaScript the first run fetched.
 */
async function measureMeeting(
  id: string,
  recommendations: number,
  check: (page: Page) => Promise<void>,
  { runs = COLD_RUNS, reload = true, scripts, waitAll = true }: MeasureOptions = {},
): Promise<{ cold: Timing[]; warm: Timing[] }> {
  const cold: Timing[] = [];
  const warm: Timing[] = [];
  for (let run = 0; run < runs; run++) {
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
      cold.push(await timeToEditable(page, recommendations, waitAll));
      await check(page);
      if (!reload) continue;
      await page.reload();
      warm.push(await timeToEditable(page, recommendations));
      await check(page);
    } finally {
      await context.close();
    }
  }
  return { cold, warm };
}

/** Options of {@link measureMeeting}. */
interface MeasureOptions {
  runs?: number;
  reload?: boolean;
  /** Wait for every text's editor too (the `all` figure); NaN when not. */
  waitAll?: boolean;
  scripts?: Map<string, Buffer>;
}

/** What the tests below found, for the table and `measure.json`. */
const found: {
  cold50?: Timing[];
  reload50?: Timing[];
  cold200?: Timing[];
  roomJavaScript?: { files: ScriptSize[]; totalBytes: number; totalGzipBytes: number };
} = {};
/** One script the room fetched, raw and gzip bytes. */
interface ScriptSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** What measure.json holds so far (each test adds its figures). */
let report: Record<string, unknown> = {};
async function writeReport(part: Record<string, unknown>): Promise<void> {
  report = { ...report, ...part };
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(path.join(ARTIFACTS, 'measure.json'), JSON.stringify(report, null, 2));
}

const allEditable = async (page: Page, n: number) => {
  expect(await page.locator('[data-testid="recommendation"]').count()).toBe(n);
  expect(
    await page.locator('[data-testid="recommendation"] [contenteditable="true"]').count(),
  ).toBe(n);
};

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const runsOf = (ts: readonly Timing[], key: keyof Timing = 'editable') =>
  ts.map((t) => t[key]).join(', ');

describe('measurements (printed, not asserted)', () => {
  it(`time to an editable editor with ${RECOMMENDATIONS} recommendations, cold and on reload; gzip of the room's JavaScript`, async () => {
    const scripts = new Map<string, Buffer>();
    const { cold, warm } = await measureMeeting(
      meetingId,
      RECOMMENDATIONS,
      (page) => allEditable(page, RECOMMENDATIONS),
      { scripts },
    );
    const files = [...scripts]
      .map(([file, body]) => ({ file, bytes: body.length, gzip: gzipSync(body).length }))
      .sort((a, b) => b.gzip - a.gzip);
    const total = files.reduce((s, f) => ({ bytes: s.bytes + f.bytes, gzip: s.gzip + f.gzip }), {
      bytes: 0,
      gzip: 0,
    });
    found.cold50 = cold;
    found.reload50 = warm;
    found.roomJavaScript = { files, totalBytes: total.bytes, totalGzipBytes: total.gzip };
    await writeReport({
      recommendations: RECOMMENDATIONS,
      coldRunsMs: cold,
      coldMedianMs: {
        editable: median(cold.map((c) => c.editable)),
        all: median(cold.map((c) => c.all)),
      },
      warmRunsMs: warm,
      warmMedianMs: {
        editable: median(warm.map((c) => c.editable)),
        all: median(warm.map((c) => c.all)),
      },
      roomJavaScript: found.roomJavaScript,
    });
    console.log(
      [
        `[measure] ${RECOMMENDATIONS} recommendations, navigation → editable editor (ms, page clock):`,
        `  cold runs ${runsOf(cold)}; every editor made: ${runsOf(cold, 'all')}; shell ${runsOf(cold, 'shell')}; synced ${runsOf(cold, 'synced')}`,
        `  reload runs ${runsOf(warm)}; every editor made: ${runsOf(warm, 'all')}; shell ${runsOf(warm, 'shell')}; synced ${runsOf(warm, 'synced')}`,
        `[measure] room JavaScript: ${files.length} files, ${kib(total.bytes)} raw, ${kib(total.gzip)} gzip`,
        ...files.map((f) => `  ${f.file}: ${kib(f.bytes)} raw, ${kib(f.gzip)} gzip`),
      ].join('\n'),
    );
    expect(files.length).toBeGreaterThan(0);
  }, 180_000);

  it(`time to an editable editor with ${MANY_RECOMMENDATIONS} recommendations, cold`, async () => {
    const { cold } = await measureMeeting(
      manyId,
      MANY_RECOMMENDATIONS,
      async (page) =>
        expect(await page.getByTestId('recommendation').count()).toBe(MANY_RECOMMENDATIONS),
      // Every one of 200 editors takes a few seconds of idle time: not what is measured here.
      { reload: false, waitAll: false },
    );
    found.cold200 = cold;
    await writeReport({
      many: {
        recommendations: MANY_RECOMMENDATIONS,
        coldRunsMs: cold,
        coldMedianMs: {
          editable: median(cold.map((c) => c.editable)),
          all: median(cold.map((c) => c.all)),
        },
      },
    });
    console.log(
      `[measure] ${MANY_RECOMMENDATIONS} recommendations, cold runs ${runsOf(cold)} ms; shell ${runsOf(cold, 'shell')}; synced ${runsOf(cold, 'synced')}`,
    );
  }, 180_000);

  it('what a person feels opening the room: the table of targets', async () => {
    const row = (what: string, target: string, value: string, runs: string) =>
      `| ${what} | ${target} | ${value} | ${runs} |`;
    const ms = (ts: Timing[] | undefined) => (ts ? `${median(ts.map((t) => t.editable))} ms` : '?');
    const js = found.roomJavaScript;
    const table = [
      `| what a person feels (headless Chromium, loopback, medians of ${COLD_RUNS}) | target | median | runs (ms) |`,
      '|---|---|---|---|',
      row(
        `${RECOMMENDATIONS} recs, navigation → editable editor, cold`,
        `≤ ${TARGETS.cold50} ms`,
        ms(found.cold50),
        runsOf(found.cold50 ?? []),
      ),
      row(
        `${RECOMMENDATIONS} recs, reload (HTTP cache + IndexedDB copy)`,
        `≤ ${TARGETS.reload50} ms`,
        ms(found.reload50),
        runsOf(found.reload50 ?? []),
      ),
      row(
        `${MANY_RECOMMENDATIONS} recs, navigation → editable editor, cold`,
        `≤ ${TARGETS.cold200} ms`,
        ms(found.cold200),
        runsOf(found.cold200 ?? []),
      ),
      row(
        `${RECOMMENDATIONS} recs, every text's editor made (idle time), cold`,
        '—',
        found.cold50 ? `${median(found.cold50.map((t) => t.all))} ms` : '?',
        runsOf(found.cold50 ?? [], 'all'),
      ),
      row(
        "the room's JavaScript, gzip (what the browser fetched)",
        `≤ ${TARGETS.roomJsKiB} KiB`,
        js ? kib(js.totalGzipBytes) : '?',
        js ? `${js.files.length} files` : '',
      ),
    ].join('\n');
    await writeReport({ table });
    console.log(`[measure] opening the room\n${table}`);
    expect(found.cold50).toBeDefined();
  });

  it(`time to an editable editor with ${RECOMMENDATIONS} recommendations and ${THREADS} comment threads`, async () => {
    const commented = await commentedMeeting();
    // The moment (page clock) every card's badge adds up to all open threads.
    const shown: number[] = [];
    const { cold, warm } = await measureMeeting(
      commented,
      RECOMMENDATIONS,
      async (page) => {
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
      },
      { runs: COMMENTED_RUNS },
    );
    const medians = {
      cold: median(cold.map((c) => c.all)),
      warm: median(warm.map((c) => c.all)),
    };
    const withComments = {
      recommendations: RECOMMENDATIONS,
      threads: THREADS,
      replies: Math.ceil(THREADS / REPLY_EVERY),
      coldRunsMs: cold,
      coldMedianMs: { editable: median(cold.map((c) => c.editable)), all: medians.cold },
      warmRunsMs: warm,
      warmMedianMs: { editable: median(warm.map((c) => c.editable)), all: medians.warm },
      /** Page clock when the badges first added up to every thread, per page load (cold, warm, …). */
      commentsShownMs: shown,
    };
    await writeReport({ withComments });
    console.log(
      [
        `[measure] ${RECOMMENDATIONS} recs + ${THREADS} comments, medians of ${COMMENTED_RUNS}: editable ${withComments.coldMedianMs.editable} ms cold / ${withComments.warmMedianMs.editable} ms reload; every editor made ${medians.cold} / ${medians.warm} ms`,
        `  runs: cold ${runsOf(cold)} ms; reload ${runsOf(warm)} ms`,
        `  breakdown (cold run 1): room shell ${cold[0]?.shell} ms, synced ${cold[0]?.synced} ms; badges add up to ${THREADS} at ${shown.join(', ')} ms`,
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
