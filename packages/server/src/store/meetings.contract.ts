import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InviteRow, MeetingRow, Store } from './Store.js';
import type { OpenedStore } from './docs.contract.js';
import { userRow } from './accounts.contract.js';

const meeting = (over: Partial<MeetingRow> = {}): MeetingRow => ({
  id: 'm1',
  title: 'Dialogue',
  startsAt: null,
  venue: '',
  createdBy: 'chair',
  createdAt: 1_000,
  status: 'scheduled',
  ...over,
});

const invite = (over: Partial<InviteRow> = {}): InviteRow => ({
  tokenHash: 'th',
  meetingId: 'm1',
  role: 'participant',
  maxUses: null,
  uses: 0,
  expiresAt: null,
  createdBy: 'chair',
  createdAt: 1_000,
  revokedAt: null,
  emailedTo: null,
  ...over,
});

/**
 * The {@link MeetingStore} and {@link AuditStore} contract, run unchanged on
 * every backend: `describeMeetingStoreContract('sqlite', open)`.
 */
export function describeMeetingStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`MeetingStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      for (const id of ['chair', 'p', 'q']) {
        await store.accounts.createUser(userRow({ id, organisation: `Org ${id}` }));
      }
      await store.meetings.createMeeting(meeting());
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('creates a meeting with its creator as chair, and lists it with the role', async () => {
      expect(await store.meetings.meetingById('m1')).toEqual(meeting());
      expect(await store.meetings.meetingById('nope')).toBeNull();
      expect(await store.meetings.member('m1', 'chair')).toEqual({
        meetingId: 'm1',
        userId: 'chair',
        role: 'chair',
        joinedAt: 1_000,
        organisation: 'Org chair',
        orgType: 'ngo',
      });
      expect(await store.meetings.meetingsOfUser('chair')).toEqual([
        { ...meeting(), role: 'chair' },
      ]);
      expect(await store.meetings.meetingsOfUser('p')).toEqual([]);
      await store.meetings.renameMeeting('m1', 'Renamed');
      expect(await store.meetings.meetingById('m1')).toMatchObject({ title: 'Renamed' });
      await store.meetings.setMeetingStatus('m1', 'live');
      expect(await store.meetings.meetingById('m1')).toMatchObject({ status: 'live' });
      expect((await store.meetings.meetingsOfUser('chair'))[0]).toMatchObject({
        status: 'live',
        role: 'chair',
      });
    });

    it('mirrors meeting details: only the fields given change, null clears the date', async () => {
      const at = Date.UTC(2026, 2, 12, 5);
      await store.meetings.setMeetingDetails('m1', { startsAt: at, venue: 'Astana, MFA' });
      expect(await store.meetings.meetingById('m1')).toMatchObject({
        title: meeting().title,
        startsAt: at,
        venue: 'Astana, MFA',
      });
      await store.meetings.setMeetingDetails('m1', { title: 'Dialogue platform' });
      expect(await store.meetings.meetingById('m1')).toMatchObject({
        title: 'Dialogue platform',
        startsAt: at,
        venue: 'Astana, MFA',
      });
      await store.meetings.setMeetingDetails('m1', { startsAt: null, venue: '' });
      expect((await store.meetings.meetingsOfUser('chair'))[0]).toMatchObject({
        title: 'Dialogue platform',
        startsAt: null,
        venue: '',
      });
    });

    it('puts (inserts or updates, keeping joinedAt) and removes members', async () => {
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'p',
        role: 'observer',
        joinedAt: 2_000,
      });
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'p',
        role: 'participant',
        joinedAt: 3_000,
      });
      expect(await store.meetings.member('m1', 'p')).toEqual({
        meetingId: 'm1',
        userId: 'p',
        role: 'participant',
        joinedAt: 2_000,
        organisation: 'Org p',
        orgType: 'ngo',
      });
      expect((await store.meetings.members('m1')).map((m) => m.userId)).toEqual(['chair', 'p']);
      await store.meetings.removeMember('m1', 'p');
      expect(await store.meetings.member('m1', 'p')).toBeNull();
    });

    it("fixes a member's organisation at join: the profile may change, only setMemberOrganisation changes it", async () => {
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'p',
        role: 'participant',
        joinedAt: 2,
      });
      await store.accounts.updateUser('p', { organisation: 'UNDP', orgType: 'international' });
      expect(await store.meetings.member('m1', 'p')).toMatchObject({
        organisation: 'Org p',
        orgType: 'ngo',
      });
      // Joining again (a higher role through an invite) keeps the meeting's organisation.
      await store.meetings.putMember({ meetingId: 'm1', userId: 'p', role: 'chair', joinedAt: 3 });
      expect(await store.meetings.member('m1', 'p')).toMatchObject({
        role: 'chair',
        organisation: 'Org p',
      });
      // A later meeting takes the profile as it is then.
      await store.meetings.createMeeting(meeting({ id: 'm2', createdBy: 'p' }));
      expect(await store.meetings.member('m2', 'p')).toMatchObject({
        organisation: 'UNDP',
        orgType: 'international',
      });
      const before = await store.meetings.setMemberOrganisation(
        'm1',
        'p',
        'Ministry',
        'government',
      );
      expect(before).toMatchObject({ userId: 'p', organisation: 'Org p', orgType: 'ngo' });
      expect(await store.meetings.member('m1', 'p')).toMatchObject({
        organisation: 'Ministry',
        orgType: 'government',
      });
      expect((await store.meetings.members('m1')).find((m) => m.userId === 'p')).toMatchObject({
        organisation: 'Ministry',
      });
      expect(await store.meetings.setMemberOrganisation('m1', 'q', 'X', 'other')).toBeNull();
      // An explicit organisation on insert is kept as given.
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'q',
        role: 'observer',
        joinedAt: 4,
        organisation: 'OSCE',
        orgType: 'international',
      });
      expect(await store.meetings.member('m1', 'q')).toMatchObject({ organisation: 'OSCE' });
    });

    it('lists and revokes invites; a revoked invite is refused', async () => {
      await store.meetings.createInvite(invite({ tokenHash: 'a', createdAt: 1_000 }));
      await store.meetings.createInvite(invite({ tokenHash: 'b', createdAt: 2_000, maxUses: 5 }));
      await store.meetings.createMeeting(meeting({ id: 'm2' }));
      await store.meetings.createInvite(invite({ tokenHash: 'c', meetingId: 'm2' }));
      expect((await store.meetings.invitesOfMeeting('m1')).map((i) => i.tokenHash)).toEqual([
        'b',
        'a',
      ]);
      // Another meeting's invite cannot be revoked through this one.
      expect(await store.meetings.revokeInvite('m1', 'c', 3_000)).toBeNull();
      expect(await store.meetings.revokeInvite('m1', 'b', 3_000)).toEqual(
        invite({ tokenHash: 'b', createdAt: 2_000, maxUses: 5 }),
      );
      // Revoking twice keeps the first time.
      await store.meetings.revokeInvite('m1', 'b', 4_000);
      expect(await store.meetings.inviteByHash('b')).toMatchObject({ revokedAt: 3_000, uses: 0 });
      expect(await store.meetings.useInvite('b', 3_500)).toEqual({ ok: false, reason: 'revoked' });
      expect(await store.meetings.inviteByHash('b')).toMatchObject({ uses: 0 });
      expect(await store.meetings.useInvite('c', 3_500)).toMatchObject({ ok: true });
    });

    it('records to whom an invite was e-mailed, and deletes only the named one', async () => {
      await store.meetings.createInvite(invite({ tokenHash: 'mailed', emailedTo: 'a@x.example' }));
      await store.meetings.createInvite(invite({ tokenHash: 'link' }));
      await store.meetings.createMeeting(meeting({ id: 'm2' }));
      await store.meetings.createInvite(invite({ tokenHash: 'other', meetingId: 'm2' }));
      expect(await store.meetings.inviteByHash('mailed')).toEqual(
        invite({ tokenHash: 'mailed', emailedTo: 'a@x.example' }),
      );
      expect(await store.meetings.inviteByHash('link')).toMatchObject({ emailedTo: null });
      // Another meeting's invite cannot be deleted through this one.
      await store.meetings.deleteInvite('m1', 'other');
      expect(await store.meetings.inviteByHash('other')).not.toBeNull();
      await store.meetings.deleteInvite('m1', 'mailed');
      expect(await store.meetings.inviteByHash('mailed')).toBeNull();
      expect(await store.meetings.useInvite('mailed', 2_000)).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect((await store.meetings.invitesOfMeeting('m1')).map((i) => i.tokenHash)).toEqual([
        'link',
      ]);
    });

    it("remembers a chair's removal: an invite made before it no longer admits that person", async () => {
      await store.meetings.createInvite(invite({ tokenHash: 'before', createdAt: 1_000 }));
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'p',
        role: 'participant',
        joinedAt: 2,
      });
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'q',
        role: 'participant',
        joinedAt: 2,
      });
      expect(
        await store.meetings.removeMemberKeepingChair('m1', 'p', { at: 5_000, by: 'chair' }),
      ).toMatchObject({ ok: true });
      // Leaving (no removal given) is not remembered.
      await store.meetings.removeMemberKeepingChair('m1', 'q');
      expect(await store.meetings.removedAt('m1', 'p')).toBe(5_000);
      expect(await store.meetings.removedAt('m1', 'q')).toBeNull();
      expect(await store.meetings.useInvite('before', 6_000, 'p')).toEqual({
        ok: false,
        reason: 'removed',
      });
      expect(await store.meetings.inviteByHash('before')).toMatchObject({ uses: 0 });
      // Others still use it; and an invite created after the removal lets p back in.
      expect(await store.meetings.useInvite('before', 6_000, 'q')).toMatchObject({ ok: true });
      await store.meetings.createInvite(invite({ tokenHash: 'after', createdAt: 5_001 }));
      expect(await store.meetings.useInvite('after', 6_000, 'p')).toMatchObject({ ok: true });
    });

    it('never leaves a meeting without a chair', async () => {
      expect(await store.meetings.changeMemberRole('m1', 'chair', 'observer')).toEqual({
        ok: false,
        reason: 'last_chair',
      });
      expect(await store.meetings.removeMemberKeepingChair('m1', 'chair')).toEqual({
        ok: false,
        reason: 'last_chair',
      });
      expect(await store.meetings.changeMemberRole('m1', 'p', 'observer')).toEqual({
        ok: false,
        reason: 'not_member',
      });
      expect(await store.meetings.removeMemberKeepingChair('m1', 'p')).toEqual({
        ok: false,
        reason: 'not_member',
      });
      // A chair may stay chair (no-op) even when last.
      expect(await store.meetings.changeMemberRole('m1', 'chair', 'chair')).toMatchObject({
        ok: true,
      });
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'p',
        role: 'chair',
        joinedAt: 2_000,
      });
      const r = await store.meetings.changeMemberRole('m1', 'chair', 'participant');
      expect(r).toEqual({
        ok: true,
        previous: {
          meetingId: 'm1',
          userId: 'chair',
          role: 'chair',
          joinedAt: 1_000,
          organisation: 'Org chair',
          orgType: 'ngo',
        },
      });
      expect(await store.meetings.removeMemberKeepingChair('m1', 'p')).toEqual({
        ok: false,
        reason: 'last_chair',
      });
      expect(await store.meetings.removeMemberKeepingChair('m1', 'chair')).toMatchObject({
        ok: true,
        previous: { role: 'participant' },
      });
      expect(await store.meetings.member('m1', 'chair')).toBeNull();
    });

    it('keeps the invariant under concurrent demotions', async () => {
      await store.meetings.putMember({
        meetingId: 'm1',
        userId: 'p',
        role: 'chair',
        joinedAt: 2_000,
      });
      const results = await Promise.all([
        store.meetings.changeMemberRole('m1', 'chair', 'observer'),
        store.meetings.changeMemberRole('m1', 'p', 'observer'),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await store.meetings.members('m1')).filter((m) => m.role === 'chair')).toHaveLength(
        1,
      );
    });

    it('uses invites atomically: unknown, expired, used up', async () => {
      await store.meetings.createInvite(invite({ tokenHash: 'once', maxUses: 1 }));
      await store.meetings.createInvite(invite({ tokenHash: 'old', expiresAt: 5_000 }));
      expect(await store.meetings.inviteByHash('once')).toEqual(
        invite({ tokenHash: 'once', maxUses: 1 }),
      );
      expect(await store.meetings.inviteByHash('nope')).toBeNull();
      expect(await store.meetings.useInvite('nope', 1_000)).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect(await store.meetings.useInvite('old', 4_999)).toMatchObject({ ok: true });
      expect(await store.meetings.useInvite('old', 5_000)).toEqual({
        ok: false,
        reason: 'expired',
      });
      const uses = await Promise.all([
        store.meetings.useInvite('once', 1_000),
        store.meetings.useInvite('once', 1_000),
      ]);
      expect(uses.filter((u) => u.ok)).toHaveLength(1);
      expect(uses.find((u) => !u.ok)).toEqual({ ok: false, reason: 'used_up' });
      expect(await store.meetings.inviteByHash('once')).toMatchObject({ uses: 1 });
    });

    it('appends and lists audit rows newest first, paged', async () => {
      for (let i = 0; i < 5; i++) {
        await store.audit.add({
          meetingId: 'm1',
          userId: i % 2 ? 'p' : null,
          action: `a${i}`,
          payload: '{}',
          result: 'ok',
          at: i,
        });
      }
      await store.audit.add({
        meetingId: 'other',
        userId: null,
        action: 'x',
        payload: '{}',
        result: 'ok',
        at: 9,
      });
      const all = await store.audit.list('m1');
      expect(all.map((r) => r.action)).toEqual(['a4', 'a3', 'a2', 'a1', 'a0']);
      expect(all[1]).toMatchObject({
        meetingId: 'm1',
        userId: 'p',
        payload: '{}',
        result: 'ok',
        at: 3,
      });
      const page = await store.audit.list('m1', { limit: 2, beforeId: all[1]!.id });
      expect(page.map((r) => r.action)).toEqual(['a2', 'a1']);
    });

    it('filters audit rows by action, action group and user', async () => {
      const rows = [
        ['queue.grant', 'chair'],
        ['queue.request', 'p'],
        ['rec.create', 'p'],
        ['queue_x.y', 'p'],
        ['queue.grant', 'p'],
      ] as const;
      for (const [i, [action, userId]] of rows.entries()) {
        await store.audit.add({
          meetingId: 'm1',
          userId,
          action,
          payload: '{}',
          result: 'ok',
          at: i,
        });
      }
      const actions = async (opts: Parameters<typeof store.audit.list>[1]) =>
        (await store.audit.list('m1', opts)).map((r) => `${r.action}/${r.userId}`);
      expect(await actions({ action: 'queue.grant' })).toEqual([
        'queue.grant/p',
        'queue.grant/chair',
      ]);
      // A group matches `group.*` only: the `_` of `queue_x` is no wildcard.
      expect(await actions({ action: 'queue' })).toEqual([
        'queue.grant/p',
        'queue.request/p',
        'queue.grant/chair',
      ]);
      expect(await actions({ action: 'queue', userId: 'p' })).toEqual([
        'queue.grant/p',
        'queue.request/p',
      ]);
      expect(await actions({ userId: 'chair' })).toEqual(['queue.grant/chair']);
      const first = await store.audit.list('m1', { action: 'queue', limit: 1 });
      expect(await actions({ action: 'queue', beforeId: first[0]!.id })).toEqual([
        'queue.request/p',
        'queue.grant/chair',
      ]);
      expect(await actions({ action: '%' })).toEqual([]);
    });
  });
}
