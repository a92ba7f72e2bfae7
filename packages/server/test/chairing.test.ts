/**
 * Chairing over real HTTP on a real server (SQLite file, real sessions and
 * membership): a command that names what its sender saw is refused 409
 * `stale` once that changed, so two chairs (or a double click) never skip a
 * speaker; a removal's audit row names what went by title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveUser,
} from '../src/test-support/liveApi.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ security: 'real' });
});
afterAll(async () => {
  await server.stop();
});

interface Setup {
  chair: LiveUser;
  cochair: LiveUser;
  meetingId: string;
  itemId: string;
  recId: string;
  waiting: string[];
}

/** A live meeting with an item under discussion, two chairs and three people waiting. */
async function threeWaiting(): Promise<Setup> {
  const chair = await signUpUser(server.url, 'Chair', 'MFA', 'government');
  const cochair = await signUpUser(server.url, 'Cochair', 'MFA', 'government');
  const { meetingId, itemId, recId } = await createMeetingWithText(chair);
  await addMember(chair, meetingId, cochair, 'chair');
  await chair.mustCommand(meetingId, { type: 'meeting.setStatus', status: 'live' });
  await chair.mustCommand(meetingId, { type: 'agenda.start', itemId });
  const waiting: string[] = [];
  for (const name of ['Dana', 'Erlan', 'Farida']) {
    const p = await signUpUser(server.url, name);
    await addMember(chair, meetingId, p, 'participant');
    const r = await p.mustCommand(meetingId, { type: 'queue.request', kind: 'speak' });
    waiting.push(r.entryId as string);
  }
  return { chair, cochair, meetingId, itemId, recId, waiting };
}

describe('POST /api/meetings/:id/commands — stale views', () => {
  it('two chairs giving the floor to the next at once: one 200, one 409 stale; nobody skipped', async () => {
    const { chair, cochair, meetingId, waiting } = await threeWaiting();
    const seen = { type: 'queue.grant', entryId: waiting[0], speakingEntryId: null };
    const answers = await Promise.all([
      chair.command(meetingId, seen),
      cochair.command(meetingId, seen),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409);
    expect(refused?.body).toMatchObject({ error: { code: 'stale' } });
    // The same command again (a double click): stale too.
    expect((await chair.command(meetingId, seen)).status).toBe(409);
    // Ending a turn that is no longer the current one: stale.
    await chair.mustCommand(meetingId, {
      type: 'queue.grant',
      entryId: waiting[1],
      speakingEntryId: waiting[0],
    });
    const finish = await cochair.command(meetingId, { type: 'queue.finish', entryId: waiting[0] });
    expect(finish).toMatchObject({ status: 409, body: { error: { code: 'stale' } } });
  });

  it('completing an item while someone speaks: 409 confirmation_required, then done with endCurrentTurn', async () => {
    const { chair, meetingId, itemId, waiting } = await threeWaiting();
    await chair.mustCommand(meetingId, { type: 'queue.grant', entryId: waiting[0] });
    const refused = await chair.command(meetingId, { type: 'agenda.complete', itemId });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'confirmation_required' } },
    });
    expect(
      (
        await chair.command(meetingId, {
          type: 'agenda.complete',
          itemId,
          endCurrentTurn: true,
          waitingRequests: 'end',
        })
      ).status,
    ).toBe(200);
  });

  it('the audit row of a removal names the recommendation by title; the chair restores it', async () => {
    const { chair, meetingId, recId } = await threeWaiting();
    await chair.mustCommand(meetingId, { type: 'rec.remove', recId });
    const log = await chair.call<{ entries: Array<{ action: string; payload: string }> }>(
      'GET',
      `/api/meetings/${meetingId}/audit?action=rec.remove`,
    );
    expect(log.status).toBe(200);
    expect(JSON.parse(log.body.entries[0]?.payload ?? '{}')).toMatchObject({
      recId,
      title: 'Recommendation 1',
    });
    const restored = await chair.mustCommand(meetingId, { type: 'rec.restore', recId });
    expect(restored).toMatchObject({ ok: true, recId, title: 'Recommendation 1' });
  });
});
