/**
 * Hall display links against a real server (real authorizer, guard, store
 * and sockets): the token opens the meeting's display — a read-only sync
 * socket and `GET /api/display` — and nothing else. Every registered route
 * answers it as it answers a stranger; its write frames are refused; its
 * awareness is neither relayed nor answered; revoking closes its socket.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  DISPLAY_PROTOCOL,
  DISPLAY_REVOKED_REASON,
  MessageType,
  readAgenda,
  readMeeting,
  type DisplayLinkCreated,
} from '@kenes/shared';
import {
  appendParagraph,
  connectDisplay,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import {
  craftedUpdate,
  openRawSocketAt,
  upgradeStatus,
  type RawSocket,
} from '../src/test-support/rawSocket.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';
import { encodeAwarenessUpdate } from '../src/sync/awareness.js';
import { encodeAwarenessFrame, encodeUpdate } from '../src/sync/protocol.js';

const live = useLiveServer({ security: 'real' }, 'test');
let origin: string;
let chair: LiveUser;
let participant: LiveUser;
let m: LiveMeeting;
let other: LiveMeeting;
/** Display providers a test opened, destroyed after it. */
const displays: TestClient[] = [];
const sockets: WebSocket[] = [];
/** Links made by a test, revoked after it (a meeting holds only a few live ones). */
const made: Array<{ link: DisplayLinkCreated; meetingId: string }> = [];

beforeAll(async () => {
  origin = new URL(live.server.url).origin;
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  participant = await signUpUser(live.server.url, 'Participant', 'Crisis centres union', 'ngo');
  m = await createMeetingWithText(chair);
  other = await createMeetingWithText(chair, 'Another meeting');
  await addMember(chair, m.meetingId, participant, 'participant');
});
afterEach(async () => {
  for (const c of displays.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  for (const { link, meetingId } of made.splice(0)) await revokeLink(link, meetingId);
});

async function makeLink(meetingId = m.meetingId): Promise<DisplayLinkCreated> {
  const res = await chair.call<DisplayLinkCreated>(
    'POST',
    `/api/meetings/${meetingId}/display-links`,
    { label: 'Hall' },
  );
  expect(res.status).toBe(201);
  made.push({ link: res.body, meetingId });
  return res.body;
}
async function revokeLink(link: DisplayLinkCreated, meetingId = m.meetingId): Promise<void> {
  const res = await chair.call(
    'POST',
    `/api/meetings/${meetingId}/display-links/${link.link.id}/revoke`,
  );
  expect(res.status).toBe(200);
}

/** A raw display socket, terminated after the test. */
async function openDisplay(
  token: string,
  meetingId = m.meetingId,
  headers: Record<string, string> = {},
): Promise<RawSocket> {
  const raw = await openRawSocketAt(`${live.server.syncUrl}/${meetingId}`, {
    protocols: [DISPLAY_PROTOCOL, token],
    headers: { origin, ...headers },
  });
  sockets.push(raw.ws);
  return raw;
}
/** The HTTP status a display upgrade is refused with (101: accepted). */
function displayUpgradeStatus(
  protocols: string[],
  meetingId = m.meetingId,
  headers: Record<string, string> = { origin },
): Promise<number> {
  return upgradeStatus(live.server.syncUrl, meetingId, headers, protocols);
}
/** A stock y-websocket provider opened with a display token (as the kiosk page does). */
function displayProvider(token: string, meetingId = m.meetingId): TestClient {
  const c = connectDisplay(live.server.syncUrl, meetingId, token, origin);
  displays.push(c);
  return c;
}
/** A sync step 1 frame asking for everything. */
function step1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
}

