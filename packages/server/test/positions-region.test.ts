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
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  meetingRoots,
  readPositions,
  readRecommendations,
  type Position,
} from '@kenes/shared';
import { waitFor, waitSynced, type TestClient } from '../src/test-support/clients.js';
import { encodeUpdate } from '../src/sync/protocol.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

const live = useLiveServer();
let chair: LiveUser;
let ministry: LiveUser;
let ngo: LiveUser;
let observer: LiveUser;
let m: LiveMeeting;

const connect = (user: LiveUser): TestClient => live.connect(user, m.meetingId);

/** The server's positions on the recommendation and its frozen record, read through a fresh client. */
function stored(): Promise<{ positions: Position[]; agreed: Position[] | undefined }> {
  return live.read(chair, m.meetingId, (doc) => ({
    positions: readPositions(doc, m.recId),
    agreed: readRecommendations(doc)[0]?.agreedPositions,
  }));
}

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  ministry = await signUpUser(
    live.server.url,
    'Minister',
    'Ministry of Internal Affairs',
    'government',
  );
  ngo = await signUpUser(live.server.url, 'Activist', 'Kadir-Kasiyet', 'ngo');
  observer = await signUpUser(live.server.url, 'Observer', 'UNDP', 'international');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, ministry, 'participant');
  await addMember(chair, m.meetingId, ngo, 'participant');
  await addMember(chair, m.meetingId, observer, 'observer');
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
      const closed = await live.sendRaw(
        ngo,
        m.meetingId,
        encodeUpdate(await live.memberUpdate(ngo, m.meetingId, attack)),
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
