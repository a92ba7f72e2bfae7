import { describe, expect, it } from 'vitest';
import { readQueue, speakingElapsedMs, type QueueEntry } from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice, bob, carol, olga } = people;

/** Names of the waiting entries of the current item, in order, with their kinds. */
function waitingLine(h: CommandHarness, itemId: string | null): string[] {
  return readQueue(h.doc)
    .filter((e) => e.status === 'waiting' && e.agendaItemId === itemId)
    .map((e) => `${e.name}:${e.kind}`);
}

function entry(h: CommandHarness, id: string | undefined): QueueEntry {
  const e = readQueue(h.doc).find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
}

describe('queue.request', () => {
  it('records identity from the actor and the meeting default limit', () => {
    const { h, itemId } = CommandHarness.live();
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    expect(entry(h, entryId)).toEqual({
      id: entryId,
      agendaItemId: itemId,
      userId: alice.userId,
      name: alice.name,
      organisation: alice.organisation,
      orgType: alice.orgType,
      kind: 'speak',
      status: 'waiting',
      requestedAt: h.now,
      grantedAt: null,
      endedAt: null,
      limitSeconds: 180,
      elapsedMs: 0,
      runningSince: null,
      pausedAt: null,
    });
  });

  it('orders points of order, then replies, then plain requests, each first come first served', () => {
    const { h, itemId } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(bob, { type: 'queue.request', kind: 'reply' });
    h.ok(carol, { type: 'queue.request', kind: 'speak' });
    h.ok(alice, { type: 'queue.request', kind: 'point_of_order' });
    h.ok(carol, { type: 'queue.request', kind: 'reply' });
    h.ok(bob, { type: 'queue.request', kind: 'point_of_order' });
    expect(waitingLine(h, itemId)).toEqual([
      'Alice:point_of_order',
      'Bob:point_of_order',
      'Bob:reply',
      'Carol:reply',
      'Alice:speak',
      'Carol:speak',
    ]);
  });

  it('refuses a second waiting request of the same kind (409 duplicate), allows another kind', () => {
    const { h } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    expect(h.run(alice, { type: 'queue.request', kind: 'speak' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'duplicate',
    });
    expect(h.run(alice, { type: 'queue.request', kind: 'reply' }).ok).toBe(true);
  });

  it('allows a new request once the earlier one ended', () => {
    const { h } = CommandHarness.live();
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(alice, { type: 'queue.withdraw', entryId: entryId ?? '' });
    expect(h.run(alice, { type: 'queue.request', kind: 'speak' }).ok).toBe(true);
  });

  it('on a closed list takes only points of order and the chair’s additions', () => {
    const { h, itemId } = CommandHarness.live();
    h.ok(chair, { type: 'meeting.queueSettings', listOpen: false });
    expect(h.run(alice, { type: 'queue.request', kind: 'speak' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'list_closed',
    });
    expect(h.run(alice, { type: 'queue.request', kind: 'reply' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'list_closed',
    });
    h.ok(alice, { type: 'queue.request', kind: 'point_of_order' });
    h.ok(chair, {
      type: 'queue.addSpeaker',
      name: 'Guest',
      organisation: 'Parliament',
      orgType: 'parliament',
    });
    expect(waitingLine(h, itemId)).toEqual(['Alice:point_of_order', 'Guest:speak']);
  });

  it('is refused to an observer', () => {
    const { h } = CommandHarness.live();
    expect(h.run(olga, { type: 'queue.request', kind: 'speak' })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe('queue.addSpeaker', () => {
  it('adds an in-room speaker without an account, in its kind’s band', () => {
    const { h, itemId } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    const { entryId } = h.ok(chair, {
      type: 'queue.addSpeaker',
      name: 'Deputy',
      organisation: 'Parliament',
      orgType: 'parliament',
      kind: 'reply',
    });
    expect(entry(h, entryId)).toMatchObject({
      userId: null,
      name: 'Deputy',
      organisation: 'Parliament',
      orgType: 'parliament',
    });
    expect(waitingLine(h, itemId)).toEqual(['Deputy:reply', 'Alice:speak']);
  });
});

describe('queue.withdraw', () => {
  it('withdraws one’s own waiting request', () => {
    const { h } = CommandHarness.live();
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(alice, { type: 'queue.withdraw', entryId: entryId ?? '' });
    expect(entry(h, entryId)).toMatchObject({ status: 'withdrawn', endedAt: h.now });
  });

  it('refuses someone else’s request (403), even to a chair, and unknown ids (404)', () => {
    const { h } = CommandHarness.live();
    const { entryId = '' } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    expect(h.run(bob, { type: 'queue.withdraw', entryId })).toMatchObject({
      ok: false,
      status: 403,
      code: 'forbidden',
    });
    expect(h.run(chair, { type: 'queue.withdraw', entryId })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(h.run(alice, { type: 'queue.withdraw', entryId: 'nope' })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('refuses a request no longer waiting (409)', () => {
    const { h } = CommandHarness.live();
    const { entryId = '' } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    expect(h.run(alice, { type: 'queue.withdraw', entryId })).toMatchObject({
      ok: false,
      status: 409,
      code: 'invalid_state',
    });
  });
});

describe('queue.grant and queue.finish', () => {
  it('grants the next in line and finishes the current speaker', () => {
    const { h } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId;
    const b = h.ok(bob, { type: 'queue.request', kind: 'speak' }).entryId;
    expect(h.ok(chair, { type: 'queue.grant' }).entryId).toBe(a);
    const grantedA = h.now;
    expect(entry(h, a)).toMatchObject({
      status: 'speaking',
      grantedAt: grantedA,
      runningSince: grantedA,
      elapsedMs: 0,
    });
    h.tick(30_000);
    expect(h.ok(chair, { type: 'queue.grant' }).entryId).toBe(b);
    expect(entry(h, a)).toMatchObject({
      status: 'done',
      endedAt: h.now,
      elapsedMs: h.now - grantedA,
      runningSince: null,
    });
    expect(readQueue(h.doc).filter((e) => e.status === 'speaking')).toHaveLength(1);
  });

  it('grants a chosen entry out of order', () => {
    const { h, itemId } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    const b = h.ok(bob, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    h.ok(chair, { type: 'queue.grant', entryId: b });
    expect(entry(h, b).status).toBe('speaking');
    expect(waitingLine(h, itemId)).toEqual(['Alice:speak']);
  });

  it('refuses a grant with no one waiting (409), an unknown entry (404), an ended one (409)', () => {
    const { h } = CommandHarness.live();
    expect(h.run(chair, { type: 'queue.grant' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'invalid_state',
    });
    expect(h.run(chair, { type: 'queue.grant', entryId: 'nope' })).toMatchObject({
      ok: false,
      status: 404,
    });
    const { entryId = '' } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(alice, { type: 'queue.withdraw', entryId });
    expect(h.run(chair, { type: 'queue.grant', entryId })).toMatchObject({
      ok: false,
      status: 409,
    });
  });

  it('refuses to grant a request of another agenda item (its list waits for that item)', () => {
    const { h } = CommandHarness.live();
    const { entryId = '' } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    const next = h.ok(chair, { type: 'agenda.add', title: 'Violence against women' }).itemId ?? '';
    h.ok(chair, { type: 'agenda.start', itemId: next });
    expect(h.run(chair, { type: 'queue.grant', entryId })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(h.run(chair, { type: 'queue.grant' })).toMatchObject({ ok: false, status: 409 });
  });

  it('finishes the speaker with the time spoken; refuses when no one speaks', () => {
    const { h } = CommandHarness.live();
    expect(h.run(chair, { type: 'queue.finish' })).toMatchObject({ ok: false, status: 409 });
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    const granted = h.now;
    h.tick(200_000);
    h.ok(chair, { type: 'queue.finish' });
    expect(entry(h, entryId)).toMatchObject({
      status: 'done',
      endedAt: h.now,
      elapsedMs: h.now - granted,
    });
  });

  it('gives the default speaking time in force at the grant', () => {
    const { h } = CommandHarness.live();
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'meeting.queueSettings', defaultSpeakingSeconds: 120 });
    h.ok(chair, { type: 'queue.grant' });
    expect(entry(h, entryId).limitSeconds).toBe(120);
  });
});

describe('queue.move and queue.remove', () => {
  it('reorders within a band and clamps moves across bands', () => {
    const { h, itemId } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(bob, { type: 'queue.request', kind: 'speak' });
    const c = h.ok(carol, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    h.ok(alice, { type: 'queue.request', kind: 'point_of_order' });
    h.ok(chair, { type: 'queue.move', entryId: c, toIndex: 1 });
    expect(waitingLine(h, itemId)).toEqual([
      'Alice:point_of_order',
      'Carol:speak',
      'Alice:speak',
      'Bob:speak',
    ]);
    // Asking for the very front puts a plain request at the front of its band only.
    h.ok(chair, { type: 'queue.move', entryId: c, toIndex: 0 });
    expect(waitingLine(h, itemId)).toEqual([
      'Alice:point_of_order',
      'Carol:speak',
      'Alice:speak',
      'Bob:speak',
    ]);
    h.ok(chair, { type: 'queue.move', entryId: c, toIndex: 99 });
    expect(waitingLine(h, itemId)).toEqual([
      'Alice:point_of_order',
      'Alice:speak',
      'Bob:speak',
      'Carol:speak',
    ]);
    expect(readQueue(h.doc)).toHaveLength(4);
  });

  it('keeps every field of a moved entry', () => {
    const { h } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId;
    h.ok(bob, { type: 'queue.request', kind: 'speak' });
    const before = entry(h, a);
    h.ok(chair, { type: 'queue.move', entryId: a ?? '', toIndex: 1 });
    expect(entry(h, a)).toEqual(before);
  });

  it('refuses to move an entry that is not waiting', () => {
    const { h } = CommandHarness.live();
    const { entryId = '' } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    expect(h.run(chair, { type: 'queue.move', entryId, toIndex: 0 })).toMatchObject({
      ok: false,
      status: 409,
    });
  });

  it('removes a waiting or speaking entry, keeping it as the record', () => {
    const { h } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    const b = h.ok(bob, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    h.ok(chair, { type: 'queue.remove', entryId: b });
    h.ok(chair, { type: 'queue.grant' });
    h.tick(5000);
    h.ok(chair, { type: 'queue.remove', entryId: a });
    expect(entry(h, a)).toMatchObject({ status: 'removed', endedAt: h.now, elapsedMs: 6000 });
    expect(entry(h, b)).toMatchObject({ status: 'removed' });
    expect(h.run(chair, { type: 'queue.remove', entryId: b })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(h.run(alice, { type: 'queue.remove', entryId: a })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe('queue.timer', () => {
  it('pauses, resumes and extends; overtime is allowed', () => {
    const { h } = CommandHarness.live();
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    const granted = h.now;
    h.tick(9000);
    h.ok(chair, { type: 'queue.timer', action: 'pause' });
    const paused = h.now;
    expect(entry(h, entryId)).toMatchObject({
      elapsedMs: paused - granted,
      runningSince: null,
      pausedAt: paused,
    });
    expect(h.run(chair, { type: 'queue.timer', action: 'pause' })).toMatchObject({
      ok: false,
      status: 409,
    });
    h.tick(60_000);
    expect(speakingElapsedMs(entry(h, entryId), h.now)).toBe(paused - granted);
    h.ok(chair, { type: 'queue.timer', action: 'resume' });
    const resumed = h.now;
    expect(entry(h, entryId)).toMatchObject({ runningSince: resumed, pausedAt: null });
    expect(h.run(chair, { type: 'queue.timer', action: 'resume' })).toMatchObject({
      ok: false,
      status: 409,
    });
    h.ok(chair, { type: 'queue.timer', action: 'extend', seconds: 60 });
    expect(entry(h, entryId).limitSeconds).toBe(240);
    h.tick(600_000);
    h.ok(chair, { type: 'queue.finish' });
    const done = entry(h, entryId);
    expect(done.elapsedMs).toBe(paused - granted + (h.now - resumed));
    expect(done.elapsedMs).toBeGreaterThan(done.limitSeconds * 1000);
  });

  it('refuses timer actions with no speaker and from participants', () => {
    const { h } = CommandHarness.live();
    expect(h.run(chair, { type: 'queue.timer', action: 'pause' })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(h.run(alice, { type: 'queue.timer', action: 'pause' })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});
