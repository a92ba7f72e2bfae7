import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { signUpViaApi, type Account } from './api.js';

/** One simulated person: their browser context (own cookies), a page, and its uncaught errors. */
export interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Context options per person (viewport, downloads…); `baseURL` is always the server's origin. */
export type ContextOptionsOf<W extends string> = (who: W) => BrowserContextOptions;

/** Signs each account up, in order, in its own browser context; answers the contexts by key. */
export async function signUpContexts<W extends string>(
  browser: Browser,
  origin: string,
  accounts: Record<W, Account>,
  optionsOf: ContextOptionsOf<W> = () => ({}),
): Promise<Record<W, BrowserContext>> {
  const contexts = {} as Record<W, BrowserContext>;
  for (const who of Object.keys(accounts) as W[]) {
    contexts[who] = await browser.newContext({ ...optionsOf(who), baseURL: origin });
    await signUpViaApi(contexts[who], origin, accounts[who]);
  }
  return contexts;
}

/** {@link signUpContexts}, each with a page open (on nothing yet) whose uncaught errors are kept. */
export async function signUpPeople<W extends string>(
  browser: Browser,
  origin: string,
  accounts: Record<W, Account>,
  optionsOf: ContextOptionsOf<W> = () => ({}),
): Promise<Record<W, Person>> {
  const contexts = await signUpContexts(browser, origin, accounts, optionsOf);
  const people = {} as Record<W, Person>;
  for (const who of Object.keys(contexts) as W[]) {
    const page = await contexts[who].newPage();
    const person: Person = { context: contexts[who], page, errors: [] };
    page.on('pageerror', (err) => person.errors.push(err.message));
    people[who] = person;
  }
  return people;
}
