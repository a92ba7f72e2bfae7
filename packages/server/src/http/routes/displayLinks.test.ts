/**
 * Hall display links over HTTP: a chair creates, lists and revokes them
 * (audited, limited per meeting); nobody else may; the token opens
 * `GET /display` and nothing else here (the whole app's routes are
 * enumerated in `test/display-links.test.ts`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CloseCode,
  DISPLAY_REVOKED_REASON,
  ErrorCode,
  MAX_LIVE_DISPLAY_LINKS,
  type DisplayLink,
  type DisplayLinkCreated,
} from '@kenes/shared';
import { createApiHarness, ORIGIN, type ApiHarness } from '../../test-support/apiHarness.js';
import { sha256Hex } from '../../auth/tokens.js';

let h: ApiHarness;
let chair: { cookie: string; userId: string };
let meetingId: string;

beforeEach(async () => {
  h = await createApiHarness();
  chair = await h.signup('chair@mfa.example', { name: 'Aigerim Chair' });
  const res = await h.call('POST', '/meetings', {
    cookie: chair.cookie,
    body: { title: 'Dialogue' },
  });
  meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

const base = () => `/meetings/${meetingId}/display-links`;
const create = (body: unknown = {}, cookie = chair.cookie) =>
  h.call('POST', base(), { cookie, body });
const list = (cookie = chair.cookie) => h.call('GET', base(), { cookie });
const revoke = (id: string, cookie = chair.cookie) =>
  h.call('POST', `${base()}/${id}/revoke`, { cookie });
const info = (token: string) =>
  h.call('GET', '/display', { headers: { authorization: `Bearer ${token}` } });
const code = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

async function created(label?: string): Promise<DisplayLinkCreated> {
  const res = await create(label === undefined ? {} : { label });
  expect(res.status).toBe(201);
  return (await res.json()) as DisplayLinkCreated;
}

describe('display links: chair manages', () => {
  it('creates a link whose token is stored only hashed, lists it, and audits it', async () => {
    const made = await created('  Hall A  ');
    expect(made.url).toBe(`${ORIGIN}/display#${made.token}`);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.link).toEqual({
      id: sha256Hex(made.token),
      label: 'Hall A',
      createdAt: h.clock.now,
      createdBy: chair.userId,
      createdByName: 'Aigerim Chair',
      lastUsedAt: null,
    });
    const row = await h.store.displayLinks.byHash(sha256Hex(made.token));
    expect(row).toMatchObject({ meetingId, label: 'Hall A' });
    expect(JSON.stringify(row)).not.toContain(made.token);

    const listed = await list();
    expect(listed.status).toBe(200);
    const { links } = (await listed.json()) as { links: DisplayLink[] };
    expect(links).toEqual([made.link]);
    expect(JSON.stringify(links)).not.toContain(made.token);

    const audit = await h.store.audit.list(meetingId, { action: 'displayLink' });
    expect(audit.map((a) => [a.action, a.userId, JSON.parse(a.payload)])).toEqual([
      ['displayLink.create', chair.userId, { linkId: made.link.id, label: 'Hall A' }],
    ]);
  });

  it('records the last use when the display asks the clock', async () => {
    const made = await created();
    h.clock.advance(60_000);
    const res = await info(made.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ meetingId, now: h.clock.now });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { links } = (await (await list()).json()) as { links: DisplayLink[] };
    expect(links[0]?.lastUsedAt).toBe(h.clock.now);
  });

  it(`allows ${MAX_LIVE_DISPLAY_LINKS} live links per meeting; revoking one frees a place`, async () => {
    const all = [];
    for (let i = 0; i < MAX_LIVE_DISPLAY_LINKS; i++) all.push(await created(`Screen ${i}`));
    const over = await create({ label: 'one too many' });
    expect(over.status).toBe(409);
    expect(await code(over)).toBe(ErrorCode.displayLinkLimit);
    expect((await revoke(all[0]!.link.id)).status).toBe(200);
    expect((await create({ label: 'now fits' })).status).toBe(201);
  });

  it('revokes: the link opens nothing, its sockets are closed, audited once, gone from the list', async () => {
    const made = await created('Hall B');
    h.clock.advance(5_000);
    const res = await revoke(made.link.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { link: DisplayLink }).link.id).toBe(made.link.id);
    expect(h.connections.calls).toContainEqual({
      kind: 'closeMember',
      meetingId,
      userId: `display:${made.link.id}`,
      code: CloseCode.forbidden,
      reason: DISPLAY_REVOKED_REASON,
    });
    const refused = await info(made.token);
    expect(refused.status).toBe(410);
    expect(await code(refused)).toBe(ErrorCode.displayLinkRevoked);
    expect((await revoke(made.link.id)).status).toBe(200);
    const audit = await h.store.audit.list(meetingId, { action: 'displayLink.revoke' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.payload)).toEqual({ linkId: made.link.id, label: 'Hall B' });
    expect(((await (await list()).json()) as { links: unknown[] }).links).toEqual([]);
  });

  it('refuses bad input: a long label, unknown fields, a malformed or foreign link id', async () => {
    expect((await create({ label: 'x'.repeat(81) })).status).toBe(400);
    expect((await create({ label: 'ok', role: 'chair' })).status).toBe(400);
    expect((await revoke('not-a-hash')).status).toBe(400);
    expect((await revoke('a'.repeat(64))).status).toBe(404);
    // Another meeting's link cannot be revoked through this one.
    const other = await h.call('POST', '/meetings', {
      cookie: chair.cookie,
      body: { title: 'Other' },
    });
    const otherId = ((await other.json()) as { meeting: { id: string } }).meeting.id;
    const foreign = (await (
      await h.call('POST', `/meetings/${otherId}/display-links`, { cookie: chair.cookie, body: {} })
    ).json()) as DisplayLinkCreated;
    expect((await revoke(foreign.link.id)).status).toBe(404);
    expect((await info(foreign.token)).status).toBe(200);
  });
});

describe('display links: nobody else manages', () => {
  it('refuses participants and observers (403) and non-members (404), and records nothing', async () => {
    const made = await created();
    for (const role of ['participant', 'observer'] as const) {
      const p = await h.signup(`${role}@ngo.example`);
      await h.store.meetings.putMember({ meetingId, userId: p.userId, role, joinedAt: 1 });
      expect((await create({}, p.cookie)).status).toBe(403);
      expect((await list(p.cookie)).status).toBe(403);
      expect((await revoke(made.link.id, p.cookie)).status).toBe(403);
    }
    const stranger = await h.signup('stranger@example.org');
    expect((await create({}, stranger.cookie)).status).toBe(404);
    expect((await list(stranger.cookie)).status).toBe(404);
    expect((await revoke(made.link.id, stranger.cookie)).status).toBe(404);
    expect((await h.call('POST', base(), { cookie: null, body: {} })).status).toBe(401);
    expect(await h.store.displayLinks.live(meetingId)).toHaveLength(1);
    expect(h.connections.calls.filter((c) => c.kind === 'closeMember')).toEqual([]);
  });

  it('refuses a cross-site create (Origin) before anything is made', async () => {
    const res = await h.call('POST', base(), {
      cookie: chair.cookie,
      body: {},
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(await h.store.displayLinks.live(meetingId)).toEqual([]);
  });
});

describe('GET /display', () => {
  it('answers only a bearer token of a live link: not a cookie, not a query, not a guess', async () => {
    const made = await created();
    expect((await h.call('GET', '/display')).status).toBe(401);
    expect((await info('x'.repeat(43))).status).toBe(401);
    expect((await h.call('GET', `/display?token=${made.token}`)).status).toBe(401);
    expect(
      (await h.call('GET', '/display', { cookie: `kenes_session=${made.token}` })).status,
    ).toBe(401);
    expect(
      (await h.call('GET', '/display', { headers: { authorization: made.token } })).status,
    ).toBe(401);
    expect((await info(made.token)).status).toBe(200);
  });
});
