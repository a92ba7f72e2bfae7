/**
 * A refused write says what an honest client should do about it (issue 14
 * item 4, issue 15 "client-id stealing"): every guard refusal still closes
 * with 4403, so old clients stop as before, and its reason starts with a kind
 * — `write-refused` (drop the write, resync, stay read-only) or
 * `client-id-taken` (re-key and resend) — while lost membership carries no
 * kind and stays terminal. Real server, real guard, real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, WriteRefusal, readWriteRefusal } from '@kenes/shared';
import {
  appendParagraph,
  connectClient,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveUser,
} from '../src/test-support/liveApi.js';

let server: TestServer;
let chair: LiveUser;
let participant: LiveUser;
let other: LiveUser;
const clients: TestClient[] = [];

function connect(user: LiveUser, meetingId: string): TestClient {
  const c = connectClient(server.syncUrl, meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

async function firstClose(c: TestClient): Promise<{ code: number; reason: string }> {
  await waitFor(() => c.closes.length > 0, 5000, 'socket closed');
  c.provider.shouldConnect = false;
  return c.closes[0]!;
}

beforeAll(async () => {
  server = await startTestServer({ security: 'real' });
  chair = await signUpUser(server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  participant = await signUpUser(server.url, 'Participant', 'Women of the Steppe', 'ngo');
  other = await signUpUser(server.url, 'Other', 'Union of Crisis Centres', 'ngo');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

describe('refusal kinds', () => {
  it('a write into a closed meeting closes 4403 "write-refused: …"', async () => {
    const m = await createMeetingWithText(chair, 'Closed');
    await addMember(chair, m.meetingId, participant, 'participant');
    await chair.mustCommand(m.meetingId, { type: 'meeting.setStatus', status: 'live' });
    await chair.mustCommand(m.meetingId, { type: 'meeting.setStatus', status: 'closed' });
    const p = connect(participant, m.meetingId);
    await waitSynced(p);
    appendParagraph(p.doc, m.recId, 'too late');
    const closed = await firstClose(p);
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toBe('write-refused: meeting is closed');
    expect(readWriteRefusal(closed.code, closed.reason)).toBe(WriteRefusal.refused);
  });

  it('an observer’s write closes 4403 "write-refused: …"', async () => {
    const m = await createMeetingWithText(chair, 'Observed');
    await addMember(chair, m.meetingId, participant, 'observer');
    const o = connect(participant, m.meetingId);
    await waitSynced(o);
    appendParagraph(o.doc, m.recId, 'observer writes');
    const closed = await firstClose(o);
    expect(readWriteRefusal(closed.code, closed.reason)).toBe(WriteRefusal.refused);
  });

  it('a write under a client id bound to another user closes 4403 "client-id-taken: …"', async () => {
    const m = await createMeetingWithText(chair, 'Clash');
    await addMember(chair, m.meetingId, participant, 'participant');
    await addMember(chair, m.meetingId, other, 'participant');
    const thief = connect(other, m.meetingId);
    const victim = connect(participant, m.meetingId);
    const watcher = connect(chair, m.meetingId);
    await Promise.all([waitSynced(thief), waitSynced(victim), waitSynced(watcher)]);
    // The victim goes quiet (offline), the thief writes under its id first.
    victim.provider.disconnect();
    const stolen = victim.doc.clientID;
    thief.doc.clientID = stolen;
    appendParagraph(thief.doc, m.recId, 'x');
    await waitFor(
      () => fragmentText(watcher.doc, m.recId)?.includes('x') === true,
      5000,
      'thief accepted',
    );
    // More structs than the thief's, so the victim's sync step 2 carries new ones.
    appendParagraph(victim.doc, m.recId, 'the victim’s offline paragraph');
    victim.provider.connect();
    const closed = await firstClose(victim);
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(/^client-id-taken: client id \d+ belongs to another user$/);
    expect(readWriteRefusal(closed.code, closed.reason)).toBe(WriteRefusal.clientIdTaken);
  });

  it('a removed member’s 4403 carries no kind: it stays terminal', async () => {
    const m = await createMeetingWithText(chair, 'Removal');
    await addMember(chair, m.meetingId, participant, 'participant');
    const p = connect(participant, m.meetingId);
    await waitSynced(p);
    const res = await chair.call(
      'DELETE',
      `/api/meetings/${m.meetingId}/members/${participant.userId}`,
    );
    expect(res.status).toBeLessThan(300);
    const closed = await firstClose(p);
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(readWriteRefusal(closed.code, closed.reason)).toBeNull();
  });
});
