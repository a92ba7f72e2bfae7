/**
 * Endorsements cannot be forged (issue 15, finding 4), through the real HTTP
 * stack and a real socket: a member's organisation is the meeting's, fixed at
 * join and changed only by the chair; one person endorses for one
 * organisation; names are compared after Unicode normalisation and confusable
 * folding; the chair sees who endorsed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, readQueue, readRecommendations, type Endorsement } from '@kenes/shared';
import { waitFor, waitSynced } from '../src/test-support/clients.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

const live = useLiveServer({ security: 'real' }, 'test');
let chair: LiveUser;
let undp: LiveUser;

beforeAll(async () => {
  chair = await signUpUser(
    live.server.url,
    'Aida Chair',
    'Ministry of Foreign Affairs',
    'government',
  );
  undp = await signUpUser(live.server.url, 'Uma Observer', 'UNDP', 'international');
});

/** A fresh meeting with one recommendation, the UNDP member and `people` as participants. */
async function meetingWith(...people: LiveUser[]): Promise<LiveMeeting> {
  const m = await createMeetingWithText(chair);
  for (const p of [undp, ...people]) await addMember(chair, m.meetingId, p, 'participant');
  return m;
}

/** The endorsements of the meeting's first recommendation, read from a synced document. */
async function endorsementsOf(m: LiveMeeting, expected?: number): Promise<Endorsement[]> {
  const c = live.connect(chair, m.meetingId);
  await waitSynced(c);
  const read = () => readRecommendations(c.doc).find((r) => r.id === m.recId)?.endorsements ?? [];
  if (expected !== undefined) await waitFor(() => read().length === expected);
  return read();
}

const endorse = (u: LiveUser, m: LiveMeeting, recId = m.recId) =>
  u.command(m.meetingId, { type: 'rec.endorse', recId });

