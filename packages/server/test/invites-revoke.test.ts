/**
 * Invites can be listed and revoked by the chair; a removal by the chair is
 * sticky; anyone may ask what a link is for before signing up, and learns no
 * more than the invite page shows (issue 15 weak finding, issue 14 smaller
 * defect).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@kenes/shared';
import { createApiHarness, type ApiHarness } from '../src/test-support/apiHarness.js';
import { INVITE_LOOKUPS_PER_MINUTE } from '../src/http/routes/invites.js';

let h: ApiHarness;
let chair: { cookie: string; userId: string };
let meetingId: string;

beforeEach(async () => {
  h = await createApiHarness();
  chair = await h.signup('chair@mfa.example');
  const res = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Human-rights dialogue', startsAt: Date.UTC(2030, 1, 3, 9) },
  });
  meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

interface Created {
  id: string;
  token: string;
}

async function invite(body: Record<string, unknown> = { role: 'participant' }): Promise<Created> {
  const res = await h.call('POST', `/meetings/${meetingId}/invites`, {
    cookie: chair.cookie,
    body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

const accept = (token: string, cookie: string) =>
  h.call('POST', `/invites/${token}/accept`, { cookie });
const revoke = (id: string, cookie = chair.cookie) =>
  h.call('POST', `/meetings/${meetingId}/invites/${id}/revoke`, { cookie });
const lookup = (token: string, address?: string) =>
  h.call('GET', `/invites/${token}`, address ? { address } : {});

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('invite list and revocation', () => {
  it('the chair lists invites (never their tokens) and revokes one; the revoked link admits nobody', async () => {
    const a = await invite({ role: 'participant', maxUses: 5 });
    h.clock.advance(1_000);
    const b = await invite({ role: 'observer' });
    const listed = await h.call('GET', `/meetings/${meetingId}/invites`, { cookie: chair.cookie });
    expect(listed.status).toBe(200);
    const { invites } = (await listed.json()) as { invites: Array<Record<string, unknown>> };
    expect(invites.map((i) => [i.id, i.role, i.maxUses, i.uses, i.status])).toEqual([
      [b.id, 'observer', null, 0, 'valid'],
      [a.id, 'participant', 5, 0, 'valid'],
    ]);
    expect(JSON.stringify(invites)).not.toContain(a.token);

    const p = await h.signup('p@ngo.example');
    expect((await accept(a.token, p.cookie)).status).toBe(200);
    const res = await revoke(a.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      invite: { id: a.id, status: 'revoked', revokedAt: h.clock.now, uses: 1 },
    });
    const q = await h.signup('q@ngo.example');
    const refused = await accept(a.token, q.cookie);
    expect(refused.status).toBe(410);
    expect(await errorCode(refused)).toBe(ErrorCode.inviteRevoked);
    expect(await h.store.meetings.member(meetingId, q.userId)).toBeNull();
    // Who joined through it stays a member; the other link still works.
    expect(await h.store.meetings.member(meetingId, p.userId)).not.toBeNull();
    expect((await accept(b.token, q.cookie)).status).toBe(200);

    const audit = await h.store.audit.list(meetingId, { action: 'invite.revoke' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.payload)).toEqual({ inviteId: a.id, role: 'participant', uses: 1 });
    expect(audit[0]!.userId).toBe(chair.userId);
  });

  it('only a chair lists or revokes, and only the meeting’s own invites', async () => {
    const a = await invite();
    const p = await h.signup('p@ngo.example');
    expect((await accept(a.token, p.cookie)).status).toBe(200);
    expect((await revoke(a.id, p.cookie)).status).toBe(403);
    expect(
      (await h.call('GET', `/meetings/${meetingId}/invites`, { cookie: p.cookie })).status,
    ).toBe(403);
    // Another meeting's chair cannot reach this invite through their meeting.
    const other = await h.call('POST', '/meetings', { cookie: p.cookie, body: { title: 'Other' } });
    const otherId = ((await other.json()) as { meeting: { id: string } }).meeting.id;
    const cross = await h.call('POST', `/meetings/${otherId}/invites/${a.id}/revoke`, {
      cookie: p.cookie,
    });
    expect(cross.status).toBe(404);
    expect((await revoke('0'.repeat(64))).status).toBe(404);
    expect((await revoke('not-an-id')).status).toBe(400);
    expect((await h.store.meetings.inviteByHash(a.id))?.revokedAt).toBeNull();
  });
});

describe('sticky removal', () => {
  it('a member the chair removed cannot rejoin with the same multi-use link; a new invite lets them back', async () => {
    const link = await invite({ role: 'participant', maxUses: 50 });
    const p = await h.signup('p@ngo.example');
    expect((await accept(link.token, p.cookie)).status).toBe(200);
    h.clock.advance(1_000);
    const removed = await h.call('DELETE', `/meetings/${meetingId}/members/${p.userId}`, {
      cookie: chair.cookie,
    });
    expect(removed.status).toBe(204);

    h.clock.advance(1_000);
    const again = await accept(link.token, p.cookie);
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe(ErrorCode.removedFromMeeting);
    expect(await h.store.meetings.member(meetingId, p.userId)).toBeNull();
    // The link still works for others, and the refusal used none of it.
    expect((await h.store.meetings.inviteByHash(link.id))?.uses).toBe(1);
    const q = await h.signup('q@ngo.example');
    expect((await accept(link.token, q.cookie)).status).toBe(200);

    // The chair invites them again: a link made after the removal admits them.
    const fresh = await invite({ role: 'observer' });
    expect((await accept(fresh.token, p.cookie)).status).toBe(200);
    expect(await h.store.meetings.member(meetingId, p.userId)).toMatchObject({ role: 'observer' });
  });

  it('leaving on one’s own is not a removal: the same link lets them back', async () => {
    const link = await invite({ role: 'participant', maxUses: 50 });
    const p = await h.signup('p@ngo.example');
    expect((await accept(link.token, p.cookie)).status).toBe(200);
    const left = await h.call('DELETE', `/meetings/${meetingId}/members/${p.userId}`, {
      cookie: p.cookie,
    });
    expect(left.status).toBe(204);
    h.clock.advance(1_000);
    expect((await accept(link.token, p.cookie)).status).toBe(200);
  });
});

describe('public invite look-up', () => {
  it('says what a valid link is for, without a session, and nothing more', async () => {
    const a = await invite({ role: 'observer', maxUses: 3 });
    const res = await lookup(a.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      invite: {
        status: 'valid',
        meetingTitle: 'Human-rights dialogue',
        startsAt: Date.UTC(2030, 1, 3, 9),
        role: 'observer',
      },
    });
  });

  it('says at once that a made-up, used-up, expired or revoked link is not valid, and names no meeting', async () => {
    const madeUp = await lookup('x'.repeat(43));
    expect(madeUp.status).toBe(404);
    expect(await errorCode(madeUp)).toBe(ErrorCode.inviteUnknown);

    const once = await invite({ role: 'participant', maxUses: 1 });
    const p = await h.signup('p@ngo.example');
    expect((await accept(once.token, p.cookie)).status).toBe(200);
    const short = await invite({ role: 'participant', expiresInHours: 1 });
    const revoked = await invite({ role: 'participant' });
    expect((await revoke(revoked.id)).status).toBe(200);
    h.clock.advance(3_600_000);

    for (const [token, code] of [
      [once.token, ErrorCode.inviteUsedUp],
      [short.token, ErrorCode.inviteExpired],
      [revoked.token, ErrorCode.inviteRevoked],
    ] as const) {
      const res = await lookup(token);
      expect(res.status).toBe(410);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code } });
      expect(text).not.toContain('Human-rights dialogue');
    }
  });

  it('is rate limited per address', async () => {
    const a = await invite();
    for (let i = 0; i < INVITE_LOOKUPS_PER_MINUTE; i++) {
      expect((await lookup(a.token, '203.0.113.9')).status).toBe(200);
    }
    const limited = await lookup(a.token, '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held back; the window passes.
    expect((await lookup(a.token, '198.51.100.7')).status).toBe(200);
    h.clock.advance(60_000);
    expect((await lookup(a.token, '203.0.113.9')).status).toBe(200);
  });
});

describe('OpenAPI document', () => {
  it('describes the invite list, revocation, public look-up and the member organisation change', async () => {
    const doc = (await (await h.call('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(Object.keys(doc.paths['/meetings/{id}/invites'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(doc.paths['/meetings/{id}/invites/{inviteId}/revoke']?.post).toBeDefined();
    // The look-up needs no session: no security requirement.
    expect(doc.paths['/invites/{token}']?.get).toBeDefined();
    expect(doc.paths['/invites/{token}']?.get?.security).toBeUndefined();
    const patch = JSON.stringify(doc.paths['/meetings/{id}/members/{userId}']?.patch);
    expect(patch).toContain('organisation');
  });
});
