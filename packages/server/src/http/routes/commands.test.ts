import { describe, expect, it } from 'vitest';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import * as Y from 'yjs';
import { readMeeting, readQueue, type Role } from '@kenes/shared';
import type { PublicUser } from '../../auth/users.js';
import type { AuditRow, MeetingRow, MemberRow, Store } from '../../store/Store.js';
import type { RoomAccess } from '../../sync/interfaces.js';
import { onError } from '../errors.js';
import type { AuthEnv } from '../middleware/session.js';
import { validationHook } from '../validation.js';
import { commandRoutes, type VersionToSave } from './commands.js';

const MEETING = 'm1';

function user(id: string, name: string, organisation: string): PublicUser {
  return {
    id,
    email: `${id}@example.org`,
    name,
    organisation,
    orgType: 'ngo',
    language: 'en',
    gender: null,
    createdAt: 0,
  };
}
const USERS: Record<string, PublicUser> = {
  chair: user('chair', 'Chair', 'MFA'),
  alice: user('alice', 'Alice', 'Ombudsman'),
  olga: user('olga', 'Olga', 'UNDP'),
  stranger: user('stranger', 'Stranger', 'Nowhere'),
};
const ROLES: Record<string, Role> = { chair: 'chair', alice: 'participant', olga: 'observer' };

/** Rooms on in-memory docs: transact runs `fn` in one transaction, like the real room. */
function fakeRooms(): RoomAccess & { doc(id: string): Y.Doc } {
  const docs = new Map<string, Y.Doc>();
  const doc = (id: string) => docs.get(id) ?? docs.set(id, new Y.Doc()).get(id)!;
  return {
    doc,
    async transact(id, fn) {
      let out: ReturnType<typeof fn> | undefined;
      doc(id).transact(
        () => {
          out = fn(doc(id));
        },
        { source: 'server' },
      );
      return out as ReturnType<typeof fn>;
    },
    async read(id, fn) {
      return fn(doc(id));
    },
  };
}

/** The parts of the Store the routes use, in memory. */
function fakeStore() {
  const audit: AuditRow[] = [];
  const meeting: MeetingRow = {
    id: MEETING,
    title: 'Dialogue',
    startsAt: null,
    venue: '',
    createdBy: 'chair',
    createdAt: 0,
    status: 'scheduled',
  };
  const store = {
    meetings: {
      async member(meetingId: string, userId: string): Promise<MemberRow | null> {
        const role = ROLES[userId];
        return meetingId === MEETING && role
          ? { meetingId, userId, role, joinedAt: 0, organisation: `Org ${userId}`, orgType: 'ngo' }
          : null;
      },
      async meetingById(id: string) {
        return id === MEETING ? meeting : null;
      },
      async renameMeeting(_id: string, title: string) {
        meeting.title = title;
      },
      async setMeetingDetails(
        _id: string,
        details: Partial<Pick<MeetingRow, 'title' | 'startsAt' | 'venue'>>,
      ) {
        Object.assign(meeting, details);
      },
      async setMeetingStatus(_id: string, status: MeetingRow['status']) {
        meeting.status = status;
      },
    },
    audit: {
      async add(row: Omit<AuditRow, 'id' | 'count'>) {
        audit.push({ id: audit.length + 1, count: 1, ...row });
      },
      async addRefused(row: Omit<AuditRow, 'id' | 'count'>) {
        audit.push({ id: audit.length + 1, count: 1, ...row });
      },
      async list(meetingId: string, opts: { limit?: number } = {}) {
        return audit
          .filter((r) => r.meetingId === meetingId)
          .reverse()
          .slice(0, opts.limit ?? 100);
      },
    },
  };
  // Only the members and audit parts are reached by these routes.
  return { store: store as unknown as Store, audit, meeting };
}

/** Signs in whoever the `x-test-user` header names (the real middleware checks the session cookie). */
const requireUser: MiddlewareHandler<AuthEnv> = async (c, next) => {
  const u = USERS[c.req.header('x-test-user') ?? ''];
  if (!u) return c.json({ error: { code: 'unauthorized', message: 'Sign in first' } }, 401);
  c.set('user', u);
  await next();
};

