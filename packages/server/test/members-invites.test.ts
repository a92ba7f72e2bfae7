import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@kenes/shared';
import { createApiHarness, ORIGIN, type ApiHarness } from '../src/test-support/apiHarness.js';
import { sha256Hex } from '../src/auth/tokens.js';

let h: ApiHarness;
let chair: { cookie: string; userId: string };
let meetingId: string;

beforeEach(async () => {
  h = await createApiHarness();
  chair = await h.signup('chair@mfa.example');
  const res = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Dialogue' },
  });
  meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

async function invite(
  body: Record<string, unknown>,
): Promise<{ token: string; url: string; expiresAt: number | null }> {
  const res = await h.call('POST', `/meetings/${meetingId}/invites`, {
    cookie: chair.cookie,
    body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; url: string; expiresAt: number | null };
}

const accept = (token: string, cookie: string) =>
  h.call('POST', `/invites/${token}/accept`, { cookie });

describe('invites', () => {
  it('a chair creates one; the URL is PUBLIC_ORIGIN/invite/<token>; only its hash is stored', async () => {
    const inv = await invite({ role: 'participant', maxUses: 3, expiresInHours: 48 });
    expect(inv.url).toBe(`${ORIGIN}/invite/${inv.token}`);
    expect(inv.expiresAt).toBe(h.clock.now + 48 * 3_600_000);
    expect(await h.store.meetings.inviteByHash(inv.token)).toBeNull();
    expect(await h.store.meetings.inviteByHash(sha256Hex(inv.token))).toMatchObject({
      role: 'participant',
      maxUses: 3,
      uses: 0,
    });
  });

  it('defaults to a 7-day expiry and validates its body', async () => {
    const inv = await invite({ role: 'observer' });
    expect(inv.expiresAt).toBe(h.clock.now + 7 * 24 * 3_600_000);
    for (const body of [
      { role: 'king' },
      { role: 'observer', maxUses: 0 },
      { role: 'observer', expiresInHours: -1 },
    ]) {
      const res = await h.call('POST', `/meetings/${meetingId}/invites`, {
        cookie: chair.cookie,
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: ErrorCode.validation } });
    }
  });

  it('a signed-in user accepts and joins with the invite role', async () => {
    const inv = await invite({ role: 'participant' });
    const p = await h.signup('p@x.example');
    const res = await accept(inv.token, p.cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ meetingId, role: 'participant' });
    const got = await h.call('GET', `/meetings/${meetingId}`, { cookie: p.cookie });
    expect(await got.json()).toMatchObject({ meeting: { role: 'participant' } });
  });

  it('needs a session to accept', async () => {
    const inv = await invite({ role: 'participant' });
    expect((await h.call('POST', `/invites/${inv.token}/accept`)).status).toBe(401);
  });

  it('runs out: the use past maxUses gets 410 invite_used_up', async () => {
    const inv = await invite({ role: 'observer', maxUses: 1 });
    const a = await h.signup('a@x.example');
    const b = await h.signup('b@x.example');
    expect((await accept(inv.token, a.cookie)).status).toBe(200);
    const second = await accept(inv.token, b.cookie);
    expect(second.status).toBe(410);
    expect(await second.json()).toMatchObject({ error: { code: ErrorCode.inviteUsedUp } });
    expect(await h.store.meetings.member(meetingId, b.userId)).toBeNull();
  });

  it('expires: after expiresInHours it gets 410 invite_expired', async () => {
    const inv = await invite({ role: 'observer', expiresInHours: 1 });
    const a = await h.signup('a@x.example');
    h.clock.advance(3_600_000);
    const res = await accept(inv.token, a.cookie);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ error: { code: ErrorCode.inviteExpired } });
  });

  it('an unknown token gets 404 invite_unknown', async () => {
    const a = await h.signup('a@x.example');
    const res = await accept('no-such-token', a.cookie);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: ErrorCode.inviteUnknown } });
  });

  it('an existing member keeps the higher role and does not use the invite up', async () => {
    const inv = await invite({ role: 'observer', maxUses: 1 });
    const res = await accept(inv.token, chair.cookie);
    expect(await res.json()).toEqual({ meetingId, role: 'chair' });
    expect(await h.store.meetings.inviteByHash(sha256Hex(inv.token))).toMatchObject({ uses: 0 });
    expect(h.connections.calls).toEqual([]);
  });

  it('an invite with a higher role promotes an existing member, and their sockets learn it', async () => {
    const low = await invite({ role: 'observer' });
    const high = await invite({ role: 'participant' });
    const p = await h.signup('p@x.example');
    await accept(low.token, p.cookie);
    const res = await accept(high.token, p.cookie);
    expect(await res.json()).toEqual({ meetingId, role: 'participant' });
    expect(h.connections.calls).toEqual([
      { kind: 'setMemberRole', meetingId, userId: p.userId, role: 'participant' },
    ]);
  });
});
