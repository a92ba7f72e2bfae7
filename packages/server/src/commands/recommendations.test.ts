import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  organisationKey,
  readRecommendations,
  readRemovedRecommendations,
  recommendationText,
} from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice, bob, carol, olga } = people;

function withRec(): { h: CommandHarness; itemId: string; recId: string } {
  const { h, itemId } = CommandHarness.live();
  const recId =
    h.ok(alice, { type: 'rec.create', agendaItemId: itemId, title: 'Adopt a law' }).recId ?? '';
  return { h, itemId, recId };
}

describe('rec.create', () => {
  it('stores metadata from the actor and an empty text fragment', () => {
    const { h, itemId, recId } = withRec();
    expect(readRecommendations(h.doc)).toEqual([
      {
        id: recId,
        agendaItemId: itemId,
        title: 'Adopt a law',
        status: 'draft',
        proposerId: alice.userId,
        proposerName: alice.name,
        proposerOrganisation: alice.organisation,
        createdAt: h.now,
        endorsements: [],
        suggestionsOnly: false,
        proposerDecides: false,
        agreedAt: null,
      },
    ]);
    const text = recommendationText(h.doc, recId);
    expect(text).toBeInstanceOf(Y.XmlFragment);
    expect(text?.length).toBe(0);
  });

  it('refuses an unknown (404) or removed (409) agenda item and observers (403)', () => {
    const { h } = CommandHarness.live();
    const other = h.ok(chair, { type: 'agenda.add', title: 'B' }).itemId ?? '';
    h.ok(chair, { type: 'agenda.remove', itemId: other });
    expect(h.run(alice, { type: 'rec.create', agendaItemId: 'nope', title: 't' })).toMatchObject({
      status: 404,
    });
    expect(h.run(alice, { type: 'rec.create', agendaItemId: other, title: 't' })).toMatchObject({
      status: 409,
    });
    expect(h.run(olga, { type: 'rec.create', agendaItemId: other, title: 't' })).toMatchObject({
      status: 403,
    });
  });
});

describe('rec.rename and rec.setStatus', () => {
  it('lets the proposer and the chair rename, not another participant', () => {
    const { h, recId } = withRec();
    h.ok(alice, { type: 'rec.rename', recId, title: 'By proposer' });
    expect(h.run(bob, { type: 'rec.rename', recId, title: 'By Bob' })).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    h.ok(chair, { type: 'rec.rename', recId, title: 'By chair' });
    expect(readRecommendations(h.doc)[0]?.title).toBe('By chair');
    expect(h.run(chair, { type: 'rec.rename', recId: 'nope', title: 'x' })).toMatchObject({
      status: 404,
    });
  });

  it('lets only the chair set the status, any to any', () => {
    const { h, recId } = withRec();
    expect(h.run(alice, { type: 'rec.setStatus', recId, status: 'agreed' })).toMatchObject({
      status: 403,
    });
    for (const status of ['discussed', 'agreed', 'withdrawn', 'draft'] as const) {
      h.ok(chair, { type: 'rec.setStatus', recId, status });
      expect(readRecommendations(h.doc)[0]?.status).toBe(status);
    }
  });

  it('records when a text was agreed (kept when agreed again), clears it when set back', () => {
    const { h, recId } = withRec();
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    const at = h.now;
    expect(readRecommendations(h.doc)[0]?.agreedAt).toBe(at);
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    expect(readRecommendations(h.doc)[0]?.agreedAt).toBe(at);
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'discussed' });
    expect(readRecommendations(h.doc)[0]?.agreedAt).toBeNull();
  });

  it('refuses to rename an agreed recommendation (409), even for the chair, until set back', () => {
    const { h, recId } = withRec();
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    for (const who of [alice, chair])
      expect(h.run(who, { type: 'rec.rename', recId, title: 'Quietly' })).toMatchObject({
        status: 409,
        code: 'invalid_state',
      });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'draft' });
    h.ok(alice, { type: 'rec.rename', recId, title: 'Openly' });
    expect(readRecommendations(h.doc)[0]?.title).toBe('Openly');
  });
});

