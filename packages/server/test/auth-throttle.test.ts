import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@kenes/shared';
import { createApiHarness, PASSWORD, type ApiHarness } from '../src/test-support/apiHarness.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await createApiHarness();
  await h.signup('amina@mfa.example');
});
afterEach(async () => {
  await h.cleanup();
});

const login = (email: string, password: string, address = 'a1') =>
  h.call('POST', '/auth/login', { body: { email, password }, address });

describe('login throttling', () => {
  it('answers 429 with Retry-After after 5 failures for one account, even with the right password', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('amina@mfa.example', 'wrong password!')).status).toBe(401);
    const locked = await login('amina@mfa.example', PASSWORD, 'elsewhere');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: ErrorCode.tooManyRequests } });
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    h.clock.advance(retry * 1000);
    expect((await login('amina@mfa.example', PASSWORD)).status).toBe(200);
  });

  it('locks an unknown e-mail the same way (no enumeration through the throttle)', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('nobody@x.example', 'wrong password!')).status).toBe(401);
    expect((await login('nobody@x.example', 'wrong password!')).status).toBe(429);
  });

  it('resets the account count on success', async () => {
    for (let i = 0; i < 4; i++) await login('amina@mfa.example', 'wrong password!');
    expect((await login('amina@mfa.example', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await login('amina@mfa.example', 'wrong password!')).status).toBe(401);
    expect((await login('amina@mfa.example', PASSWORD)).status).toBe(200);
  });

  it('answers 429 after 20 failures from one address across accounts; other addresses are unaffected', async () => {
    for (let i = 0; i < 20; i++)
      expect((await login(`user${i}@x.example`, 'wrong password!', 'bad')).status).toBe(401);
    const locked = await login('amina@mfa.example', PASSWORD, 'bad');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await login('amina@mfa.example', PASSWORD, 'good')).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('refuses a body sent without a JSON content type', async () => {
    const res = await h.call('POST', '/auth/login', {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
      /validation_failed|bad_request/,
    );
  });
});
