import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type SessionInfo } from '@kenes/shared';
import {
  createApiHarness,
  PASSWORD,
  rawSessionCookie,
  sessionCookie,
  type ApiHarness,
} from '../src/test-support/apiHarness.js';
import { sha256Hex } from '../src/auth/tokens.js';

/**
 * The profile's account routes through the real API on SQLite: password
 * change (`POST /me/password`), the sessions list and signing one out
 * (`/me/sessions`), gender values, and what a hostile member can reach.
 */

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const NEW_PASSWORD = 'a whole new passphrase';

let h: ApiHarness;
beforeEach(async () => {
  h = await createApiHarness();
});
afterEach(async () => {
  await h.cleanup();
});

async function login(email: string, password = PASSWORD, userAgent?: string): Promise<Response> {
  return h.call('POST', '/auth/login', {
    body: { email, password },
    ...(userAgent ? { userAgent } : {}),
  });
}

async function sessionsOf(cookie: string): Promise<SessionInfo[]> {
  const res = await h.call('GET', '/me/sessions', { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { sessions: SessionInfo[] }).sessions;
}

const hashOf = (cookie: string) => sha256Hex(cookie.split('=')[1]!);

describe('POST /me/password', () => {
  it('changes the password: other sessions end (sockets closed), this one stays', async () => {
    const a = await h.signup('amina@mfa.example');
    const b = sessionCookie(await login('amina@mfa.example'))!;
    const other = await h.signup('other@x.example');
    const res = await h.call('POST', '/me/password', {
      cookie: a.cookie,
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(res.status).toBe(204);
    expect((await h.call('GET', '/me', { cookie: a.cookie })).status).toBe(200);
    expect((await h.call('GET', '/me', { cookie: b })).status).toBe(401);
    expect((await h.call('GET', '/me', { cookie: other.cookie })).status).toBe(200);
    expect(h.connections.calls).toEqual([
      { kind: 'closeSession', sessionId: hashOf(b), code: 4401, reason: 'password changed' },
    ]);
    expect((await login('amina@mfa.example')).status).toBe(401);
    expect((await login('amina@mfa.example', NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses a wrong current password (400 invalid_credentials) and changes nothing', async () => {
    const a = await h.signup('amina@mfa.example');
    const b = sessionCookie(await login('amina@mfa.example'))!;
    const res = await h.call('POST', '/me/password', {
      cookie: a.cookie,
      body: { currentPassword: 'not the password', newPassword: NEW_PASSWORD },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: ErrorCode.invalidCredentials } });
    expect((await h.call('GET', '/me', { cookie: b })).status).toBe(200);
    expect((await login('amina@mfa.example')).status).toBe(200);
    expect((await login('amina@mfa.example', NEW_PASSWORD)).status).toBe(401);
  });

  it('slows down guesses at the current password like failed sign-ins (429 Retry-After)', async () => {
    const a = await h.signup('amina@mfa.example');
    let last: Response | null = null;
    for (let i = 0; i < 12; i++) {
      last = await h.call('POST', '/me/password', {
        cookie: a.cookie,
        body: { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD },
      });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    // Even the right password waits its turn: the guesses were not free.
    const right = await h.call('POST', '/me/password', {
      cookie: a.cookie,
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(right.status).toBe(429);
  });

  it.each([
    ['a common new password', { newPassword: 'password1234' }, ErrorCode.weakPassword],
    ['a repetitive new password', { newPassword: 'abababababababab' }, ErrorCode.weakPassword],
    ['a short new password', { newPassword: 'short' }, ErrorCode.validation],
    ['an over-long new password', { newPassword: 'x'.repeat(257) }, ErrorCode.validation],
    ['a missing current password', { currentPassword: undefined }, ErrorCode.validation],
    ['an unknown field', { email: 'new@x.example' }, ErrorCode.validation],
  ])('refuses %s with 400, as at sign-up', async (_what, over, code) => {
    const a = await h.signup('amina@mfa.example');
    const res = await h.call('POST', '/me/password', {
      cookie: a.cookie,
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, ...over },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect((await login('amina@mfa.example')).status).toBe(200);
  });

  it('needs a session and the Origin', async () => {
    const a = await h.signup('amina@mfa.example');
    const body = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
    expect((await h.call('POST', '/me/password', { body })).status).toBe(401);
    expect(
      (await h.call('POST', '/me/password', { cookie: a.cookie, body, origin: null })).status,
    ).toBe(403);
  });
});

describe('GET /me/sessions', () => {
  it('lists only your own sessions, current first, named from the User-Agent, never their keys', async () => {
    const first = await h.call('POST', '/auth/signup', {
      body: {
        email: 'amina@mfa.example',
        password: PASSWORD,
        name: 'Amina',
        organisation: 'MFA',
        orgType: 'government',
      },
      userAgent: FIREFOX,
    });
    const a = sessionCookie(first)!;
    h.clock.advance(60_000);
    const b = sessionCookie(await login('amina@mfa.example', PASSWORD, SAFARI_IPHONE))!;
    const stranger = await h.signup('stranger@x.example');

    const listed = await sessionsOf(b);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ current: true, browser: 'Safari', os: 'iOS', mobile: true });
    expect(listed[1]).toMatchObject({
      current: false,
      browser: 'Firefox',
      os: 'Windows',
      mobile: false,
    });
    const raw = JSON.stringify(listed);
    for (const secret of [a, b].flatMap((c) => [c.split('=')[1]!, hashOf(c)])) {
      expect(raw).not.toContain(secret);
    }
    expect((await sessionsOf(stranger.cookie)).map((s) => s.current)).toEqual([true]);
    expect((await h.call('GET', '/me/sessions')).status).toBe(401);
  });

  it('shows when each session was last used (recorded at most once a minute)', async () => {
    const a = await h.signup('amina@mfa.example');
    const signedUpAt = h.clock.now;
    h.clock.advance(30_000);
    const [early] = await sessionsOf(a.cookie);
    expect(early).toMatchObject({ createdAt: signedUpAt, lastUsedAt: signedUpAt });
    h.clock.advance(5 * 60_000);
    await h.call('GET', '/me', { cookie: a.cookie });
    const [later] = await sessionsOf(a.cookie);
    expect(later!.lastUsedAt).toBe(h.clock.now);
  });
});

describe('DELETE /me/sessions/:id', () => {
  it('signs out one other session: it ends, its sockets close, the rest stay', async () => {
    const a = await h.signup('amina@mfa.example');
    const b = sessionCookie(await login('amina@mfa.example'))!;
    const c = sessionCookie(await login('amina@mfa.example'))!;
    const target = (await sessionsOf(a.cookie)).find((s) => !s.current)!;
    const res = await h.call('DELETE', `/me/sessions/${target.id}`, { cookie: a.cookie });
    expect(res.status).toBe(204);
    expect(rawSessionCookie(res)).toBeNull();
    const alive = await Promise.all(
      [a.cookie, b, c].map(async (k) => (await h.call('GET', '/me', { cookie: k })).status),
    );
    expect(alive.filter((s) => s === 401)).toHaveLength(1);
    expect(alive[0]).toBe(200);
    expect(h.connections.calls).toHaveLength(1);
    expect(h.connections.calls[0]).toMatchObject({ kind: 'closeSession', code: 4401 });
    expect(await sessionsOf(a.cookie)).toHaveLength(2);
  });

  it("another user's session id is not found (404), and the session lives on", async () => {
    const a = await h.signup('amina@mfa.example');
    const victim = await h.signup('victim@x.example');
    const [victimSession] = await sessionsOf(victim.cookie);
    const res = await h.call('DELETE', `/me/sessions/${victimSession!.id}`, { cookie: a.cookie });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: ErrorCode.notFound } });
    // Neither the stored key nor the token works as an id.
    for (const id of [hashOf(victim.cookie), victim.cookie.split('=')[1]!]) {
      expect((await h.call('DELETE', `/me/sessions/${id}`, { cookie: victim.cookie })).status).toBe(
        404,
      );
    }
    expect((await h.call('GET', '/me', { cookie: victim.cookie })).status).toBe(200);
  });

  it('naming the current session signs this browser out and clears its cookie', async () => {
    const a = await h.signup('amina@mfa.example');
    const [current] = await sessionsOf(a.cookie);
    const res = await h.call('DELETE', `/me/sessions/${current!.id}`, { cookie: a.cookie });
    expect(res.status).toBe(204);
    expect(rawSessionCookie(res)).toMatch(/Max-Age=0/);
    expect((await h.call('GET', '/me', { cookie: a.cookie })).status).toBe(401);
  });

  it('needs a session and the Origin', async () => {
    const a = await h.signup('amina@mfa.example');
    const [s] = await sessionsOf(a.cookie);
    expect((await h.call('DELETE', `/me/sessions/${s!.id}`)).status).toBe(401);
    expect(
      (await h.call('DELETE', `/me/sessions/${s!.id}`, { cookie: a.cookie, origin: null })).status,
    ).toBe(403);
  });
});

describe('gender', () => {
  it('takes one of the declared values or null, refuses free text, and keeps an old value readable', async () => {
    const a = await h.signup('amina@mfa.example', { gender: 'prefer_not_to_say' });
    const me = async () =>
      (
        (await (await h.call('GET', '/me', { cookie: a.cookie })).json()) as {
          user: { gender: string | null };
        }
      ).user.gender;
    expect(await me()).toBe('prefer_not_to_say');
    for (const gender of ['woman', 'man', 'another', null]) {
      const res = await h.call('PATCH', '/me', { cookie: a.cookie, body: { gender } });
      expect(res.status).toBe(200);
      expect(await me()).toBe(gender);
    }
    for (const gender of ['female', 'Woman', '', 'x'.repeat(40)]) {
      const res = await h.call('PATCH', '/me', { cookie: a.cookie, body: { gender } });
      expect(res.status).toBe(400);
    }
    // An account from before the list keeps its free text, through other changes too.
    await h.store.accounts.updateUser(a.userId, { gender: 'female' });
    const res = await h.call('PATCH', '/me', { cookie: a.cookie, body: { name: 'Amina B.' } });
    expect(await res.json()).toMatchObject({ user: { gender: 'female', name: 'Amina B.' } });
  });
});

describe('profile organisation and meetings', () => {
  it('changing the profile organisation changes future meetings, not those already joined', async () => {
    const chair = await h.signup('chair@mfa.example');
    const p = await h.signup('ngo@x.example', { organisation: 'Old NGO', orgType: 'ngo' });
    const meeting = async () => {
      const res = await h.call('POST', '/meetings', { cookie: chair.cookie, body: { title: 'M' } });
      return ((await res.json()) as { meeting: { id: string } }).meeting.id;
    };
    const join = async (meetingId: string) => {
      const inv = await h.call('POST', `/meetings/${meetingId}/invites`, {
        cookie: chair.cookie,
        body: { role: 'participant' },
      });
      const { token } = (await inv.json()) as { token: string };
      expect((await h.call('POST', `/invites/${token}/accept`, { cookie: p.cookie })).status).toBe(
        200,
      );
    };
    const before = await meeting();
    await join(before);
    const patch = await h.call('PATCH', '/me', {
      cookie: p.cookie,
      body: { organisation: 'New Institute', orgType: 'nhri' },
    });
    expect(patch.status).toBe(200);
    const after = await meeting();
    await join(after);
    expect(await h.store.meetings.member(before, p.userId)).toMatchObject({
      organisation: 'Old NGO',
      orgType: 'ngo',
    });
    expect(await h.store.meetings.member(after, p.userId)).toMatchObject({
      organisation: 'New Institute',
      orgType: 'nhri',
    });
  });
});