describe('rec.endorse and rec.unendorse', () => {
  it('records one endorsement per organisation, with identity from the actor', () => {
    const { h, recId } = withRec();
    h.ok(alice, { type: 'rec.endorse', recId });
    const at = h.now;
    h.ok(bob, { type: 'rec.endorse', recId });
    expect(h.run(carol, { type: 'rec.endorse', recId })).toMatchObject({
      status: 409,
      code: 'duplicate',
    });
    expect(readRecommendations(h.doc)[0]?.endorsements).toEqual([
      {
        userId: alice.userId,
        name: alice.name,
        organisation: alice.organisation,
        key: organisationKey(alice.organisation),
        orgType: 'nhri',
        at,
      },
      {
        userId: bob.userId,
        name: bob.name,
        organisation: bob.organisation,
        key: organisationKey(bob.organisation),
        orgType: 'ngo',
        at: at + 1000,
      },
    ]);
    expect(h.run(olga, { type: 'rec.endorse', recId })).toMatchObject({ status: 403 });
  });

  it('lets any member of the organisation take its endorsement back', () => {
    const { h, recId } = withRec();
    h.ok(alice, { type: 'rec.endorse', recId });
    h.ok(carol, { type: 'rec.unendorse', recId });
    expect(readRecommendations(h.doc)[0]?.endorsements).toEqual([]);
    expect(h.run(alice, { type: 'rec.unendorse', recId })).toMatchObject({ status: 409 });
  });

  it('refuses to endorse a withdrawn recommendation', () => {
    const { h, recId } = withRec();
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'withdrawn' });
    expect(h.run(alice, { type: 'rec.endorse', recId })).toMatchObject({ status: 409 });
  });

  it('compares organisations by a normalised key', () => {
    expect(organisationKey(' Ombudsman  Office ')).toBe(organisationKey('ombudsman office'));
    expect(organisationKey('UNDP')).not.toBe(organisationKey('UNFPA'));
  });

  it('lets one person endorse for one organisation: after the chair changed theirs, the old one first goes', () => {
    const { h, itemId, recId } = withRec();
    const second = h.ok(chair, {
      type: 'rec.create',
      agendaItemId: itemId,
      title: 'Second',
    }).recId!;
    h.ok(alice, { type: 'rec.endorse', recId });
    const moved = { ...alice, organisation: 'Another Office' };
    expect(h.run(moved, { type: 'rec.endorse', recId: second })).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    // Taking back what they gave for the old organisation frees them.
    h.ok(moved, { type: 'rec.unendorse', recId });
    h.ok(moved, { type: 'rec.endorse', recId: second });
    expect(readRecommendations(h.doc)[1]?.endorsements.map((e) => e.organisation)).toEqual([
      'Another Office',
    ]);
  });
});

describe('rec.remove and rec.restore', () => {
  it('removes from the room but keeps record, text and endorsements; the chair restores it as it was', () => {
    const { h, recId } = withRec();
    const text = recommendationText(h.doc, recId);
    text?.insert(0, [new Y.XmlText('Adopt a gender-equality law by 2027.')]);
    h.ok(bob, { type: 'rec.endorse', recId });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    const before = readRecommendations(h.doc);
    expect(h.run(alice, { type: 'rec.remove', recId })).toMatchObject({ status: 403 });
    // The answer names what went, for the audit log.
    expect(h.ok(chair, { type: 'rec.remove', recId })).toEqual({ recId, title: 'Adopt a law' });
    expect(readRecommendations(h.doc)).toEqual([]);
    expect(readRemovedRecommendations(h.doc)).toEqual([{ ...before[0], removedAt: h.now }]);
    expect(recommendationText(h.doc, recId)?.toString()).toContain('gender-equality law');
    // Removed: nothing else changes it; removing twice is refused.
    expect(h.run(chair, { type: 'rec.remove', recId })).toMatchObject({ status: 409 });
    expect(h.run(alice, { type: 'rec.rename', recId, title: 'X' })).toMatchObject({ status: 409 });
    expect(h.run(carol, { type: 'rec.endorse', recId })).toMatchObject({ status: 409 });
    // Restore: chair only, back as it was.
    expect(h.run(alice, { type: 'rec.restore', recId })).toMatchObject({ status: 403 });
    expect(h.ok(chair, { type: 'rec.restore', recId })).toEqual({ recId, title: 'Adopt a law' });
    expect(readRecommendations(h.doc)).toEqual(before);
    expect(readRemovedRecommendations(h.doc)).toEqual([]);
    expect(h.run(chair, { type: 'rec.restore', recId })).toMatchObject({ status: 409 });
    expect(h.run(chair, { type: 'rec.restore', recId: 'nope' })).toMatchObject({ status: 404 });
  });
});
