import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHarness, PASSWORD, type ApiHarness } from '../src/test-support/apiHarness.js';
import { createArgon2Hasher, OWASP_ARGON2 } from '../src/auth/passwords.js';

let h: ApiHarness;
beforeEach(async () => {
  // The production hasher: argon2id, m = 19 MiB, t = 2, p = 1.
  h = await createApiHarness({ passwordHasher: createArgon2Hasher() });
});
afterEach(async () => {
  await h.cleanup();
});

describe('passwords with the production argon2id parameters', () => {
  it('stores an argon2id hash with OWASP parameters and verifies it at login', async () => {
    const { userId } = await h.signup('amina@mfa.example');
    const row = await h.store.accounts.userById(userId);
    expect(OWASP_ARGON2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    const ok = await h.call('POST', '/auth/login', {
      body: { email: 'amina@mfa.example', password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    const bad = await h.call('POST', '/auth/login', {
      body: { email: 'amina@mfa.example', password: 'wrong password!' },
    });
    expect(bad.status).toBe(401);
  });

  it('a corrupt stored hash denies instead of throwing', async () => {
    expect(await createArgon2Hasher().verify('not-a-hash', PASSWORD)).toBe(false);
  });
});
