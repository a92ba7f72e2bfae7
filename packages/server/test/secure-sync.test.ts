/**
 * The security boundary end to end: real server (real authorizer and
 * guard), real HTTP sign-up, real sockets. Each refusal must leave every
 * other client's document unchanged.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, meetingRoots, readAgenda, readMeeting } from '@kenes/shared';
import {
  appendParagraph,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { craftedUpdate, openRawSocket, upgradeStatus } from '../src/test-support/rawSocket.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import { encodeUpdate as updateFrame } from '../src/sync/protocol.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

// Each test's sockets close after it: a member may hold only a few at once (Limits.maxSocketsPerMember).
const live = useLiveServer({ security: 'real' }, 'test');
let chair: LiveUser;
let participant: LiveUser;
let observer: LiveUser;
let outsider: LiveUser;
let m: LiveMeeting;

const connect = (user: LiveUser, meetingId = m.meetingId): TestClient =>
  live.connect(user, meetingId);

/** Sends `frame` as `user` on a raw socket; resolves with the close code. */
const sendRaw = (user: LiveUser, frame: Uint8Array) => live.sendRaw(user, m.meetingId, frame);

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  participant = await signUpUser(live.server.url, 'Participant', 'Women of the Steppe', 'ngo');
  observer = await signUpUser(live.server.url, 'Observer', 'UNDP', 'international');
  outsider = await signUpUser(live.server.url, 'Outsider', 'Elsewhere', 'other');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, participant, 'participant');
  await addMember(chair, m.meetingId, observer, 'observer');
});

describe('socket upgrade', () => {
  it('refuses before the handshake: no cookie 401, foreign or missing Origin 403, non-member 404; admits a member', async () => {
    const origin = new URL(live.server.url).origin;
    expect(await upgradeStatus(live.server.syncUrl, m.meetingId, { origin })).toBe(401);
    expect(
      await upgradeStatus(live.server.syncUrl, m.meetingId, {
        ...participant.socketHeaders,
        origin: 'http://evil.example',
      }),
    ).toBe(403);
    expect(
      await upgradeStatus(live.server.syncUrl, m.meetingId, { cookie: participant.cookie! }),
    ).toBe(403);
    expect(await upgradeStatus(live.server.syncUrl, m.meetingId, outsider.socketHeaders)).toBe(404);
    expect(
      await upgradeStatus(live.server.syncUrl, 'no-such-meeting', participant.socketHeaders),
    ).toBe(404);
    expect(await upgradeStatus(live.server.syncUrl, m.meetingId, participant.socketHeaders)).toBe(
      101,
    );
  });
});

describe('text edits and commands', () => {
  it('a participant types, the chair and the observer see it; a chair command reaches every socket', async () => {
    const p = connect(participant);
    const c = connect(chair);
    const o = connect(observer);
    await Promise.all([waitSynced(p), waitSynced(c), waitSynced(o)]);
    expect(readMeeting(o.doc).title).toBe('Human-rights dialogue');
    appendParagraph(p.doc, m.recId, 'Adopt a law on domestic violence');
    await waitFor(
      () => fragmentText(c.doc, m.recId) === 'Adopt a law on domestic violence',
      5000,
      'chair sees text',
    );
    await waitFor(
      () => fragmentText(o.doc, m.recId) === 'Adopt a law on domestic violence',
      5000,
      'observer sees text',
    );

    await chair.mustCommand(m.meetingId, {
      type: 'agenda.add',
      title: 'Combating violence against women',
    });
    await waitFor(
      () => readAgenda(p.doc).length === 2 && readAgenda(o.doc).length === 2,
      5000,
      'agenda reaches sockets',
    );
    // The observer only synced and received: it was never disconnected.
    expect(o.closes).toEqual([]);
  });

  it('many participants typing at once all converge', async () => {
    const writers = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const u = await signUpUser(live.server.url, `Writer${i}`, `Org ${i}`);
        await addMember(chair, m.meetingId, u, 'participant');
        return connect(u);
      }),
    );
    await Promise.all(writers.map((w) => waitSynced(w)));
    for (let round = 0; round < 10; round++) {
      writers.forEach((w, i) => appendParagraph(w.doc, m.recId, `w${i}-${round}`));
    }
    const expected = (d: Y.Doc): number =>
      fragmentText(d, m.recId)
        ?.split('\n')
        .filter((l) => /^w\d-\d+$/.test(l)).length ?? 0;
    await waitFor(
      () => writers.every((w) => expected(w.doc) === 50),
      10_000,
      'all 50 paragraphs everywhere',
    );
    const texts = writers.map((w) => fragmentText(w.doc, m.recId));
    expect(new Set(texts).size).toBe(1);
    for (const w of writers) expect(w.closes).toEqual([]);
  });
});

