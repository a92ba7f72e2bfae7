import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHarness, ORIGIN, type ApiHarness } from '../src/test-support/apiHarness.js';
import { createUpgradeAuthorizer } from '../src/auth/upgradeAuthorizer.js';
import type { UpgradeAuthorizer } from '../src/sync/interfaces.js';
import { sha256Hex } from '../src/auth/tokens.js';

let h: ApiHarness;
let authz: UpgradeAuthorizer;
let chair: { cookie: string; userId: string };
let meetingId: string;

/** The part of an upgrade request the authorizer reads. */
const req = (headers: { origin?: string; cookie?: string }): IncomingMessage =>
  ({ headers }) as unknown as IncomingMessage;

beforeEach(async () => {
  h = await createApiHarness();
  authz = createUpgradeAuthorizer({ store: h.store, publicOrigin: ORIGIN, now: () => h.clock.now });
  chair = await h.signup('chair@mfa.example', {
    name: 'Ambassador',
    organisation: 'MFA',
    orgType: 'government',
  });
  const res = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Dialogue' },
  });
  meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

describe('upgrade authorizer', () => {
  it('admits a member and carries identity and role from the records', async () => {
    const d = await authz.authorize(req({ origin: ORIGIN, cookie: chair.cookie }), meetingId);
    expect(d).toEqual({
      ok: true,
      principal: {
        kind: 'member',
        userId: chair.userId,
        sessionId: sha256Hex(chair.cookie.split('=')[1]!),
        name: 'Ambassador',
        organisation: 'MFA',
        orgType: 'government',
        role: 'chair',
      },
    });
  });

  it('refuses without a cookie or with an unknown one (401)', async () => {
    expect(await authz.authorize(req({ origin: ORIGIN }), meetingId)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      await authz.authorize(req({ origin: ORIGIN, cookie: 'kenes_session=forged' }), meetingId),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a foreign or missing Origin (403)', async () => {
    expect(await authz.authorize(req({ cookie: chair.cookie }), meetingId)).toMatchObject({
      ok: false,
      status: 403,
      code: 'foreign_origin',
    });
    expect(
      await authz.authorize(
        req({ origin: 'https://evil.example', cookie: chair.cookie }),
        meetingId,
      ),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a non-member and an unknown meeting alike (404)', async () => {
    const stranger = await h.signup('stranger@x.example');
    const a = await authz.authorize(req({ origin: ORIGIN, cookie: stranger.cookie }), meetingId);
    const b = await authz.authorize(
      req({ origin: ORIGIN, cookie: stranger.cookie }),
      'no-such-meeting',
    );
    expect(a).toMatchObject({ ok: false, status: 404 });
    expect(b).toEqual(a);
  });

  it('follows the records: the current role, and refusal after logout, expiry or removal', async () => {
    const p = await h.signup('p@x.example');
    await h.store.meetings.putMember({
      meetingId,
      userId: p.userId,
      role: 'participant',
      joinedAt: h.clock.now,
    });
    await h.call('PATCH', `/meetings/${meetingId}/members/${p.userId}`, {
      cookie: chair.cookie,
      body: { role: 'observer' },
    });
    expect(
      await authz.authorize(req({ origin: ORIGIN, cookie: p.cookie }), meetingId),
    ).toMatchObject({ ok: true, principal: { role: 'observer' } });
    await h.call('DELETE', `/meetings/${meetingId}/members/${p.userId}`, { cookie: chair.cookie });
    expect(
      await authz.authorize(req({ origin: ORIGIN, cookie: p.cookie }), meetingId),
    ).toMatchObject({ ok: false, status: 404 });
    await h.call('POST', '/auth/logout', { cookie: chair.cookie });
    expect(
      await authz.authorize(req({ origin: ORIGIN, cookie: chair.cookie }), meetingId),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses an idle-expired session', async () => {
    h.clock.advance(15 * 24 * 3_600_000);
    expect(
      await authz.authorize(req({ origin: ORIGIN, cookie: chair.cookie }), meetingId),
    ).toMatchObject({ ok: false, status: 401 });
  });
});
