import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots, readQueue, speakingElapsedMs, type QueueEntry } from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice, bob, carol, olga } = people;

/** Names of the waiting entries of the current item, in order, with their kinds. */
function waitingLine(h: CommandHarness, itemId: string | null): string[] {
  return readQueue(h.doc)
    .filter((e) => e.status === 'waiting' && e.agendaItemId === itemId)
    .map((e) => `${e.name}:${e.kind}`);
}

/** An in-room guest gets the floor (a reply needs someone to answer); returns its entry id. */
function giveFloorToGuest(h: CommandHarness): string {
  const { entryId = '' } = h.ok(chair, {
    type: 'queue.addSpeaker',
    name: 'Guest',
    organisation: 'Parliament',
    orgType: 'parliament',
  });
  h.ok(chair, { type: 'queue.grant', entryId });
  return entryId;
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
      replyToEntryId: null,
    });
  });

  it('orders points of order, then replies, then plain requests, each first come first served', () => {
    const { h, itemId } = CommandHarness.live();
    giveFloorToGuest(h);
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
    expect(h.run(alice, { type: 'queue.request', kind: 'point_of_order' }).ok).toBe(true);
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
    giveFloorToGuest(h);
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
    // It never had the floor: no record is kept (the audit log has the commands).
    expect(readQueue(h.doc).find((e) => e.id === entryId)).toBeUndefined();
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

  it('refuses a grant with no one waiting (409), an unknown entry (409 stale), an ended one (409)', () => {
    const { h } = CommandHarness.live();
    expect(h.run(chair, { type: 'queue.grant' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'invalid_state',
    });
    // A withdrawn request leaves no record: an id the chair saw may be gone.
    expect(h.run(chair, { type: 'queue.grant', entryId: 'nope' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'stale',
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
    h.ok(chair, { type: 'agenda.add', title: 'Violence against women' });
    const later = h.ok(chair, { type: 'agenda.add', title: 'Education' }).itemId ?? '';
    // Alice's request moves on to the next pending item; the chair then starts a later one.
    h.ok(chair, { type: 'agenda.complete', waitingRequests: 'move' });
    h.ok(chair, { type: 'agenda.start', itemId: later });
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

describe('stale views (what the chair saw travels with the command)', () => {
  /** Three waiting, as in a real meeting. */
  function threeWaiting() {
    const { h, itemId } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    const b = h.ok(bob, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    const c = h.ok(carol, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    return { h, itemId, a, b, c };
  }

  it('a double click on "next" grants once: the second, sent with the same view, is refused 409 stale', () => {
    const { h, a } = threeWaiting();
    const seen = { type: 'queue.grant', entryId: a, speakingEntryId: null } as const;
    expect(h.ok(chair, seen).entryId).toBe(a);
    h.tick(150);
    expect(h.run(chair, seen)).toMatchObject({ ok: false, status: 409, code: 'stale' });
    expect(entry(h, a)).toMatchObject({ status: 'speaking', endedAt: null });
  });

  it('two chairs granting together: one wins, the other is refused and nobody is skipped', () => {
    const { h, a, b } = threeWaiting();
    const second = { ...people.chair, userId: 'u-chair2', name: 'Co-chair' };
    // Chair 1 picks Bob out of order; chair 2, who still saw nobody speaking, clicks next (Alice).
    h.ok(chair, { type: 'queue.grant', entryId: b, speakingEntryId: null });
    expect(h.run(second, { type: 'queue.grant', entryId: a, speakingEntryId: null })).toMatchObject(
      { ok: false, status: 409, code: 'stale' },
    );
    expect(entry(h, b).status).toBe('speaking');
    expect(entry(h, a).status).toBe('waiting');
    // With a fresh view it goes through and ends Bob's turn.
    h.ok(second, { type: 'queue.grant', entryId: a, speakingEntryId: b });
    expect(entry(h, b).status).toBe('done');
  });

  it('queue.finish names the turn it ends: refused 409 stale once the floor moved on', () => {
    const { h, a, b } = threeWaiting();
    h.ok(chair, { type: 'queue.grant', entryId: a, speakingEntryId: null });
    h.ok(chair, { type: 'queue.grant', entryId: b, speakingEntryId: a });
    expect(h.run(chair, { type: 'queue.finish', entryId: a })).toMatchObject({
      ok: false,
      status: 409,
      code: 'stale',
    });
    expect(entry(h, b).status).toBe('speaking');
    h.ok(chair, { type: 'queue.finish', entryId: b });
    expect(h.run(chair, { type: 'queue.finish', entryId: b })).toMatchObject({
      status: 409,
      code: 'stale',
    });
  });

  it('queue.timer names the speaker: refused 409 stale for another one', () => {
    const { h, a, b } = threeWaiting();
    h.ok(chair, { type: 'queue.grant', entryId: a, speakingEntryId: null });
    h.ok(chair, { type: 'queue.grant', entryId: b, speakingEntryId: a });
    expect(
      h.run(chair, { type: 'queue.timer', action: 'extend', seconds: 60, entryId: a }),
    ).toMatchObject({ status: 409, code: 'stale' });
    expect(entry(h, b).limitSeconds).toBe(180);
    h.ok(chair, { type: 'queue.timer', action: 'extend', seconds: 60, entryId: b });
    expect(entry(h, b).limitSeconds).toBe(240);
  });
});

describe('requests need an item under discussion', () => {
  it('refuses requests and in-room additions while no item is current (409)', () => {
    const h = new CommandHarness();
    h.ok(chair, { type: 'meeting.setStatus', status: 'live' });
    expect(h.run(alice, { type: 'queue.request', kind: 'speak' })).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(
      h.run(chair, {
        type: 'queue.addSpeaker',
        name: 'Guest',
        organisation: 'Parliament',
        orgType: 'parliament',
      }),
    ).toMatchObject({ status: 409 });
    expect(readQueue(h.doc)).toEqual([]);
  });
});

describe('replies answer the current speaker', () => {
  it('refuses a reply when nobody has the floor, and to the speaker themself', () => {
    const { h } = CommandHarness.live();
    expect(h.run(alice, { type: 'queue.request', kind: 'reply' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'invalid_state',
    });
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    expect(h.run(alice, { type: 'queue.request', kind: 'reply' })).toMatchObject({ status: 409 });
    expect(readQueue(h.doc).filter((e) => e.kind === 'reply')).toEqual([]);
  });

  it('records whom a reply answers', () => {
    const { h } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    h.ok(chair, { type: 'queue.grant' });
    const r = h.ok(bob, { type: 'queue.request', kind: 'reply' }).entryId;
    expect(entry(h, r)).toMatchObject({ kind: 'reply', replyToEntryId: a });
  });

  it('keeps replies ahead while their exchange lasts, then they lapse into plain requests by arrival', () => {
    const { h, itemId } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
    h.ok(chair, { type: 'queue.grant' });
    h.ok(carol, { type: 'queue.request', kind: 'speak' });
    const r1 = h.ok(bob, { type: 'queue.request', kind: 'reply' }).entryId ?? '';
    const g = h.ok(chair, {
      type: 'queue.addSpeaker',
      name: 'Guest',
      organisation: 'Parliament',
      orgType: 'parliament',
      kind: 'reply',
    }).entryId;
    expect(waitingLine(h, itemId)).toEqual(['Bob:reply', 'Guest:reply', 'Carol:speak']);
    // The first reply gets the floor: still Alice's exchange, the other reply stays ahead.
    h.ok(chair, { type: 'queue.finish', entryId: a });
    h.ok(chair, { type: 'queue.grant', entryId: r1, speakingEntryId: null });
    expect(waitingLine(h, itemId)).toEqual(['Guest:reply', 'Carol:speak']);
    // A point of order interrupts without moving the debate on.
    h.ok(alice, { type: 'queue.request', kind: 'point_of_order' });
    h.ok(chair, { type: 'queue.grant' });
    expect(waitingLine(h, itemId)).toEqual(['Guest:reply', 'Carol:speak']);
    // The chair gives the floor to Carol: Alice's exchange is over, the Guest's reply lapses
    // into a plain request (still saying whom it meant to answer), placed by when it was asked.
    h.ok(bob, { type: 'queue.request', kind: 'speak' });
    const c = readQueue(h.doc).find((e) => e.name === 'Carol')?.id ?? '';
    h.ok(chair, { type: 'queue.grant', entryId: c });
    expect(waitingLine(h, itemId)).toEqual(['Guest:speak', 'Bob:speak']);
    expect(entry(h, g)).toMatchObject({ kind: 'speak', replyToEntryId: a, status: 'waiting' });
  });
});

describe('the queue does not grow without bound', () => {
  it('a 5,000-cycle request/withdraw loop leaves the document as small as a few requests', () => {
    const { h } = CommandHarness.live();
    const size = () => Y.encodeStateAsUpdate(h.doc).byteLength;
    const cycle = () => {
      const { entryId = '' } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
      h.ok(alice, { type: 'queue.withdraw', entryId });
    };
    for (let i = 0; i < 10; i++) cycle();
    const after10 = size();
    for (let i = 0; i < 5_000; i++) cycle();
    const after5010 = size();
    // Before: every withdrawn request stayed as a record, about 530 bytes a cycle (2.66 MB).
    // Now the entry is deleted; what remains is Yjs's tombstone of the array slot (~12 bytes,
    // the slot's origins: a deleted Y.Map's slot cannot merge with the next one).
    expect(after5010 - after10).toBeLessThan(5_000 * 16);
    // The queue every command reads stays empty, so command latency stays flat.
    expect(meetingRoots(h.doc).queue.length).toBe(0);
  });
});