describe('refusals leave the document unchanged', () => {
  it('an observer edit closes its socket with 4403 and reaches no one', async () => {
    const c = connect(chair);
    const o = connect(observer);
    await Promise.all([waitSynced(c), waitSynced(o)]);
    const before = fragmentText(c.doc, m.recId);
    appendParagraph(o.doc, m.recId, 'observer was here');
    await waitFor(
      () => o.closes.some((e) => e.code === CloseCode.forbidden),
      5000,
      'observer closed 4403',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(fragmentText(c.doc, m.recId)).toBe(before);
    const late = connect(chair);
    await waitSynced(late);
    expect(fragmentText(late.doc, m.recId)).toBe(before);
    o.provider.shouldConnect = false;
  });

  const forbiddenEdits: Array<[string, (doc: Y.Doc) => void]> = [
    ['the meeting root', (d) => meetingRoots(d).meeting.set('title', 'hacked')],
    ['the agenda root', (d) => meetingRoots(d).agenda.push([new Y.Map()])],
    ['the queue root', (d) => meetingRoots(d).queue.push([new Y.Map()])],
    ['the recommendations root', (d) => meetingRoots(d).recommendations.delete(0, 1)],
    ['a nested control map', (d) => meetingRoots(d).agenda.get(0).set('title', 'renamed by hand')],
    ['a new texts entry', (d) => meetingRoots(d).texts.set('forged', new Y.XmlFragment())],
    ['deleting a texts entry', (d) => meetingRoots(d).texts.delete(m.recId)],
    ['a new root', (d) => d.getMap('extra').set('x', 1)],
  ];
  for (const [what, edit] of forbiddenEdits) {
    it(`refuses a participant's update to ${what} (4403), others unchanged`, async () => {
      const c = connect(chair);
      await waitSynced(c);
      const before = JSON.stringify(c.doc.toJSON());
      const update = craftedUpdate(c.doc, edit);
      const closed = await sendRaw(participant, updateFrame(update));
      expect(closed.code).toBe(CloseCode.forbidden);
      await new Promise((r) => setTimeout(r, 100));
      expect(JSON.stringify(c.doc.toJSON())).toBe(before);
    });
  }

  it('a non-canonically framed forbidden update is still decoded and refused', async () => {
    const c = connect(chair);
    await waitSynced(c);
    const before = readMeeting(c.doc).title;
    const update = craftedUpdate(c.doc, (d) => meetingRoots(d).meeting.set('title', 'hacked'));
    const e = encoding.createEncoder();
    // Message type 0 and subtype 2 written as two-byte varints (0x80 0x00, 0x82 0x00).
    encoding.writeUint8(e, 0x80);
    encoding.writeUint8(e, 0x00);
    encoding.writeUint8(e, 0x82);
    encoding.writeUint8(e, 0x00);
    encoding.writeVarUint8Array(e, update);
    const closed = await sendRaw(participant, encoding.toUint8Array(e));
    expect([CloseCode.forbidden, CloseCode.invalidPayload]).toContain(closed.code);
    await new Promise((r) => setTimeout(r, 100));
    expect(readMeeting(c.doc).title).toBe(before);
  });

  it('a truncated update is refused whole', async () => {
    const c = connect(chair);
    await waitSynced(c);
    const before = fragmentText(c.doc, m.recId);
    const update = craftedUpdate(c.doc, (d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('half of this')]);
      meetingRoots(d).texts.get(m.recId)!.push([p]);
    });
    const closed = await sendRaw(participant, updateFrame(update.subarray(0, update.length - 3)));
    expect([CloseCode.forbidden, CloseCode.invalidPayload]).toContain(closed.code);
    await new Promise((r) => setTimeout(r, 100));
    expect(fragmentText(c.doc, m.recId)).toBe(before);
  });
});

