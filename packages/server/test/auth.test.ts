import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@kenes/shared';
import {
  createApiHarness,
  ORIGIN,
  PASSWORD,
  rawSessionCookie,
  sessionCookie,
  type ApiHarness,
} from '../src/test-support/apiHarness.js';
import { sha256Hex } from '../src/auth/tokens.js';

let h: ApiHarness;
beforeEach(async () => {
  h = await createApiHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const signupBody = (over: Record<string, unknown> = {}) => ({
  email: 'amina@mfa.example',
  password: PASSWORD,
  name: 'Amina',
  organisation: 'Ministry of Foreign Affairs',
  orgType: 'government',
  ...over,
});

describe('sign-up', () => {
  it('answers 201 {user} without secrets and sets an HttpOnly, SameSite=Lax, Path=/ cookie', async () => {
    const res = await h.call('POST', '/auth/signup', {
      body: signupBody({ language: 'kk', gender: 'woman' }),
    });
    expect(res.status).toBe(201);
    const raw = rawSessionCookie(res)!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).toMatch(/Path=\//);
    expect(raw).not.toMatch(/Secure/); // http origin
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({
      email: 'amina@mfa.example',
      name: 'Amina',
      orgType: 'government',
      language: 'kk',
      gender: 'woman',
    });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2/);
    const me = await h.call('GET', '/me', { cookie: sessionCookie(res) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(body.user.id);
  });

  it('sets Secure when the public origin is https', async () => {
    const tls = await createApiHarness({ publicOrigin: 'https://kenes.example' });
    try {
      const res = await tls.call('POST', '/auth/signup', {
        body: signupBody(),
        origin: 'https://kenes.example',
      });
      expect(res.status).toBe(201);
      expect(rawSessionCookie(res)).toMatch(/; Secure/);
    } finally {
      await tls.cleanup();
    }
  });

  it('normalises the e-mail and refuses a second account for it', async () => {
    expect(
      (
        await h.call('POST', '/auth/signup', {
          body: signupBody({ email: '  Amina@MFA.example ' }),
        })
      ).status,
    ).toBe(201);
    const again = await h.call('POST', '/auth/signup', {
      body: signupBody({ email: 'amina@mfa.example' }),
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: ErrorCode.emailTaken } });
    const login = await h.call('POST', '/auth/login', {
      body: { email: 'AMINA@mfa.example', password: PASSWORD },
    });
    expect(login.status).toBe(200);
  });

  it.each([
    ['a short password', signupBody({ password: 'short-pass1' })],
    ['an over-long password', signupBody({ password: 'x'.repeat(257) })],
    ['a malformed e-mail', signupBody({ email: 'not-an-email' })],
    ['an unknown organisation type', signupBody({ orgType: 'company' })],
    ['a missing organisation type', signupBody({ orgType: undefined })],
    ['a free-text gender', signupBody({ gender: 'female' })],
    ['an unknown language', signupBody({ language: 'fr' })],
    ['a missing name', signupBody({ name: undefined })],
    ['a blank organisation', signupBody({ organisation: '   ' })],
    ['a non-object body', [1, 2]],
  ])('refuses %s with 400 validation_failed', async (_what, body) => {
    const res = await h.call('POST', '/auth/signup', { body });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe(ErrorCode.validation);
    expect(err.error.message).not.toContain(PASSWORD);
  });

  it('refuses malformed JSON with 400 and a code', async () => {
    const res = await h.call('POST', '/auth/signup', { body: '{"email":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
      /bad_request|validation_failed/,
    );
  });

  it('accepts exactly 12 and 256 characters', async () => {
    expect(
      (
        await h.call('POST', '/auth/signup', {
          body: signupBody({ password: 'vxyzw'.repeat(3).slice(0, 12) }),
        })
      ).status,
    ).toBe(201);
    // Varied characters: a run of one repeated character is refused as too repetitive.
    const other = signupBody({ email: 'b@x.example', password: 'uvwxy'.repeat(52).slice(0, 256) });
    expect((await h.call('POST', '/auth/signup', { body: other })).status).toBe(201);
  });
});

describe('login', () => {
  it('starts a new session each time and ends the one the browser held (no fixation)', async () => {
    const { cookie: first } = await h.signup('amina@mfa.example');
    const res = await h.call('POST', '/auth/login', {
      cookie: first,
      body: { email: 'amina@mfa.example', password: PASSWORD },
    });
    expect(res.status).toBe(200);
    const second = sessionCookie(res)!;
    expect(second).not.toBe(first);
    expect((await h.call('GET', '/me', { cookie: second })).status).toBe(200);
    expect((await h.call('GET', '/me', { cookie: first })).status).toBe(401);
  });

  it('answers an unknown e-mail and a wrong password identically', async () => {
    await h.signup('amina@mfa.example');
    const unknown = await h.call('POST', '/auth/login', {
      body: { email: 'nobody@x.example', password: PASSWORD },
    });
    const wrong = await h.call('POST', '/auth/login', {
      body: { email: 'amina@mfa.example', password: 'wrong password!' },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(sessionCookie(unknown)).toBeNull();
    expect(sessionCookie(wrong)).toBeNull();
  });

  it('stores only the SHA-256 of the session token', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    const token = cookie.split('=')[1]!;
    expect(await h.store.accounts.sessionById(token)).toBeNull();
    expect(await h.store.accounts.sessionById(sha256Hex(token))).not.toBeNull();
  });
});

describe('logout', () => {
  it('invalidates the session server-side, clears the cookie and closes its sockets', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    const res = await h.call('POST', '/auth/logout', { cookie });
    expect(res.status).toBe(204);
    expect(rawSessionCookie(res)).toMatch(/Max-Age=0/);
    expect((await h.call('GET', '/me', { cookie })).status).toBe(401);
    const hash = sha256Hex(cookie.split('=')[1]!);
    expect(await h.store.accounts.sessionById(hash)).toBeNull();
    expect(h.connections.calls).toContainEqual({
      kind: 'closeSession',
      sessionId: hash,
      code: 4401,
      reason: 'signed out',
    });
  });

  it('is idempotent without a session', async () => {
    expect((await h.call('POST', '/auth/logout')).status).toBe(204);
  });

  it('signs out everywhere: every session of the user ends and their sockets close', async () => {
    const { cookie: a } = await h.signup('amina@mfa.example');
    const login = await h.call('POST', '/auth/login', {
      body: { email: 'amina@mfa.example', password: PASSWORD },
    });
    const b = sessionCookie(login)!;
    const { cookie: other } = await h.signup('other@x.example');
    const res = await h.call('POST', '/auth/logout-all', { cookie: b });
    expect(res.status).toBe(204);
    expect((await h.call('GET', '/me', { cookie: a })).status).toBe(401);
    expect((await h.call('GET', '/me', { cookie: b })).status).toBe(401);
    expect((await h.call('GET', '/me', { cookie: other })).status).toBe(200);
    const closed = h.connections.calls
      .filter((c) => c.kind === 'closeSession')
      .map((c) => c.kind === 'closeSession' && c.sessionId);
    expect(closed.sort()).toEqual(
      [sha256Hex(a.split('=')[1]!), sha256Hex(b.split('=')[1]!)].sort(),
    );
  });

  it('sign-out-everywhere needs a session', async () => {
    expect((await h.call('POST', '/auth/logout-all')).status).toBe(401);
  });
});

describe('session expiry', () => {
  const DAY = 24 * 3_600_000;

  it('refuses a session idle for more than 14 days', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    h.clock.advance(14 * DAY + 1);
    const res = await h.call('GET', '/me', { cookie });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: ErrorCode.unauthorized } });
  });

  it('extends a session in use, and refreshes the cookie', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    h.clock.advance(8 * DAY);
    const used = await h.call('GET', '/me', { cookie });
    expect(used.status).toBe(200);
    expect(rawSessionCookie(used)).toMatch(/Max-Age=1209600/); // 14 days again
    h.clock.advance(13 * DAY); // 21 days after login, 13 after last use
    expect((await h.call('GET', '/me', { cookie })).status).toBe(200);
  });

  it('counts 14 idle days from the last use, even early in a session', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    h.clock.advance(2 * DAY);
    const used = await h.call('GET', '/me', { cookie });
    expect(used.status).toBe(200);
    expect(rawSessionCookie(used)).toMatch(/Max-Age=1209600/);
    h.clock.advance(13 * DAY); // 15 days after login, 13 after last use
    expect((await h.call('GET', '/me', { cookie })).status).toBe(200);
    h.clock.advance(14 * DAY + 1); // idle for more than 14 days
    expect((await h.call('GET', '/me', { cookie })).status).toBe(401);
  });

  it('ends every session 30 days after login, whatever the use', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    for (let day = 5; day < 30; day += 5) {
      h.clock.advance(5 * DAY);
      expect((await h.call('GET', '/me', { cookie })).status, `day ${day}`).toBe(200);
    }
    h.clock.advance(5 * DAY); // day 30
    expect((await h.call('GET', '/me', { cookie })).status).toBe(401);
  });
});