describe('every API route refuses a display token', () => {
  it('answers each registered route (OpenAPI document and router) with the token as without it', async () => {
    const link = await makeLink();
    const token = link.token;
    const doc = (await (await fetch(`${live.server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) routes.add(`${method.toUpperCase()} /api${path}`);
    }
    // The router too: a route registered without an OpenAPI entry must not slip through.
    for (const r of live.server.kenes.app.routes) {
      if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue;
      routes.add(`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    }
    expect(routes.size).toBeGreaterThan(30);
    const params: Record<string, string> = {
      id: m.meetingId,
      userId: chair.userId,
      token,
      inviteId: link.link.id,
      linkId: link.link.id,
      versionId: 'v1',
    };
    // Public: they answer anyone the same (sign-up, sign-in, sign-out without a session, the
    // OpenAPI document, what an invite is for, asking for and using a password-reset link).
    const open = new Set([
      'POST /api/auth/signup',
      'POST /api/auth/forgot-password',
      'GET /api/auth/reset-password/{token}',
      'POST /api/auth/reset-password/{token}',
      'POST /api/auth/logout',
      'POST /api/auth/login',
      'GET /api/openapi.json',
      'GET /api/invites/{token}',
    ]);
    const presented: Array<[string, Record<string, string>, string]> = [
      ['bearer', { authorization: `Bearer ${token}` }, ''],
      ['session cookie', { cookie: `kenes_session=${token}` }, ''],
      ['display cookie', { cookie: `kenes_display=${token}` }, ''],
      ['query', {}, `?token=${token}&display=${token}`],
    ];
    const seen: string[] = [];
    for (const route of [...routes].sort()) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace(/\{(\w+)\}/g, (_, k: string) => {
        if (!(k in params)) throw new Error(`no value for {${k}} in ${route}`);
        return encodeURIComponent(params[k]!);
      });
      const send = (headers: Record<string, string>, query = '') =>
        fetch(`${live.server.url}${path}${query}`, {
          method,
          headers: { origin, 'content-type': 'application/json', ...headers },
          ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
        });
      const anonymous = (await send({})).status;
      if (route === 'GET /api/display') {
        expect(anonymous).toBe(401);
        expect((await send(presented[0]![1])).status).toBe(200);
        continue;
      }
      if (!open.has(route)) expect(anonymous, route).toBe(401);
      for (const [how, headers, query] of presented) {
        expect((await send(headers, query)).status, `${route} with the token as ${how}`).toBe(
          anonymous,
        );
      }
      seen.push(route);
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'GET /api/meetings',
        'GET /api/meetings/{id}',
        'POST /api/meetings/{id}/commands',
        'GET /api/time',
        'GET /api/meetings/{id}/display-links',
      ]),
    );
  });
});

