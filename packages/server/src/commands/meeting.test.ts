import { describe, expect, it } from 'vitest';
import {
  MEETING_STATUSES,
  readAgenda,
  readMeeting,
  readQueue,
  type MeetingStatus,
} from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';
import { STATUS_TRANSITIONS } from './meeting.js';

const { chair, alice } = people;

/** A fresh meeting brought to `status` along allowed transitions. */
function meetingIn(status: MeetingStatus): CommandHarness {
  const h = new CommandHarness();
  const path: Record<MeetingStatus, MeetingStatus[]> = {
    scheduled: [],
    live: ['live'],
    adjourned: ['live', 'adjourned'],
    closed: ['live', 'closed'],
  };
  for (const s of path[status]) h.ok(chair, { type: 'meeting.setStatus', status: s });
  return h;
}

describe('meeting.setStatus', () => {
  const allowed: Array<[MeetingStatus, MeetingStatus]> = [
    ['scheduled', 'live'],
    ['live', 'adjourned'],
    ['adjourned', 'live'],
    ['live', 'closed'],
    ['adjourned', 'closed'],
    ['closed', 'live'],
    ['closed', 'adjourned'],
  ];
  for (const from of MEETING_STATUSES) {
    for (const to of MEETING_STATUSES) {
      const ok = allowed.some(([f, t]) => f === from && t === to);
      it(`${from} → ${to}: ${ok ? 'allowed' : '409'}`, () => {
        const h = meetingIn(from);
        const r = h.run(chair, { type: 'meeting.setStatus', status: to });
        if (ok) {
          expect(r.ok).toBe(true);
          expect(readMeeting(h.doc).status).toBe(to);
        } else {
          expect(r).toMatchObject({ ok: false, status: 409, code: 'invalid_state' });
          expect(readMeeting(h.doc).status).toBe(from);
        }
        expect(STATUS_TRANSITIONS[from].includes(to)).toBe(ok);
      });
    }
  }

  it('adjourning pauses the speaker; resuming the meeting leaves the timer to the chair', () => {
    const { h } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    const granted = h.now;
    h.ok(chair, { type: 'meeting.setStatus', status: 'adjourned' });
    expect(readQueue(h.doc)[0]).toMatchObject({
      status: 'speaking',
      runningSince: null,
      pausedAt: h.now,
      elapsedMs: h.now - granted,
    });
    h.ok(chair, { type: 'meeting.setStatus', status: 'live' });
    expect(readQueue(h.doc)[0]).toMatchObject({ runningSince: null });
  });

  it('closing while someone speaks needs endCurrentTurn: the turn is never cut off silently', () => {
    const { h } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    expect(h.run(chair, { type: 'meeting.setStatus', status: 'closed' })).toMatchObject({
      status: 409,
      code: 'confirmation_required',
    });
    expect(readQueue(h.doc)[0]).toMatchObject({ status: 'speaking' });
    expect(readMeeting(h.doc).status).toBe('live');
  });

  it('closing ends the speaker (when told to) and the item under discussion', () => {
    const { h } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    h.ok(chair, { type: 'meeting.setStatus', status: 'closed', endCurrentTurn: true });
    expect(readQueue(h.doc)[0]).toMatchObject({ status: 'done', endedAt: h.now });
    expect(readAgenda(h.doc)[0]).toMatchObject({ status: 'done', endedAt: h.now });
    expect(readMeeting(h.doc)).toMatchObject({ status: 'closed', currentItemId: null });
  });

  it('closing ends every waiting request (none is left to withdraw or to grant)', () => {
    const { h } = CommandHarness.live();
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'agenda.add', title: 'Next' });
    const later = h.ok(chair, { type: 'agenda.add', title: 'Later' }).itemId ?? '';
    // One request was moved on to the next item (not started), another waits on the current one.
    h.ok(chair, { type: 'agenda.complete', waitingRequests: 'move' });
    h.ok(chair, { type: 'agenda.start', itemId: later });
    h.ok(people.bob, { type: 'queue.request', kind: 'speak' });
    expect(readQueue(h.doc).filter((e) => e.status === 'waiting')).toHaveLength(2);
    h.ok(chair, { type: 'meeting.setStatus', status: 'closed' });
    expect(readQueue(h.doc)).toEqual([]);
  });

  it('a closed meeting refuses every other command with 409 meeting_closed, until a chair reopens it', () => {
    const { h, itemId } = CommandHarness.live();
    h.ok(chair, { type: 'meeting.setStatus', status: 'closed' });
    expect(h.run(chair, { type: 'meeting.rename', title: 'x' })).toMatchObject({
      status: 409,
      code: 'meeting_closed',
    });
    expect(h.run(chair, { type: 'agenda.start', itemId })).toMatchObject({
      status: 409,
      code: 'meeting_closed',
    });
    expect(h.run(alice, { type: 'queue.request', kind: 'point_of_order' })).toMatchObject({
      status: 409,
      code: 'meeting_closed',
    });
    expect(h.run(alice, { type: 'meeting.setStatus', status: 'live' })).toMatchObject({
      status: 403,
    });
    // Saving a version writes nothing to the document: allowed, to keep the final text.
    expect(h.ok(chair, { type: 'version.save', label: 'Final' })).toEqual({ label: 'Final' });
    h.ok(chair, { type: 'meeting.setStatus', status: 'live' });
    // Closing completed the item; requests join once an item is under discussion again.
    h.ok(chair, { type: 'agenda.start', itemId });
    expect(h.run(alice, { type: 'queue.request', kind: 'speak' }).ok).toBe(true);
  });
});