describe('origin check (CSRF)', () => {
  it('refuses state-changing requests with a foreign or missing Origin', async () => {
    const body = signupBody();
    for (const origin of [null, 'https://evil.example', `${ORIGIN}.evil.example`]) {
      const res = await h.call('POST', '/auth/signup', { body, origin });
      expect(res.status, String(origin)).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: ErrorCode.foreignOrigin } });
    }
    const { cookie } = await h.signup('amina@mfa.example');
    const create = await h.call('POST', '/meetings', {
      cookie,
      body: { title: 'x' },
      origin: 'https://evil.example',
    });
    expect(create.status).toBe(403);
    expect((await h.call('POST', '/auth/logout', { cookie, origin: null })).status).toBe(403);
    expect((await h.call('GET', '/me', { cookie })).status).toBe(200);
  });

  it('lets reads through without an Origin', async () => {
    const { cookie } = await h.signup('amina@mfa.example');
    expect((await h.call('GET', '/me', { cookie, origin: null })).status).toBe(200);
  });
});

describe('OpenAPI document', () => {
  it('describes every accounts and membership route', async () => {
    const res = await h.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/auth/signup',
        '/auth/login',
        '/auth/logout',
        '/auth/logout-all',
        '/me',
        '/me/password',
        '/me/sessions',
        '/me/sessions/{id}',
        '/meetings',
        '/meetings/{id}',
        '/meetings/{id}/members',
        '/meetings/{id}/members/{userId}',
        '/meetings/{id}/invites',
        '/meetings/{id}/invites/{inviteId}/revoke',
        '/invites/{token}',
        '/invites/{token}/accept',
        // Issue 17, e-mail.
        '/auth/forgot-password',
        '/auth/reset-password/{token}',
        '/meetings/{id}/invites/email',
        '/meetings/{id}/display-links',
        '/meetings/{id}/display-links/{linkId}/revoke',
        '/display',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/meetings/{id}/members/{userId}']!).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
  });
});

describe('PATCH /me', () => {
  it('changes the profile fields given, validates them, and needs a session and the Origin', async () => {
    const { cookie } = await h.signup('profile@example.org', { language: 'en', gender: 'woman' });
    const res = await h.call('PATCH', '/me', {
      cookie,
      body: { language: 'kk', organisation: 'Ombudsman Office' },
    });
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      language: 'kk',
      organisation: 'Ombudsman Office',
      gender: 'woman',
    });
    expect(user).not.toHaveProperty('passwordHash');
    const me = (await (await h.call('GET', '/me', { cookie })).json()) as {
      user: Record<string, unknown>;
    };
    expect(me.user).toMatchObject({ language: 'kk' });

    expect((await h.call('PATCH', '/me', { cookie, body: { gender: null } })).status).toBe(200);
    for (const body of [{}, { language: 'fr' }, { email: 'new@example.org' }, { name: '' }]) {
      const bad = await h.call('PATCH', '/me', { cookie, body });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
        'validation_failed',
      );
    }
    expect((await h.call('PATCH', '/me', { body: { language: 'ru' } })).status).toBe(401);
    expect(
      (await h.call('PATCH', '/me', { cookie, origin: null, body: { language: 'ru' } })).status,
    ).toBe(403);
  });
});
