/**
 * Positions and comments are written by the server alone (`positions` and
 * `comments` roots, and the positions frozen on an agreed recommendation). Real server, real guard,
 * real sockets: a participant's direct write there — changing its own
 * organisation's position, erasing another's, planting one, or forging the
 * agreed record — closes its socket 4403, the stored positions stay as the
 * commands left them, and another member's open client is neither closed nor
 * changed. The observer's raw `position.set` command is refused 403.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  meetingRoots,
  readPositions,
  readRecommendations,
  type Position,
} from '@kenes/shared';
import {
  connectClient,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { sendOneFrame } from '../src/test-support/rawSocket.js';
import { encodeUpdate } from '../src/sync/protocol.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

let server: TestServer;
let chair: LiveUser;
let ministry: LiveUser;
let ngo: LiveUser;
let observer: LiveUser;
let m: LiveMeeting;
const clients: TestClient[] = [];

function connect(user: LiveUser): TestClient {
  const c = connectClient(server.syncUrl, m.meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

/** The server's positions on the recommendation and its frozen record, read through a fresh client. */
async function stored(): Promise<{ positions: Position[]; agreed: Position[] | undefined }> {
  const probe = connect(chair);
  await waitSynced(probe);
  const state = {
    positions: readPositions(probe.doc, m.recId),
    agreed: readRecommendations(probe.doc)[0]?.agreedPositions,
  };
  probe.destroy();
  return state;
}

/** An update made by `edit` on a copy of the attacker's synced doc. */
async function attackerUpdate(user: LiveUser, edit: (doc: Y.Doc) => void): Promise<Uint8Array> {
  const probe = connect(user);
  await waitSynced(probe);
  const attack = new Y.Doc();
  Y.applyUpdate(attack, Y.encodeStateAsUpdate(probe.doc));
  probe.destroy();
  const sv = Y.encodeStateVector(attack);
  attack.transact(() => edit(attack));
  return Y.encodeStateAsUpdate(attack, sv);
}

beforeAll(async () => {
  server = await startTestServer({ security: 'real' });
  chair = await signUpUser(server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  ministry = await signUpUser(server.url, 'Minister', 'Ministry of Internal Affairs', 'government');
  ngo = await signUpUser(server.url, 'Activist', 'Kadir-Kasiyet', 'ngo');
  observer = await signUpUser(server.url, 'Observer', 'UNDP', 'international');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, ministry, 'participant');
  await addMember(chair, m.meetingId, ngo, 'participant');
  await addMember(chair, m.meetingId, observer, 'observer');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

describe('the positions region', () => {
  it('refuses every direct write 4403 and leaves the positions and other clients as they were', async () => {
    await ngo.mustCommand(m.meetingId, {
      type: 'position.set',
      recId: m.recId,
      kind: 'objects',
      text: 'The figure in paragraph 2 is wrong',
    });
    await ministry.mustCommand(m.meetingId, {
      type: 'position.set',
      recId: m.recId,
      kind: 'supports',
    });
    const before = await stored();
    expect(before.positions.map((p) => p.kind)).toEqual(['objects', 'supports']);
    const ngoKey = before.positions[0]!.key;
    const ministryKey = before.positions[1]!.key;

    const bystander = connect(chair);
    await waitSynced(bystander);
    const bystanderState = Y.encodeStateVector(bystander.doc);

    const attacks: Array<(doc: Y.Doc) => void> = [
      // Turn its own objection into support without a command (no record of who).
      (doc) => {
        const map = meetingRoots(doc).positions.get(m.recId)!;
        map.set(ngoKey, { ...(map.get(ngoKey) as Position), kind: 'supports', text: '' });
      },
      // Erase another organisation's position.
      (doc) => meetingRoots(doc).positions.get(m.recId)!.delete(ministryKey),
      // Plant positions for a recommendation (a whole new entry of the root).
      (doc) => meetingRoots(doc).positions.set('planted', new Y.Map()),
      // Forge the frozen record on the recommendation.
      (doc) => meetingRoots(doc).recommendations.get(0).set('agreedPositions', []),
      // Post a comment under someone else's name, bypassing the command.
      (doc) => meetingRoots(doc).comments.set('forged', new Y.Map()),
    ];
    for (const attack of attacks) {
      const closed = await sendOneFrame(
        server.syncUrl,
        m.meetingId,
        ngo.socketHeaders,
        encodeUpdate(await attackerUpdate(ngo, attack)),
      );
      expect(closed.code).toBe(CloseCode.forbidden);
    }

    expect(await stored()).toEqual(before);
    expect(bystander.closes).toEqual([]);
    expect(Y.encodeStateVector(bystander.doc)).toEqual(bystanderState);
    expect(readPositions(bystander.doc, m.recId)).toEqual(before.positions);

    // A command still works afterwards, and reaches the bystander live.
    await ngo.mustCommand(m.meetingId, {
      type: 'position.set',
      recId: m.recId,
      kind: 'reservation',
      text: 'Name the budget line',
    });
    await waitFor(
      () =>
        readPositions(bystander.doc, m.recId).find((p) => p.key === ngoKey)?.kind === 'reservation',
    );
  });

  it("refuses the observer's position.set 403", async () => {
    const res = await observer.call('POST', `/api/meetings/${m.meetingId}/commands`, {
      type: 'position.set',
      recId: m.recId,
      kind: 'supports',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });
});