describe('meeting.rename and meeting.queueSettings', () => {
  it('renames and changes queue settings (chair only)', () => {
    const h = new CommandHarness();
    h.ok(chair, { type: 'meeting.rename', title: 'Dialogue on human rights' });
    h.ok(chair, { type: 'meeting.queueSettings', listOpen: false, defaultSpeakingSeconds: 240 });
    expect(readMeeting(h.doc)).toMatchObject({
      title: 'Dialogue on human rights',
      listOpen: false,
      defaultSpeakingSeconds: 240,
    });
    h.ok(chair, { type: 'meeting.queueSettings', listOpen: true });
    expect(readMeeting(h.doc)).toMatchObject({ listOpen: true, defaultSpeakingSeconds: 240 });
    expect(h.run(alice, { type: 'meeting.rename', title: 'x' })).toMatchObject({ status: 403 });
    expect(h.run(alice, { type: 'meeting.queueSettings', listOpen: false })).toMatchObject({
      status: 403,
    });
  });
});

describe('meeting.setDetails', () => {
  it('writes the details given into the document, keeps the others, and is the chair’s alone', () => {
    const h = new CommandHarness();
    const at = Date.UTC(2026, 2, 12, 5, 0);
    h.ok(chair, {
      type: 'meeting.setDetails',
      title: 'Human Dimension Dialogue Platform',
      startsAt: at,
      venue: 'Ministry of Foreign Affairs, Astana',
      description: 'Gender equality session',
    });
    expect(readMeeting(h.doc)).toMatchObject({
      title: 'Human Dimension Dialogue Platform',
      startsAt: at,
      venue: 'Ministry of Foreign Affairs, Astana',
      description: 'Gender equality session',
    });
    h.ok(chair, { type: 'meeting.setDetails', venue: '' });
    expect(readMeeting(h.doc)).toMatchObject({
      title: 'Human Dimension Dialogue Platform',
      venue: '',
      startsAt: at,
    });
    h.ok(chair, { type: 'meeting.setDetails', startsAt: null });
    expect(readMeeting(h.doc).startsAt).toBeNull();
    const before = readMeeting(h.doc);
    for (const who of [alice, people.olga]) {
      expect(h.run(who, { type: 'meeting.setDetails', title: 'Hijacked' })).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
    expect(readMeeting(h.doc)).toEqual(before);
  });
});
