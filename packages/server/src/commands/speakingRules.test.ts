/**
 * The speaking rules of issue 17 as commands: per-kind speaking times, the
 * closed list, time budgets, extensions by a chosen amount and requests made
 * in advance for a later agenda item (pre-inscription).
 */
import { describe, expect, it } from 'vitest';
import {
  budgetUsage,
  organisationKey,
  parseCommand,
  readMeeting,
  readQueue,
  type QueueEntry,
} from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice, bob, carol } = people;

function entry(h: CommandHarness, id: string | undefined): QueueEntry {
  const e = readQueue(h.doc).find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
}

describe('speaking time per kind', () => {
  it('a grant gives the time of the turn’s kind, set by the chair', () => {
    const { h } = CommandHarness.live();
    h.ok(chair, {
      type: 'meeting.queueSettings',
      speakingSeconds: { point_of_order: 60, reply: 90 },
    });
    expect(readMeeting(h.doc).speakingSeconds).toEqual({
      speak: 180,
      reply: 90,
      point_of_order: 60,
    });
    const poo = h.ok(alice, { type: 'queue.request', kind: 'point_of_order' }).entryId;
    const speak = h.ok(bob, { type: 'queue.request', kind: 'speak' }).entryId;
    h.ok(chair, { type: 'queue.grant', entryId: poo });
    expect(entry(h, poo).limitSeconds).toBe(60);
    h.ok(chair, { type: 'queue.grant', entryId: speak });
    expect(entry(h, speak).limitSeconds).toBe(180);
    const reply = h.ok(alice, { type: 'queue.request', kind: 'reply' }).entryId;
    h.ok(chair, { type: 'queue.grant', entryId: reply });
    expect(entry(h, reply).limitSeconds).toBe(90);
  });

  it('the older defaultSpeakingSeconds sets the time of a plain request only', () => {
    const { h } = CommandHarness.live();
    h.ok(chair, { type: 'meeting.queueSettings', defaultSpeakingSeconds: 240 });
    expect(readMeeting(h.doc)).toMatchObject({
      defaultSpeakingSeconds: 240,
      speakingSeconds: { speak: 240, reply: 180, point_of_order: 180 },
    });
  });

  it('a participant cannot set the rules (403), nor out-of-bounds times (400)', () => {
    const { h } = CommandHarness.live();
    expect(
      h.run(alice, { type: 'meeting.queueSettings', speakingSeconds: { speak: 600 } }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      parseCommand({ type: 'meeting.queueSettings', speakingSeconds: { speak: 5 } }),
    ).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(
      parseCommand({ type: 'meeting.queueSettings', speakingSeconds: { speak: 1e9 } }),
    ).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});

describe('closed list', () => {
  it('refuses a participant’s request (list_closed) but takes points of order and the chair’s additions', () => {
    const { h } = CommandHarness.live();
    h.ok(chair, { type: 'meeting.queueSettings', listOpen: false });
    expect(h.run(alice, { type: 'queue.request', kind: 'speak' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'list_closed',
    });
    h.ok(alice, { type: 'queue.request', kind: 'point_of_order' });
    h.ok(chair, {
      type: 'queue.addSpeaker',
      name: 'Guest',
      organisation: 'Mazhilis',
      orgType: 'parliament',
    });
    expect(readQueue(h.doc).map((e) => `${e.name}:${e.kind}`)).toEqual([
      'Alice:point_of_order',
      'Guest:speak',
    ]);
  });
});

describe('time budgets', () => {
  it('stores the budgets and refuses two for the same organisation (by its key)', () => {
    const { h } = CommandHarness.live();
    h.ok(chair, {
      type: 'meeting.queueSettings',
      budgets: [
        { scope: 'orgType', target: 'ngo', seconds: 600 },
        { scope: 'organisation', target: 'Ombudsman Office', seconds: 300 },
      ],
    });
    expect(readMeeting(h.doc).budgets).toHaveLength(2);
    expect(
      h.run(chair, {
        type: 'meeting.queueSettings',
        budgets: [
          { scope: 'organisation', target: 'Ombudsman Office', seconds: 300 },
          { scope: 'organisation', target: ' OMBUDSMAN  office', seconds: 300 },
        ],
      }),
    ).toMatchObject({ ok: false, code: 'duplicate' });
    expect(
      parseCommand({
        type: 'meeting.queueSettings',
        budgets: [{ scope: 'orgType', target: 'nonsense', seconds: 300 }],
      }),
    ).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(
      parseCommand({
        type: 'meeting.queueSettings',
        budgets: Array.from({ length: 51 }, (_, i) => ({
          scope: 'organisation',
          target: `Org ${i}`,
          seconds: 300,
        })),
      }),
    ).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it('runs down with the turns of the members it covers, running and paused included', () => {
    const { h } = CommandHarness.live();
    h.ok(chair, {
      type: 'meeting.queueSettings',
      budgets: [
        { scope: 'organisation', target: 'Ombudsman Office', seconds: 120 },
        { scope: 'orgType', target: 'ngo', seconds: 300 },
      ],
    });
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId;
    const c = h.ok(carol, { type: 'queue.request', kind: 'speak' }).entryId;
    h.ok(bob, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant', entryId: a });
    h.tick(59_000);
    h.ok(chair, { type: 'queue.grant', entryId: c }); // alice spoke 60 s
    h.tick(29_000);
    h.ok(chair, { type: 'queue.timer', action: 'pause' }); // carol 30 s
    h.tick(100_000); // paused time does not count
    const [ombudsman, ngo] = budgetUsage(
      readMeeting(h.doc).budgets,
      readQueue(h.doc),
      h.now,
      organisationKey,
    );
    expect(ombudsman).toMatchObject({ usedMs: 90_000, remainingMs: 30_000, current: true });
    expect(ngo).toMatchObject({ usedMs: 0, remainingMs: 300_000, exhausted: false });
    h.ok(chair, { type: 'queue.timer', action: 'resume' });
    h.tick(60_000); // carol runs over: the budget is exhausted, nobody is cut off
    const after = budgetUsage(
      readMeeting(h.doc).budgets,
      readQueue(h.doc),
      h.now,
      organisationKey,
    )[0];
    expect(after).toMatchObject({ exhausted: true, remainingMs: -30_000 });
    expect(entry(h, c).status).toBe('speaking');
  });
});

describe('extend by a chosen amount', () => {
  it('adds the chosen seconds, bounded per extension (400) and per turn (409)', () => {
    const { h } = CommandHarness.live();
    const a = h.ok(alice, { type: 'queue.request', kind: 'speak' }).entryId;
    h.ok(chair, { type: 'queue.grant', entryId: a });
    h.ok(chair, { type: 'queue.timer', action: 'extend', seconds: 30, entryId: a });
    h.ok(chair, { type: 'queue.timer', action: 'extend', seconds: 120, entryId: a });
    expect(entry(h, a).limitSeconds).toBe(180 + 30 + 120);
    for (const seconds of [3601, 0, -60, 1.5])
      expect(
        parseCommand({ type: 'queue.timer', action: 'extend', seconds, entryId: a }),
      ).toMatchObject({ ok: false, code: 'validation_failed' });
    for (let i = 0; i < 3; i++)
      h.ok(chair, { type: 'queue.timer', action: 'extend', seconds: 3600, entryId: a });
    expect(
      h.run(chair, { type: 'queue.timer', action: 'extend', seconds: 3600, entryId: a }),
    ).toMatchObject({ ok: false, status: 409, code: 'invalid_state' });
    expect(entry(h, a).limitSeconds).toBe(180 + 150 + 3 * 3600);
    expect(
      h.run(alice, { type: 'queue.timer', action: 'extend', seconds: 60, entryId: a }),
    ).toMatchObject({ ok: false, status: 403 });
  });
});

describe('pre-inscription', () => {
  function withLaterItem() {
    const { h, itemId } = CommandHarness.live();
    const later = h.ok(chair, { type: 'agenda.add', title: 'Violence against women' }).itemId!;
    return { h, itemId, later };
  }

  it('a request for a later item waits on it, off the current list, and is on its list when it starts', () => {
    const { h, itemId, later } = withLaterItem();
    const pre = h.ok(alice, { type: 'queue.request', kind: 'speak', agendaItemId: later }).entryId!;
    h.ok(bob, { type: 'queue.request', kind: 'speak' });
    expect(entry(h, pre)).toMatchObject({ agendaItemId: later, status: 'waiting' });
    expect(h.run(chair, { type: 'queue.grant', entryId: pre })).toMatchObject({
      ok: false,
      code: 'invalid_state',
    });
    h.ok(chair, { type: 'agenda.start', itemId: later, waitingRequests: 'move' });
    const line = readQueue(h.doc)
      .filter((e) => e.status === 'waiting' && e.agendaItemId === later)
      .map((e) => e.name);
    // The pre-inscription comes first; the requests moved on from the item that ended follow.
    expect(line).toEqual(['Alice', 'Bob']);
    expect(readQueue(h.doc).some((e) => e.agendaItemId === itemId && e.status === 'waiting')).toBe(
      false,
    );
    h.ok(chair, { type: 'queue.grant' });
    expect(entry(h, pre).status).toBe('speaking');
  });

  it('is withdrawable, once per item, speak only, only for an item not yet started', () => {
    const { h, itemId, later } = withLaterItem();
    const pre = h.ok(alice, { type: 'queue.request', kind: 'speak', agendaItemId: later }).entryId!;
    expect(
      h.run(alice, { type: 'queue.request', kind: 'speak', agendaItemId: later }),
    ).toMatchObject({ ok: false, code: 'duplicate' });
    // Asking on the current item as well is another list.
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    expect(
      h.run(bob, { type: 'queue.request', kind: 'point_of_order', agendaItemId: later }),
    ).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(
      h.run(bob, { type: 'queue.request', kind: 'speak', agendaItemId: 'nope' }),
    ).toMatchObject({ ok: false, status: 404 });
    h.ok(chair, { type: 'agenda.complete', itemId, waitingRequests: 'end' });
    expect(
      h.run(bob, { type: 'queue.request', kind: 'speak', agendaItemId: itemId }),
    ).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(h.run(bob, { type: 'queue.withdraw', entryId: pre })).toMatchObject({
      ok: false,
      status: 403,
    });
    h.ok(alice, { type: 'queue.withdraw', entryId: pre });
    expect(readQueue(h.doc).some((e) => e.id === pre)).toBe(false);
  });

  it('works before the meeting has started, and a closed list refuses it', () => {
    const h = new CommandHarness();
    const item = h.ok(chair, { type: 'agenda.add', title: 'Disabilities' }).itemId!;
    h.ok(alice, { type: 'queue.request', kind: 'speak', agendaItemId: item });
    h.ok(chair, { type: 'meeting.queueSettings', listOpen: false });
    expect(h.run(bob, { type: 'queue.request', kind: 'speak', agendaItemId: item })).toMatchObject({
      ok: false,
      code: 'list_closed',
    });
  });

  it('removing the item it waits on needs waitingRequests: end, and ends it', () => {
    const { h, later } = withLaterItem();
    const pre = h.ok(alice, { type: 'queue.request', kind: 'speak', agendaItemId: later }).entryId!;
    expect(h.run(chair, { type: 'agenda.remove', itemId: later })).toMatchObject({
      ok: false,
      status: 409,
      code: 'confirmation_required',
    });
    h.ok(chair, { type: 'agenda.remove', itemId: later, waitingRequests: 'end' });
    expect(readQueue(h.doc).some((e) => e.id === pre)).toBe(false);
  });
});
