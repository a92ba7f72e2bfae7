import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Role } from '@kenes/shared';
import { createApiHarness, type ApiHarness } from '../src/test-support/apiHarness.js';

let h: ApiHarness;
let chair: { cookie: string; userId: string };
let meetingId: string;

/** Adds `userId` to the meeting with `role` directly through the store. */
async function addMember(userId: string, role: Role): Promise<void> {
  await h.store.meetings.putMember({ meetingId, userId, role, joinedAt: h.clock.now });
}

beforeEach(async () => {
  h = await createApiHarness();
  chair = await h.signup('chair@mfa.example');
  const res = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Human-rights dialogue', startsAt: h.clock.now },
  });
  expect(res.status).toBe(201);
  meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

describe('meetings', () => {
  it('makes the creator its chair, lists it and shows the caller their role', async () => {
    const list = await h.call('GET', '/meetings', { cookie: chair.cookie });
    expect(await list.json()).toMatchObject({
      meetings: [{ id: meetingId, title: 'Human-rights dialogue', role: 'chair' }],
    });
    const p = await h.signup('ngo@x.example');
    await addMember(p.userId, 'observer');
    const one = await h.call('GET', `/meetings/${meetingId}`, { cookie: p.cookie });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      meeting: { id: meetingId, role: 'observer', createdBy: chair.userId },
    });
  });

  it('validates the title', async () => {
    const res = await h.call('POST', '/meetings', { cookie: chair.cookie, body: { title: '' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: ErrorCode.validation } });
  });

  it('needs a session on every meeting route', async () => {
    expect((await h.call('GET', '/meetings')).status).toBe(401);
    expect((await h.call('POST', '/meetings', { body: { title: 'x' } })).status).toBe(401);
    expect((await h.call('GET', `/meetings/${meetingId}`)).status).toBe(401);
    expect((await h.call('GET', `/meetings/${meetingId}/members`)).status).toBe(401);
  });
});