function setup(
  opts: { saveVersion?: (v: VersionToSave) => Promise<Record<string, unknown>> } = {},
) {
  const rooms = fakeRooms();
  const { store, audit, meeting } = fakeStore();
  let clock = 5_000;
  let seq = 0;
  const api = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  api.onError(onError(() => undefined));
  commandRoutes({ rooms, store, now: () => (clock += 10), ids: () => `id${++seq}`, ...opts })(api, {
    requireUser,
  });
  const send = (who: string, body: unknown, raw = false) =>
    api.request(`/meetings/${MEETING}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-user': who },
      body: raw ? (body as string) : JSON.stringify(body),
    });
  return { api, rooms, audit, meeting, send, doc: rooms.doc(MEETING) };
}

describe('POST /meetings/:id/commands', () => {
  it('applies a command with identity from the records and audits it', async () => {
    const { send, doc, audit } = setup();
    expect(
      await (await send('chair', { type: 'meeting.setStatus', status: 'live' })).json(),
    ).toEqual({ ok: true });
    // Requests for the floor join the item under discussion.
    await send('chair', { type: 'agenda.add', title: 'Item' });
    await send('chair', { type: 'agenda.start', itemId: 'id1' });
    const res = await send('alice', { type: 'queue.request', kind: 'speak' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, entryId: 'id2' });
    expect(readQueue(doc)[0]).toMatchObject({
      userId: 'alice',
      name: 'Alice',
      // The meeting's organisation (the membership record), not the profile's ('Ombudsman').
      organisation: 'Org alice',
      orgType: 'ngo',
    });
    expect(audit.at(-1)).toMatchObject({
      meetingId: MEETING,
      userId: 'alice',
      action: 'queue.request',
      payload: JSON.stringify({ type: 'queue.request', kind: 'speak' }),
      result: 'ok',
    });
  });

  it('refuses identity smuggled in the body (400 validation_failed), and audits the refusal', async () => {
    const { send, audit, doc } = setup();
    const res = await send('alice', { type: 'queue.request', kind: 'speak', name: 'The Chair' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(readQueue(doc)).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ action: 'queue.request', result: 'validation_failed' });
  });

  it('answers 400 unknown_command, bad_request for non-JSON', async () => {
    const { send } = setup();
    expect(await (await send('chair', { type: 'queue.jump' })).json()).toMatchObject({
      error: { code: 'unknown_command' },
    });
    const res = await send('chair', '{not json', true);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('answers 403 to a role the table refuses, 409 to a command that makes no sense, both audited', async () => {
    const { send, audit } = setup();
    const forbidden = await send('olga', { type: 'queue.request', kind: 'speak' });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
    const empty = await send('chair', { type: 'queue.grant' });
    expect(empty.status).toBe(409);
    expect(await empty.json()).toMatchObject({
      error: { code: 'invalid_state', message: expect.any(String) },
    });
    expect(audit.map((r) => [r.userId, r.action, r.result])).toEqual([
      ['olga', 'queue.request', 'forbidden'],
      ['chair', 'queue.grant', 'invalid_state'],
    ]);
  });

  it('answers 404 to a non-member and 401 without a session', async () => {
    const { send, api } = setup();
    expect((await send('stranger', { type: 'queue.grant' })).status).toBe(404);
    const res = await api.request(`/meetings/${MEETING}/commands`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses an oversized body with 413', async () => {
    const { send } = setup();
    const res = await send('chair', { type: 'meeting.rename', title: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
  });

  it('keeps the stored meeting title equal to the document’s', async () => {
    const { send, meeting, doc } = setup();
    await send('chair', { type: 'meeting.rename', title: 'Renamed' });
    expect(readMeeting(doc).title).toBe('Renamed');
    expect(meeting.title).toBe('Renamed');
  });

  it('meeting.setDetails: the chair’s details reach the document and the stored row; others get 403', async () => {
    const { send, meeting, doc, audit } = setup();
    const at = Date.UTC(2026, 2, 12, 5);
    const ok = await send('chair', {
      type: 'meeting.setDetails',
      startsAt: at,
      venue: 'Astana',
      description: 'Session three',
    });
    expect(ok.status).toBe(200);
    expect(readMeeting(doc)).toMatchObject({
      startsAt: at,
      venue: 'Astana',
      description: 'Session three',
    });
    expect(meeting).toMatchObject({ title: 'Dialogue', startsAt: at, venue: 'Astana' });
    for (const who of ['alice', 'olga']) {
      const res = await send(who, {
        type: 'meeting.setDetails',
        venue: 'Elsewhere',
        title: 'Mine',
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect(readMeeting(doc)).toMatchObject({ title: '', venue: 'Astana' });
    expect(meeting).toMatchObject({ title: 'Dialogue', venue: 'Astana' });
    expect(audit.filter((r) => r.action === 'meeting.setDetails').map((r) => r.result)).toEqual([
      'ok',
      'forbidden',
      'forbidden',
    ]);
    // A date that is no date is refused before anything is written.
    const bad = await send('chair', { type: 'meeting.setDetails', startsAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(meeting.startsAt).toBe(at);
  });

  it('hands version.save to the version store with the document state, 503 without one', async () => {
    const saved: VersionToSave[] = [];
    const { send } = setup({ saveVersion: async (v) => (saved.push(v), { versionId: 7 }) });
    await send('chair', { type: 'meeting.rename', title: 'T' });
    const res = await send('chair', { type: 'version.save', label: 'First reading' });
    expect(await res.json()).toEqual({ ok: true, label: 'First reading', versionId: 7 });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, saved[0]?.state ?? new Uint8Array());
    expect(readMeeting(copy).title).toBe('T');
    expect(saved[0]).toMatchObject({ meetingId: MEETING, label: 'First reading', userId: 'chair' });

    const bare = setup();
    expect((await bare.send('chair', { type: 'version.save', label: 'x' })).status).toBe(503);
  });
});

describe('POST /meetings/:id/commands: what a refusal or a failure costs', () => {
  it("refuses an observer's forbidden command without touching the room (no load, no lock)", async () => {
    const { send, rooms, audit } = setup();
    let loads = 0;
    const transact = rooms.transact.bind(rooms);
    rooms.transact = (id, fn) => (loads++, transact(id, fn));
    const res = await send('olga', { type: 'queue.grant' });
    expect(res.status).toBe(403);
    expect(loads).toBe(0);
    expect(audit.at(-1)).toMatchObject({
      userId: 'olga',
      action: 'queue.grant',
      result: 'forbidden',
    });
  });

  it('answers what the audit row says when the room fails: 503 unavailable, or 500 internal_error', async () => {
    const { send, rooms, audit } = setup();
    const outage = Object.assign(new Error('store unavailable'), { name: 'StoreUnavailableError' });
    rooms.transact = () => Promise.reject(outage);
    const down = await send('chair', { type: 'queue.grant' });
    expect(down.status).toBe(503);
    expect(audit.at(-1)).toMatchObject({ action: 'queue.grant', result: 'unavailable' });

    rooms.transact = () => Promise.reject(new TypeError('a bug'));
    const bug = await send('chair', { type: 'queue.finish' });
    expect(bug.status).toBe(500);
    expect(audit.at(-1)).toMatchObject({ action: 'queue.finish', result: 'internal_error' });
  });
});

describe('GET /time and GET /meetings/:id/audit', () => {
  it('gives the server clock to a signed-in user', async () => {
    const { api } = setup();
    const res = await api.request('/time', { headers: { 'x-test-user': 'olga' } });
    expect(await res.json()).toEqual({ now: expect.any(Number) });
    expect((await api.request('/time')).status).toBe(401);
  });

  it('shows the audit log to a chair only, newest first', async () => {
    const { api, send } = setup();
    await send('chair', { type: 'meeting.setStatus', status: 'live' });
    await send('alice', { type: 'queue.grant' });
    const res = await api.request(`/meetings/${MEETING}/audit?limit=10`, {
      headers: { 'x-test-user': 'chair' },
    });
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: AuditRow[] };
    expect(entries.map((e) => [e.action, e.result])).toEqual([
      ['queue.grant', 'forbidden'],
      ['meeting.setStatus', 'ok'],
    ]);
    const denied = await api.request(`/meetings/${MEETING}/audit`, {
      headers: { 'x-test-user': 'alice' },
    });
    expect(denied.status).toBe(403);
    const stranger = await api.request(`/meetings/${MEETING}/audit`, {
      headers: { 'x-test-user': 'stranger' },
    });
    expect(stranger.status).toBe(404);
  });
});