describe('the display socket', () => {
  it('opens with the token on its meeting only, and never with a cookie standing in for it', async () => {
    const link = await makeLink();
    expect(await displayUpgradeStatus([DISPLAY_PROTOCOL, link.token])).toBe(101);
    expect(await displayUpgradeStatus([DISPLAY_PROTOCOL, link.token], other.meetingId)).toBe(404);
    expect(await displayUpgradeStatus([DISPLAY_PROTOCOL, 'A'.repeat(43)])).toBe(401);
    expect(await displayUpgradeStatus([DISPLAY_PROTOCOL])).toBe(401);
    expect(await displayUpgradeStatus(['other', link.token])).toBe(401);
    expect(
      await displayUpgradeStatus([DISPLAY_PROTOCOL, link.token], m.meetingId, {
        origin: 'http://evil.example',
      }),
    ).toBe(403);
    // The chair's session cookie does not rescue a bad display token.
    expect(
      await displayUpgradeStatus([DISPLAY_PROTOCOL, 'A'.repeat(43)], m.meetingId, {
        ...chair.socketHeaders,
      }),
    ).toBe(401);
    // The token in the URL is not a credential either.
    expect(
      await upgradeStatus(`${live.server.syncUrl}`, `${m.meetingId}?token=${link.token}`, {
        origin,
      }),
    ).toBe(401);
    const d = await openDisplay(link.token);
    expect(d.ws.protocol).toBe(DISPLAY_PROTOCOL);
    const listed = await chair.call<{ links: Array<{ id: string; lastUsedAt: number | null }> }>(
      'GET',
      `/api/meetings/${m.meetingId}/display-links`,
    );
    expect(listed.body.links.find((l) => l.id === link.link.id)?.lastUsedAt).not.toBeNull();
  });

  it('syncs the meeting read-only and follows the chair live', async () => {
    const link = await makeLink();
    const display = displayProvider(link.token);
    await waitSynced(display);
    expect(readMeeting(display.doc).title).toBe('Human-rights dialogue');
    expect(readAgenda(display.doc).map((i) => i.title)).toEqual(['Ensuring gender equality']);
    await chair.mustCommand(m.meetingId, { type: 'agenda.add', title: 'Combating violence' });
    await waitFor(() => readAgenda(display.doc).length === 2, 5000, 'the new item on the display');
    expect(display.closes).toEqual([]);
  });

  it('closes on a write frame with the usual refusal, even with the chair’s cookie beside the token; nothing is applied', async () => {
    const link = await makeLink();
    const chairSocket = live.connect(chair, m.meetingId);
    await waitSynced(chairSocket);
    const before = fragmentText(chairSocket.doc, m.recId);
    // The display's doc, synced, then a paragraph typed into a text.
    const update = craftedUpdate(chairSocket.doc, (doc) =>
      appendParagraph(doc, m.recId, 'Written by the hall screen'),
    );

    const d = await openDisplay(link.token, m.meetingId, { cookie: chair.cookie! });
    d.ws.send(encodeUpdate(update));
    const closed = await d.closed;
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toBe('write-refused: a display link may not edit texts');
    await new Promise((r) => setTimeout(r, 200));
    expect(fragmentText(chairSocket.doc, m.recId)).toBe(before);

    // The same browser's own socket (the cookie alone) is still the chair's: it may write.
    appendParagraph(chairSocket.doc, m.recId, 'The chair writes');
    const check = live.connect(participant, m.meetingId);
    await waitFor(
      () => (fragmentText(check.doc, m.recId) ?? '').includes('The chair writes'),
      5000,
      "the chair's edit reaching another member",
    );
    expect(chairSocket.closes).toEqual([]);
  });

  it('drops its awareness (nobody sees it) and sends it none; it stays connected', async () => {
    const link = await makeLink();
    const person = live.connect(participant, m.meetingId);
    await waitSynced(person);
    person.provider.awareness.setLocalStateField('cursor', null);
    const d = await openDisplay(link.token);
    d.ws.send(step1());
    d.ws.send(
      encodeAwarenessFrame(
        encodeAwarenessUpdate([
          { clientId: 4242, clock: 1, state: { user: { name: 'Fake chair' } } },
        ]),
      ),
    );
    // Ask for the others' states, as a provider does.
    d.ws.send(Uint8Array.from([MessageType.queryAwareness]));
    // A person's awareness changes while the display is there.
    person.provider.awareness.setLocalStateField('cursor', null);
    person.provider.awareness.setLocalState({ hello: 'room' });
    await new Promise((r) => setTimeout(r, 400));
    expect(person.provider.awareness.getStates().has(4242)).toBe(false);
    expect(d.frames.filter((f) => f[0] === MessageType.awareness)).toEqual([]);
    expect(d.frames.some((f) => f[0] === MessageType.sync)).toBe(true);
    expect(d.ws.readyState).toBe(WebSocket.OPEN);
    // Nobody in the room's presence is the display.
    const room = live.server.kenes.rooms.roomOf(m.meetingId)!;
    expect(room.awareness.claimant(4242)).toBeUndefined();
  });

  it('closes with 4403 "display link revoked" when the chair revokes, and cannot come back', async () => {
    const link = await makeLink();
    const keep = await makeLink();
    const display = displayProvider(link.token);
    const kept = await openDisplay(keep.token);
    await waitSynced(display);
    await revokeLink(link);
    await waitFor(() => display.closes.length > 0, 5000, 'the display socket to close');
    expect(display.closes[0]).toEqual({
      code: CloseCode.forbidden,
      reason: DISPLAY_REVOKED_REASON,
    });
    expect(await displayUpgradeStatus([DISPLAY_PROTOCOL, link.token])).toBe(410);
    const info = await fetch(`${live.server.url}/api/display`, {
      headers: { authorization: `Bearer ${link.token}` },
    });
    expect(info.status).toBe(410);
    // Another link of the meeting is untouched.
    expect(kept.ws.readyState).toBe(WebSocket.OPEN);
    await revokeLink(keep);
    expect(await kept.closed).toEqual({
      code: CloseCode.forbidden,
      reason: DISPLAY_REVOKED_REASON,
    });
  });
});
