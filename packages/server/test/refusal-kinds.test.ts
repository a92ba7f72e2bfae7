/**
 * A refused write says what an honest client should do about it (issue 14
 * item 4, issue 15 "client-id stealing"): every guard refusal still closes
 * with 4403, so old clients stop as before, and its reason starts with a kind
 * — `write-refused` (drop the write, resync, stay read-only) or
 * `client-id-taken` (re-key and resend) — while lost membership carries no
 * kind and stays terminal. Real server, real guard, real sockets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, WriteRefusal, meetingRoots, readWriteRefusal } from '@kenes/shared';
import {
  appendParagraph,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveUser,
} from '../src/test-support/liveApi.js';
import { openRawSocket } from '../src/test-support/rawSocket.js';
import { encodeAwarenessUpdate } from '../src/sync/awareness.js';
import { encodeAwarenessFrame, encodeUpdate } from '../src/sync/protocol.js';

const live = useLiveServer();
let chair: LiveUser;
let participant: LiveUser;
let other: LiveUser;

const connect = (user: LiveUser, meetingId: string): TestClient => live.connect(user, meetingId);

/** The user id stamped on the awareness state `c` holds for `clientId`, if any. */
function announcedBy(c: TestClient, clientId: number): string | undefined {
  const state = c.provider.awareness.getStates().get(clientId) as
    { user?: { id?: string } } | undefined;
  return state?.user?.id;
}