describe('endorsements', () => {
  it('a participant who changes the profile organisation between endorsements still endorses for one organisation', async () => {
    const p = await signUpUser(live.server.url, 'Dana NGO', 'Union of Crisis Centres', 'ngo');
    const m = await meetingWith(p);
    expect((await endorse(p, m)).status).toBe(200);
    for (const organisation of ['UNDP', 'OSCE', 'UN Women', 'OHCHR', 'Ministry of Justice']) {
      expect((await p.call('PATCH', '/api/me', { organisation })).status).toBe(200);
      const again = await endorse(p, m);
      expect(again.status).toBe(409);
    }
    // A second recommendation: the endorsement is for the meeting's organisation, not the profile's.
    const rec2 = await chair.mustCommand(m.meetingId, {
      type: 'rec.create',
      agendaItemId: m.itemId,
      title: 'Recommendation 2',
    });
    expect((await endorse(p, m, rec2.recId as string)).status).toBe(200);
    const ends = await endorsementsOf(m, 1);
    expect(ends.map((e) => e.organisation)).toEqual(['Union of Crisis Centres']);
    expect(ends[0]).toMatchObject({ userId: p.userId, name: 'Dana NGO', orgType: 'ngo' });
    // The member list and the queue show the meeting's organisation too.
    const members = await chair.call<{ members: Array<{ userId: string; organisation: string }> }>(
      'GET',
      `/api/meetings/${m.meetingId}/members`,
    );
    expect(members.body.members.find((x) => x.userId === p.userId)?.organisation).toBe(
      'Union of Crisis Centres',
    );
    // So does the meeting as the member sees it (the room's endorse button reads it).
    const mine = await p.call<{ meeting: { organisation: string; orgType: string } }>(
      'GET',
      `/api/meetings/${m.meetingId}`,
    );
    expect(mine.body.meeting).toMatchObject({
      organisation: 'Union of Crisis Centres',
      orgType: 'ngo',
    });
    // Awareness is stamped with the meeting's organisation too, whatever the client claims.
    const pc = live.connect(p, m.meetingId);
    const cc = live.connect(chair, m.meetingId);
    await Promise.all([waitSynced(pc), waitSynced(cc)]);
    pc.provider.awareness.setLocalState({
      user: { id: p.userId, name: 'Dana NGO', organisation: 'UNDP', orgType: 'international' },
    });
    const stamped = () =>
      (
        cc.provider.awareness.getStates().get(pc.doc.clientID) as
          { user?: { organisation?: string; orgType?: string } } | undefined
      )?.user;
    await waitFor(() => stamped() !== undefined);
    expect(stamped()).toMatchObject({ organisation: 'Union of Crisis Centres', orgType: 'ngo' });

    await chair.mustCommand(m.meetingId, { type: 'agenda.start', itemId: m.itemId });
    await p.mustCommand(m.meetingId, { type: 'queue.request', kind: 'speak' });
    const c = live.connect(chair, m.meetingId);
    await waitSynced(c);
    await waitFor(() => readQueue(c.doc).some((e) => e.userId === p.userId));
    expect(readQueue(c.doc).find((e) => e.userId === p.userId)?.organisation).toBe(
      'Union of Crisis Centres',
    );
  });

  it('"UNDP" with a zero-width space or a Cyrillic "Р" is UNDP: refused as a second UNDP endorsement', async () => {
    const zw = await signUpUser(live.server.url, 'Zed', 'UN\u200bDP', 'international');
    const cyr = await signUpUser(live.server.url, 'Cyril', 'UNDР', 'international');
    const spaced = await signUpUser(live.server.url, 'Spacey', ' undp ', 'international');
    const m = await meetingWith(zw, cyr, spaced);
    expect((await endorse(undp, m)).status).toBe(200);
    for (const u of [zw, cyr, spaced]) {
      const res = await endorse(u, m);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: ErrorCode.duplicate } });
    }
    const ends = await endorsementsOf(m, 1);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ userId: undp.userId, organisation: 'UNDP' });
  });

  it('claiming "undp" in the profile does not remove the real UNDP endorsement', async () => {
    const p = await signUpUser(live.server.url, 'Mallory', 'Women NGO Alliance', 'ngo');
    const m = await meetingWith(p);
    expect((await endorse(undp, m)).status).toBe(200);
    expect((await p.call('PATCH', '/api/me', { organisation: 'undp' })).status).toBe(200);
    const res = await p.command(m.meetingId, { type: 'rec.unendorse', recId: m.recId });
    expect(res.status).toBe(409);
    // Nor through lookalikes: still refused, still there.
    expect((await p.call('PATCH', '/api/me', { organisation: 'UNDР\u200b' })).status).toBe(200);
    expect((await p.command(m.meetingId, { type: 'rec.unendorse', recId: m.recId })).status).toBe(
      409,
    );
    const ends = await endorsementsOf(m, 1);
    expect(ends.map((e) => [e.organisation, e.userId])).toEqual([['UNDP', undp.userId]]);
  });

  it("only the chair changes a member's organisation, audited with old and new; endorsements then use it", async () => {
    const p = await signUpUser(live.server.url, 'Olzhas', 'Ombudsman Ofice', 'nhri');
    const m = await meetingWith(p);
    const path = `/api/meetings/${m.meetingId}/members/${p.userId}`;
    // Not the member themselves, nor another participant.
    for (const who of [p, undp]) {
      const res = await who.call('PATCH', path, { organisation: 'UNDP', orgType: 'international' });
      expect(res.status).toBe(403);
    }
    const changed = await chair.call<{ member: { organisation: string; orgType: string } }>(
      'PATCH',
      path,
      { organisation: 'Ombudsman Office', orgType: 'nhri' },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.member).toMatchObject({
      organisation: 'Ombudsman Office',
      orgType: 'nhri',
    });
    const audit = await chair.call<{ entries: Array<{ action: string; payload: string }> }>(
      'GET',
      `/api/meetings/${m.meetingId}/audit?action=member`,
    );
    const row = audit.body.entries.find((e) => e.action === 'member.setOrganisation');
    expect(row).toBeDefined();
    expect(JSON.parse(row!.payload)).toEqual({
      userId: p.userId,
      from: { organisation: 'Ombudsman Ofice', orgType: 'nhri' },
      to: { organisation: 'Ombudsman Office', orgType: 'nhri' },
    });
    expect((await endorse(p, m)).status).toBe(200);
    const ends = await endorsementsOf(m, 1);
    // The endorsement names who gave it: the chair's view shows it.
    expect(ends[0]).toMatchObject({
      organisation: 'Ombudsman Office',
      orgType: 'nhri',
      userId: p.userId,
      name: 'Olzhas',
    });
    // Role and organisation in one request; an empty body is refused.
    const both = await chair.call('PATCH', path, { role: 'observer' });
    expect(both.status).toBe(200);
    expect((await chair.call('PATCH', path, {})).status).toBe(400);
  });
});
