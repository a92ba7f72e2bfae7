/**
 * Issue 17: the speaking rules (times per kind, the open list, time budgets)
 * live in the `meeting` root, written by the server alone through
 * `meeting.queueSettings`, which only a chair may send. On a real server with
 * real sign-ups and sockets: a participant's raw Yjs frame that writes them,
 * or a pre-inscription's queue entry, is refused whole (4403) and nothing
 * changes; the same participant's command is refused 403.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  meetingRoots,
  readMeeting,
  readQueue,
  type MeetingInfo,
  type QueueEntry,
} from '@kenes/shared';
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
let ngo: LiveUser;
let m: LiveMeeting;
let laterItemId: string;

/** The server's rules and queue, read through a fresh client (what a newcomer gets). */
function stored(): Promise<{ meeting: MeetingInfo; queue: QueueEntry[] }> {
  return live.read(chair, m.meetingId, (doc) => ({
    meeting: readMeeting(doc),
    queue: readQueue(doc),
  }));
}

/** Sends, as the participant, the update `edit` makes on a copy of its synced doc. */
async function sendParticipantEdit(
  edit: (doc: Y.Doc) => void,
): Promise<{ code: number; reason: string }> {
  const update = await live.memberUpdate(ngo, m.meetingId, edit);
  return live.sendRaw(ngo, m.meetingId, encodeUpdate(update));
}

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  ngo = await signUpUser(live.server.url, 'Activist', 'Union of Crisis Centres', 'ngo');
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
    const closed = await sendParticipantEdit(edit);
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(await stored()).toEqual(before);
    expect(before.meeting.budgets).toEqual([{ scope: 'orgType', target: 'ngo', seconds: 300 }]);
  });

  it('a raw frame adding a pre-inscription to the queue is refused; the command path is the way', async () => {
    const before = await stored();
    const closed = await sendParticipantEdit((d) => {
      const entry = new Y.Map<unknown>();
      entry.set('id', 'forged');
      entry.set('agendaItemId', laterItemId);
      entry.set('status', 'waiting');
      meetingRoots(d).queue.push([entry]);
    });
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
