import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; CI installs it (`.ci/run`). Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium in containers and CI: no sandbox (no user
 * namespaces there), no GPU, and none of the background traffic (updates,
 * sync, QUIC probes) a test must not depend on.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches headless Chromium. Close it in `afterAll`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A step run on a fresh browser context before any page opens: where a test
 * signs in (e.g. `context.request.post(origin + '/api/auth/login', …)`, whose
 * Set-Cookie lands in the context's cookie jar) or adds a session cookie.
 */
export type ContextSetup = (context: BrowserContext, origin: string) => Promise<void>;

/** Options of {@link openPage}. */
export interface OpenPageOptions {
  /** Sign-in or cookie step; see {@link ContextSetup}. */
  setup?: ContextSetup;
}

/**
 * Opens `path` on `origin` in a new, isolated browser context (its own
 * cookies: one context per simulated user). Console errors of the page are
 * collected in `errors` so a test can assert there were none.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  path: string,
  options: OpenPageOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: origin });
  await options.setup?.(context, origin);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(new URL(path, origin).toString());
  return { context, page, errors };
}

/**
 * Adds a session cookie for `origin` to a context, for tests that mint a
 * session server-side instead of signing in through the API.
 */
export async function addSessionCookie(
  context: BrowserContext,
  origin: string,
  name: string,
  value: string,
): Promise<void> {
  await context.addCookies([{ name, value, url: origin, httpOnly: true, sameSite: 'Lax' }]);
}

/** Waits until the page's meeting room says it is synced with the server. */
export async function waitSynced(page: Page): Promise<void> {
  await page.locator('[role="status"][data-status="synced"]').first().waitFor({ timeout: 15_000 });
}
