/**
 * Issue 17: the speaking rules (times per kind, the open list, time budgets)
 * live in the `meeting` root, written by the server alone through
 * `meeting.queueSettings`, which only a chair may send. On a real server with
 * real sign-ups and sockets: a participant's raw Yjs frame that writes them,
 * or a pre-inscription's queue entry, is refused whole (4403) and nothing
 * changes; the same participant's command is refused 403.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  meetingRoots,
  readMeeting,
  readQueue,
  type MeetingInfo,
  type QueueEntry,
} from '@kenes/shared';
import { connectClient, waitSynced, type TestClient } from '../src/test-support/clients.js';
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
let ngo: LiveUser;
let m: LiveMeeting;
let laterItemId: string;
const clients: TestClient[] = [];

function connect(user: LiveUser): TestClient {
  const c = connectClient(server.syncUrl, m.meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

/** The server's rules and queue, read through a fresh client (what a newcomer gets). */
async function stored(): Promise<{ meeting: MeetingInfo; queue: QueueEntry[] }> {
  const probe = connect(chair);
  await waitSynced(probe);
  const state = { meeting: readMeeting(probe.doc), queue: readQueue(probe.doc) };
  probe.destroy();
  return state;
}

/** An update made by `edit` on a copy of the participant's synced doc. */
async function participantUpdate(edit: (doc: Y.Doc) => void): Promise<Uint8Array> {
  const probe = connect(ngo);
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
  ngo = await signUpUser(server.url, 'Activist', 'Union of Crisis Centres', 'ngo');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, ngo, 'participant');
  const added = await chair.mustCommand(m.meetingId, { type: 'agenda.add', title: 'Later item' });
  laterItemId = String(added.itemId);
  await chair.mustCommand(m.meetingId, {
    type: 'meeting.queueSettings',
    listOpen: false,
    speakingSeconds: { speak: 120, reply: 60, point_of_order: 60 },
    budgets: [{ scope: 'orgType', target: 'ngo', seconds: 300 }],
  });
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

describe('the speaking rules against a participant', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['a bigger budget', (d) => meetingRoots(d).meeting.set('budgets', [])],
    [
      'longer turns',
      (d) =>
        meetingRoots(d).meeting.set('speakingSeconds', {
          speak: 3600,
          reply: 3600,
          point_of_order: 3600,
        }),
    ],
    ['an open list', (d) => meetingRoots(d).meeting.set('listOpen', true)],
    ['the rules deleted', (d) => meetingRoots(d).meeting.delete('budgets')],
  ])('a raw frame writing %s is refused 4403 and changes nothing', async (_name, edit) => {
    const before = await stored();
    const closed = await sendOneFrame(
      server.syncUrl,
      m.meetingId,
      ngo.socketHeaders,
      encodeUpdate(await participantUpdate(edit)),
    );
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(await stored()).toEqual(before);
    expect(before.meeting.budgets).toEqual([{ scope: 'orgType', target: 'ngo', seconds: 300 }]);
  });

  it('a raw frame adding a pre-inscription to the queue is refused; the command path is the way', async () => {
    const before = await stored();
    const closed = await sendOneFrame(
      server.syncUrl,
      m.meetingId,
      ngo.socketHeaders,
      encodeUpdate(
        await participantUpdate((d) => {
          const entry = new Y.Map<unknown>();
          entry.set('id', 'forged');
          entry.set('agendaItemId', laterItemId);
          entry.set('status', 'waiting');
          meetingRoots(d).queue.push([entry]);
        }),
      ),
    );
    expect(closed.code).toBe(CloseCode.forbidden);
    expect((await stored()).queue).toEqual(before.queue);
  });

  it('the command is the chair’s: a participant’s is refused 403', async () => {
    const res = await ngo.command(m.meetingId, {
      type: 'meeting.queueSettings',
      budgets: [],
    });
    expect(res.status).toBe(403);
    expect((await stored()).meeting.budgets).toHaveLength(1);
  });
});
