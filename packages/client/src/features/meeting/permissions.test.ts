import { describe, expect, it } from 'vitest';
import {
  ROLES,
  can,
  type MeetingStatus,
  type QueueEntry,
  type Recommendation,
  type Role,
} from '@kenes/shared';
import { canRename, canWithdraw, roomPermissions } from './permissions.js';

const entry = (over: Partial<QueueEntry>): QueueEntry => ({
  id: 'e',
  agendaItemId: 'a',
  userId: 'me',
  name: 'N',
  organisation: 'O',
  orgType: 'ngo',
  kind: 'speak',
  status: 'waiting',
  requestedAt: 0,
  grantedAt: null,
  endedAt: null,
  limitSeconds: 180,
  elapsedMs: 0,
  runningSince: null,
  pausedAt: null,
  ...over,
});

const rec = (proposerId: string): Recommendation => ({
  id: 'r',
  agendaItemId: 'a',
  title: 'T',
  status: 'draft',
  proposerId,
  proposerName: 'P',
  proposerOrganisation: 'O',
  createdAt: 0,
  endorsements: [],
  suggestionsOnly: false,
  proposerDecides: false,
  agreedAt: null,
});

describe('roomPermissions', () => {
  it('an observer is offered nothing', () => {
    const p = roomPermissions('observer');
    expect(p.readOnly).toBe(true);
    for (const [k, v] of Object.entries(p))
      if (k !== 'role' && k !== 'readOnly') expect(v).toBe(false);
  });

  it('a participant edits, requests the floor, proposes and endorses, but runs nothing', () => {
    const p = roomPermissions('participant');
    expect(p).toMatchObject({
      readOnly: false,
      editText: true,
      requestFloor: true,
      proposeRecommendation: true,
      endorse: true,
      manageAgenda: false,
      runQueue: false,
      setQueueRules: false,
      setRecommendationStatus: false,
      setMeetingStatus: false,
      manageMembers: false,
    });
  });

  it('a chair may do everything', () => {
    const p = roomPermissions('chair');
    for (const [k, v] of Object.entries(p))
      if (k !== 'role' && k !== 'readOnly' && k !== 'closed') expect(v).toBe(true);
  });

  it('a closed meeting offers nothing the server refuses there: only reopening, members, the audit', () => {
    // Walkthrough: after closing, a participant still saw Endorse, Rename and Propose, each a 409.
    const participant = roomPermissions('participant', 'closed');
    expect(participant).toMatchObject({ closed: true, readOnly: false });
    for (const [k, v] of Object.entries(participant))
      if (!['role', 'closed', 'readOnly'].includes(k)) expect(v, k).toBe(false);
    const chair = roomPermissions('chair', 'closed');
    expect(chair).toMatchObject({
      setMeetingStatus: true,
      manageMembers: true,
      readAudit: true,
      editText: false,
      runQueue: false,
      manageAgenda: false,
      endorse: false,
      proposeRecommendation: false,
      saveVersion: false,
    });
    expect(roomPermissions('participant', 'adjourned')).toMatchObject({
      closed: false,
      editText: true,
    });
  });

  it('mirrors the shared table for every role (no drift)', () => {
    for (const role of ROLES) {
      const p = roomPermissions(role);
      expect(p.editText).toBe(can(role, 'text.edit'));
      expect(p.setQueueRules).toBe(can(role, 'meeting.queueSettings'));
      expect(p.runQueue).toBe(can(role, 'queue.grant') && can(role, 'queue.timer'));
      expect(p.manageAgenda).toBe(can(role, 'agenda.start'));
      expect(p.setMeetingStatus).toBe(can(role, 'meeting.setStatus'));
      expect(p.saveVersion).toBe(can(role, 'version.save'));
      expect(p.readAudit).toBe(can(role, 'audit.read'));
    }
  });
});

describe('per-record rules', () => {
  it('withdraw only one’s own waiting request', () => {
    expect(canWithdraw('participant', 'me', entry({}))).toBe(true);
    expect(canWithdraw('participant', 'me', entry({ userId: 'other' }))).toBe(false);
    expect(canWithdraw('participant', 'me', entry({ status: 'speaking' }))).toBe(false);
    expect(canWithdraw('observer', 'me', entry({}))).toBe(false);
  });
  it('rename: the proposer or a chair, while the meeting is open', () => {
    const as = (role: Role, status?: MeetingStatus) => roomPermissions(role, status);
    expect(canRename(as('participant'), 'me', rec('me'))).toBe(true);
    expect(canRename(as('participant'), 'me', rec('other'))).toBe(false);
    expect(canRename(as('chair'), 'me', rec('other'))).toBe(true);
    expect(canRename(as('observer'), 'me', rec('me'))).toBe(false);
    expect(canRename(as('participant', 'closed'), 'me', rec('me'))).toBe(false);
    expect(canRename(as('chair', 'closed'), 'me', rec('other'))).toBe(false);
    // An agreed text is locked, title included, for the chair too.
    const agreed = { ...rec('me'), status: 'agreed' as const, agreedAt: 1 };
    expect(canRename(as('participant'), 'me', agreed)).toBe(false);
    expect(canRename(as('chair'), 'me', agreed)).toBe(false);
  });
});