describe('non-members', () => {
  it('get 404 on every meeting route, exactly as for a meeting that does not exist', async () => {
    const stranger = await h.signup('stranger@x.example');
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/meetings/${meetingId}`],
      ['GET', `/meetings/${meetingId}/members`],
      ['GET', `/meetings/${meetingId}/members/${chair.userId}`],
      ['PATCH', `/meetings/${meetingId}/members/${chair.userId}`, { role: 'observer' }],
      ['DELETE', `/meetings/${meetingId}/members/${chair.userId}`],
      ['POST', `/meetings/${meetingId}/invites`, { role: 'chair' }],
    ];
    for (const [method, path, body] of routes) {
      const res = await h.call(method, path, { cookie: stranger.cookie, body });
      const missing = await h.call(method, path.replace(meetingId, 'no-such-meeting'), {
        cookie: stranger.cookie,
        body,
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual(await missing.json());
    }
    expect(await h.store.meetings.member(meetingId, chair.userId)).toMatchObject({ role: 'chair' });
  });
});

describe('members', () => {
  it('lists members with name and organisation, never e-mail or gender', async () => {
    const p = await h.signup('ngo@x.example', { gender: 'woman', organisation: 'Women NGO' });
    await addMember(p.userId, 'participant');
    const res = await h.call('GET', `/meetings/${meetingId}/members`, { cookie: p.cookie });
    const body = (await res.json()) as { members: Array<Record<string, unknown>> };
    expect(body.members).toHaveLength(2);
    expect(body.members).toContainEqual(
      expect.objectContaining({ userId: p.userId, role: 'participant', organisation: 'Women NGO' }),
    );
    expect(JSON.stringify(body)).not.toMatch(/@|woman|gender|passwordHash/);
  });

  it.each(['participant', 'observer'] as const)(
    'a %s cannot change roles, remove others or invite (403)',
    async (role) => {
      const p = await h.signup('p@x.example');
      await addMember(p.userId, role);
      const patch = await h.call('PATCH', `/meetings/${meetingId}/members/${chair.userId}`, {
        cookie: p.cookie,
        body: { role: 'observer' },
      });
      expect(patch.status).toBe(403);
      expect(await patch.json()).toMatchObject({ error: { code: ErrorCode.forbidden } });
      const promoteSelf = await h.call('PATCH', `/meetings/${meetingId}/members/${p.userId}`, {
        cookie: p.cookie,
        body: { role: 'chair' },
      });
      expect(promoteSelf.status).toBe(403);
      expect(
        (
          await h.call('DELETE', `/meetings/${meetingId}/members/${chair.userId}`, {
            cookie: p.cookie,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await h.call('POST', `/meetings/${meetingId}/invites`, {
            cookie: p.cookie,
            body: { role: 'participant' },
          })
        ).status,
      ).toBe(403);
      expect(h.connections.calls).toEqual([]);
    },
  );

  it('a chair changes a role; open sockets get the new role', async () => {
    const p = await h.signup('p@x.example');
    await addMember(p.userId, 'participant');
    const res = await h.call('PATCH', `/meetings/${meetingId}/members/${p.userId}`, {
      cookie: chair.cookie,
      body: { role: 'observer' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ member: { userId: p.userId, role: 'observer' } });
    expect(h.connections.calls).toEqual([
      { kind: 'setMemberRole', meetingId, userId: p.userId, role: 'observer' },
    ]);
    const seen = await h.call('GET', `/meetings/${meetingId}`, { cookie: p.cookie });
    expect(await seen.json()).toMatchObject({ meeting: { role: 'observer' } });
    const audit = await h.store.audit.list(meetingId);
    expect(audit[0]).toMatchObject({ action: 'member.setRole', userId: chair.userId });
  });

  it('rejects an unknown role with 400 and an unknown member with 404', async () => {
    const bad = await h.call('PATCH', `/meetings/${meetingId}/members/${chair.userId}`, {
      cookie: chair.cookie,
      body: { role: 'king' },
    });
    expect(bad.status).toBe(400);
    const none = await h.call('PATCH', `/meetings/${meetingId}/members/nobody`, {
      cookie: chair.cookie,
      body: { role: 'observer' },
    });
    expect(none.status).toBe(404);
  });

  it('a chair removes a member: their sockets close with 4403 and their next call is refused', async () => {
    const p = await h.signup('p@x.example');
    await addMember(p.userId, 'participant');
    const res = await h.call('DELETE', `/meetings/${meetingId}/members/${p.userId}`, {
      cookie: chair.cookie,
    });
    expect(res.status).toBe(204);
    expect(h.connections.calls).toEqual([
      {
        kind: 'closeMember',
        meetingId,
        userId: p.userId,
        code: 4403,
        reason: 'removed from meeting',
      },
    ]);
    expect((await h.call('GET', `/meetings/${meetingId}`, { cookie: p.cookie })).status).toBe(404);
  });

  it('a member may leave on their own', async () => {
    const p = await h.signup('p@x.example');
    await addMember(p.userId, 'observer');
    expect(
      (await h.call('DELETE', `/meetings/${meetingId}/members/${p.userId}`, { cookie: p.cookie }))
        .status,
    ).toBe(204);
    expect(await h.store.meetings.member(meetingId, p.userId)).toBeNull();
  });
});

describe('the last chair', () => {
  it('cannot be demoted or removed (409 last_chair), by themselves or anyone', async () => {
    const demote = await h.call('PATCH', `/meetings/${meetingId}/members/${chair.userId}`, {
      cookie: chair.cookie,
      body: { role: 'participant' },
    });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ error: { code: ErrorCode.lastChair } });
    const leave = await h.call('DELETE', `/meetings/${meetingId}/members/${chair.userId}`, {
      cookie: chair.cookie,
    });
    expect(leave.status).toBe(409);
    expect(await h.store.meetings.member(meetingId, chair.userId)).toMatchObject({ role: 'chair' });
    expect(h.connections.calls).toEqual([]);
  });

  it('with two chairs one may step down, then the other is the last', async () => {
    const second = await h.signup('second@x.example');
    await addMember(second.userId, 'chair');
    const stepDown = await h.call('PATCH', `/meetings/${meetingId}/members/${chair.userId}`, {
      cookie: second.cookie,
      body: { role: 'participant' },
    });
    expect(stepDown.status).toBe(200);
    const last = await h.call('DELETE', `/meetings/${meetingId}/members/${second.userId}`, {
      cookie: second.cookie,
    });
    expect(last.status).toBe(409);
    // The demoted chair can no longer manage members.
    const tryBack = await h.call('PATCH', `/meetings/${meetingId}/members/${chair.userId}`, {
      cookie: chair.cookie,
      body: { role: 'chair' },
    });
    expect(tryBack.status).toBe(403);
  });
});