describe('client-id binding', () => {
  it('two users sending under one fresh client id at once: one is accepted, the other refused', async () => {
    const a = await signUpUser(live.server.url, 'ClaimA', 'Org A');
    const b = await signUpUser(live.server.url, 'ClaimB', 'Org B');
    await addMember(chair, m.meetingId, a, 'participant');
    await addMember(chair, m.meetingId, b, 'participant');
    const c = connect(chair);
    await waitSynced(c);
    const sharedId = 4_000_000_000;
    const forge = (text: string): Uint8Array =>
      craftedUpdate(c.doc, (d) => {
        d.clientID = sharedId;
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        meetingRoots(d).texts.get(m.recId)!.push([p]);
      });
    const rawA = await openRawSocket(live.server.syncUrl, m.meetingId, 'unused', a.socketHeaders);
    const rawB = await openRawSocket(live.server.syncUrl, m.meetingId, 'unused', b.socketHeaders);
    // Same tick: both frames are likely to land in one batch of the room's pipeline.
    rawA.send(updateFrame(forge('from A')));
    rawB.send(updateFrame(forge('from B')));
    const settle = (raw: typeof rawA): Promise<number> =>
      Promise.race([
        raw.closed.then((e) => e.code),
        new Promise<number>((r) => setTimeout(() => r(-1), 1500)),
      ]);
    const codes = await Promise.all([settle(rawA), settle(rawB)]);
    expect(codes.filter((code) => code === CloseCode.forbidden)).toHaveLength(1);
    const text = fragmentText(c.doc, m.recId) ?? '';
    expect(text.includes('from A') !== text.includes('from B')).toBe(true);
    rawA.ws.close();
    rawB.ws.close();
  });
});

describe('membership changes reach open sockets', () => {
  it('a participant demoted to observer becomes read-only at once', async () => {
    const u = await signUpUser(live.server.url, 'Demoted', 'Parliament', 'parliament');
    await addMember(chair, m.meetingId, u, 'participant');
    const s = connect(u);
    const c = connect(chair);
    await Promise.all([waitSynced(s), waitSynced(c)]);
    appendParagraph(s.doc, m.recId, 'still a participant');
    await waitFor(
      () => fragmentText(c.doc, m.recId)?.includes('still a participant') === true,
      5000,
      'edit accepted',
    );
    const res = await chair.call('PATCH', `/api/meetings/${m.meetingId}/members/${u.userId}`, {
      role: 'observer',
    });
    expect(res.status).toBe(200);
    appendParagraph(s.doc, m.recId, 'now an observer');
    await waitFor(
      () => s.closes.some((e) => e.code === CloseCode.forbidden),
      5000,
      'closed 4403 after demotion',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(fragmentText(c.doc, m.recId)).not.toContain('now an observer');
    s.provider.shouldConnect = false;
  });

  it("a removed member's socket closes with 4403 and its next HTTP call is refused", async () => {
    const u = await signUpUser(live.server.url, 'Removed', 'Ombudsman', 'nhri');
    await addMember(chair, m.meetingId, u, 'participant');
    const s = connect(u);
    await waitSynced(s);
    const res = await chair.call('DELETE', `/api/meetings/${m.meetingId}/members/${u.userId}`);
    expect(res.status).toBeLessThan(300);
    await waitFor(
      () => s.closes.some((e) => e.code === CloseCode.forbidden),
      5000,
      'closed 4403 after removal',
    );
    s.provider.shouldConnect = false;
    expect((await u.call('GET', `/api/meetings/${m.meetingId}`)).status).toBe(404);
    expect(await upgradeStatus(live.server.syncUrl, m.meetingId, u.socketHeaders)).toBe(404);
  });

  it("logout closes that session's sockets with 4401", async () => {
    const u = await signUpUser(live.server.url, 'Leaving', 'NGO Coalition', 'ngo');
    await addMember(chair, m.meetingId, u, 'participant');
    const s = connect(u);
    await waitSynced(s);
    const headers = u.socketHeaders;
    expect((await u.call('POST', '/api/auth/logout')).status).toBe(204);
    await waitFor(
      () => s.closes.some((e) => e.code === CloseCode.unauthorized),
      5000,
      'closed 4401 after logout',
    );
    s.provider.shouldConnect = false;
    expect(await upgradeStatus(live.server.syncUrl, m.meetingId, headers)).toBe(401);
  });
});

describe('closed meeting', () => {
  it('refuses text edits once closed, yet lets members sync', async () => {
    const m2 = await createMeetingWithText(chair, 'Closed session');
    await addMember(chair, m2.meetingId, participant, 'participant');
    await chair.mustCommand(m2.meetingId, { type: 'meeting.setStatus', status: 'live' });
    await chair.mustCommand(m2.meetingId, { type: 'meeting.setStatus', status: 'closed' });
    // The meetings list carries the status the commands set.
    const list = await participant.call<{ meetings: Array<{ id: string; status: string }> }>(
      'GET',
      '/api/meetings',
    );
    expect(list.body.meetings.find((x) => x.id === m2.meetingId)?.status).toBe('closed');
    const p = connect(participant, m2.meetingId);
    await waitSynced(p);
    await new Promise((r) => setTimeout(r, 100));
    expect(p.closes).toEqual([]);
    appendParagraph(p.doc, m2.recId, 'too late');
    await waitFor(() => p.closes.some((e) => e.code === CloseCode.forbidden), 5000, 'closed 4403');
    p.provider.shouldConnect = false;
  });
});