async function firstClose(c: TestClient): Promise<{ code: number; reason: string }> {
  await waitFor(() => c.closes.length > 0, 5000, 'socket closed');
  c.provider.shouldConnect = false;
  return c.closes[0]!;
}

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  participant = await signUpUser(live.server.url, 'Participant', 'Women of the Steppe', 'ngo');
  other = await signUpUser(live.server.url, 'Other', 'Union of Crisis Centres', 'ngo');
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

  it('raw frames a hostile member sends close with the exact reasons the guard’s codes give', async () => {
    const m = await createMeetingWithText(chair, 'Raw frames');
    await addMember(chair, m.meetingId, participant, 'participant');
    const p = connect(participant, m.meetingId);
    await waitSynced(p);
    /** The update of `edit` on a copy of the synced doc (the member's own socket stays open). */
    const updateOf = (edit: (doc: Y.Doc) => void): Uint8Array => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(p.doc));
      const before = Y.encodeStateVector(copy);
      copy.transact(() => edit(copy));
      return Y.encodeStateAsUpdate(copy, before);
    };
    const titleKey = [...meetingRoots(p.doc).meeting.keys()][0]!;
    const cases: Array<[Uint8Array, string]> = [
      [
        updateOf((d) => meetingRoots(d).agenda.push([new Y.Map()])),
        "write-refused: writes control root 'agenda'",
      ],
      [
        updateOf((d) => meetingRoots(d).meeting.delete(titleKey)),
        "write-refused: deletion writes control root 'meeting'",
      ],
      [Uint8Array.from([0, 0, 99]), 'write-refused: malformed update: trailing bytes'],
    ];
    for (const [update, reason] of cases) {
      const closed = await live.sendRaw(participant, m.meetingId, encodeUpdate(update));
      expect(closed).toEqual({ code: CloseCode.forbidden, reason });
    }
    expect(p.closes).toEqual([]);
  });

  it('a write under a client id bound to another user closes 4403 "client-id-taken: …"', async () => {
    const m = await createMeetingWithText(chair, 'Clash');
    await addMember(chair, m.meetingId, participant, 'participant');
    await addMember(chair, m.meetingId, other, 'participant');
    const thief = connect(other, m.meetingId);
    const victim = connect(participant, m.meetingId);
    const watcher = connect(chair, m.meetingId);
    await Promise.all([waitSynced(thief), waitSynced(victim), waitSynced(watcher)]);
    // The victim goes quiet (offline), the thief writes under its id first:
    // once the server closed the victim's socket, its awareness claim is gone.
    victim.provider.disconnect();
    const stolen = victim.doc.clientID;
    await waitFor(
      () => live.server.kenes.rooms.roomOf(m.meetingId)?.awareness.claimant(stolen) === undefined,
      5000,
      'victim’s socket closed',
    );
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

  it('a write under a client id another member announced in awareness closes 4403 "client-id-taken: …"; the announcer then writes under it', async () => {
    const m = await createMeetingWithText(chair, 'Announced');
    await addMember(chair, m.meetingId, participant, 'participant');
    await addMember(chair, m.meetingId, other, 'participant');
    const watcher = connect(chair, m.meetingId);
    const victim = connect(participant, m.meetingId);
    await Promise.all([waitSynced(watcher), waitSynced(victim)]);
    // The victim announces its state (as the app does on opening a room), before it writes anything.
    victim.provider.awareness.setLocalStateField('cursor', null);
    const id = victim.doc.clientID;
    await waitFor(() => announcedBy(watcher, id) === participant.userId, 5000, 'victim announced');
    const thief = connect(other, m.meetingId);
    await waitSynced(thief);
    thief.doc.clientID = id;
    appendParagraph(thief.doc, m.recId, 'stolen');
    const closed = await firstClose(thief);
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(/^client-id-taken: client id \d+ belongs to another user$/);
    expect(readWriteRefusal(closed.code, closed.reason)).toBe(WriteRefusal.clientIdTaken);

    appendParagraph(victim.doc, m.recId, 'the victim’s own words');
    await waitFor(
      () => fragmentText(watcher.doc, m.recId)?.includes('the victim’s own words') === true,
      5000,
      'victim accepted',
    );
    expect(fragmentText(watcher.doc, m.recId)).not.toContain('stolen');
    expect(victim.closes).toEqual([]);
    const bindings = await live.server.store.docs.loadBindings(m.meetingId);
    expect(bindings.find((b) => b.clientId === id)?.userId).toBe(participant.userId);
  });

  it('an awareness state announced under another member’s client id is not relayed', async () => {
    const m = await createMeetingWithText(chair, 'Forged presence');
    await addMember(chair, m.meetingId, participant, 'participant');
    await addMember(chair, m.meetingId, other, 'participant');
    const watcher = connect(chair, m.meetingId);
    const victim = connect(participant, m.meetingId);
    await Promise.all([waitSynced(watcher), waitSynced(victim)]);
    const announced = victim.doc.clientID;
    victim.provider.awareness.setLocalStateField('cursor', null);
    await waitFor(() => announcedBy(watcher, announced) === participant.userId, 5000);
    // An id bound by a write and never announced (the provider announces its first id only).
    const bound = (announced + 1) % 2 ** 31;
    victim.doc.clientID = bound;
    appendParagraph(victim.doc, m.recId, 'bound');
    await waitFor(() => fragmentText(watcher.doc, m.recId)?.includes('bound') === true, 5000);
    victim.doc.clientID = announced; // the provider's teardown announces under doc.clientID
    expect(
      (await live.server.store.docs.loadBindings(m.meetingId)).find((b) => b.clientId === bound)
        ?.userId,
    ).toBe(participant.userId);

    const hostile = await openRawSocket(live.server.syncUrl, m.meetingId, 'x', other.socketHeaders);
    const fresh = (announced + 2) % 2 ** 31;
    hostile.send(
      encodeAwarenessFrame(
        encodeAwarenessUpdate([
          { clientId: bound, clock: 1, state: {} },
          { clientId: announced, clock: 1000, state: {} },
          { clientId: fresh, clock: 1, state: {} },
        ]),
      ),
    );
    // The fresh id is the hostile member's: once it is relayed, the others were judged.
    await waitFor(() => announcedBy(watcher, fresh) === other.userId, 5000, 'fresh id relayed');
    expect(watcher.provider.awareness.getStates().has(bound)).toBe(false);
    expect(announcedBy(watcher, announced)).toBe(participant.userId);
    hostile.ws.close();
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
