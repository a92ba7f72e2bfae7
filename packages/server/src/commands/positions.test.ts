import { describe, expect, it } from 'vitest';
import { readPositions, readRecommendations } from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice, bob, carol, olga } = people;

function withRec(): { h: CommandHarness; recId: string } {
  const { h, itemId } = CommandHarness.live();
  const recId =
    h.ok(alice, { type: 'rec.create', agendaItemId: itemId, title: 'Adopt a law' }).recId ?? '';
  return { h, recId };
}

describe('position.set', () => {
  it('records one position per organisation, from the meeting membership, with who set it', () => {
    const { h, recId } = withRec();
    h.ok(alice, { type: 'position.set', recId, kind: 'reservation', text: 'Name the budget line' });
    h.ok(bob, { type: 'position.set', recId, kind: 'supports' });
    expect(readPositions(h.doc, recId)).toEqual([
      {
        organisation: 'Ombudsman Office',
        key: expect.any(String),
        orgType: 'nhri',
        kind: 'reservation',
        text: 'Name the budget line',
        userId: alice.userId,
        name: alice.name,
        at: expect.any(Number),
      },
      expect.objectContaining({ organisation: 'Women NGO Alliance', kind: 'supports', text: '' }),
    ]);
    // Carol is of Alice's organisation (spelled differently): she changes the organisation's position.
    h.ok(carol, { type: 'position.set', recId, kind: 'objects', text: 'Not as drafted' });
    const after = readPositions(h.doc, recId);
    expect(after).toHaveLength(2);
    expect(after.find((p) => p.orgType === 'nhri')).toMatchObject({
      kind: 'objects',
      text: 'Not as drafted',
      userId: carol.userId,
      name: carol.name,
    });
  });

  it('refuses observers (403), unknown (404) and removed (409) recommendations', () => {
    const { h, recId } = withRec();
    expect(h.run(olga, { type: 'position.set', recId, kind: 'supports' })).toMatchObject({
      status: 403,
    });
    expect(h.run(bob, { type: 'position.set', recId: 'nope', kind: 'supports' })).toMatchObject({
      status: 404,
    });
    h.ok(chair, { type: 'rec.remove', recId });
    expect(h.run(bob, { type: 'position.set', recId, kind: 'supports' })).toMatchObject({
      status: 409,
    });
  });

  it('is final once the text is agreed, and open again when the chair reopens it', () => {
    const { h, recId } = withRec();
    h.ok(bob, { type: 'position.set', recId, kind: 'supports' });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    expect(
      h.run(bob, { type: 'position.set', recId, kind: 'objects', text: 'Changed our mind' }),
    ).toMatchObject({ status: 409, code: 'invalid_state' });
    expect(h.run(bob, { type: 'position.clear', recId })).toMatchObject({ status: 409 });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'discussed' });
    h.ok(bob, { type: 'position.set', recId, kind: 'can_accept' });
  });

  it('refuses a withdrawn recommendation', () => {
    const { h, recId } = withRec();
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'withdrawn' });
    expect(h.run(bob, { type: 'position.set', recId, kind: 'supports' })).toMatchObject({
      status: 409,
    });
  });
});

describe('position.clear', () => {
  it("takes back the organisation's position, whoever of it set it", () => {
    const { h, recId } = withRec();
    h.ok(alice, { type: 'position.set', recId, kind: 'supports' });
    h.ok(carol, { type: 'position.clear', recId });
    expect(readPositions(h.doc, recId)).toEqual([]);
    expect(h.run(carol, { type: 'position.clear', recId })).toMatchObject({ status: 409 });
  });
});

describe('rec.setStatus agreed', () => {
  it('needs a confirmation while an organisation objects, naming it', () => {
    const { h, recId } = withRec();
    h.ok(bob, { type: 'position.set', recId, kind: 'objects', text: 'Not as drafted' });
    h.ok(alice, { type: 'position.set', recId, kind: 'supports' });
    const refused = h.run(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    expect(refused).toMatchObject({ ok: false, status: 409, code: 'confirmation_required' });
    expect(refused.ok ? '' : refused.message).toContain('Women NGO Alliance');
    expect(readRecommendations(h.doc)[0]?.status).toBe('draft');
    // Other statuses need no confirmation.
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'discussed' });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed', confirmObjections: true });
    expect(readRecommendations(h.doc)[0]?.status).toBe('agreed');
  });

  it('freezes the positions of that moment with the agreement, and clears them on reopening', () => {
    const { h, recId } = withRec();
    h.ok(alice, { type: 'position.set', recId, kind: 'reservation', text: 'Name the budget line' });
    h.ok(bob, { type: 'position.set', recId, kind: 'supports' });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    const agreed = readRecommendations(h.doc)[0]?.agreedPositions;
    expect(agreed).toEqual(readPositions(h.doc, recId));
    expect(agreed?.map((p) => p.kind)).toEqual(['reservation', 'supports']);
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'discussed' });
    expect(readRecommendations(h.doc)[0]?.agreedPositions).toBeUndefined();
  });

  it('agrees without a confirmation when nobody objects', () => {
    const { h, recId } = withRec();
    h.ok(bob, { type: 'position.set', recId, kind: 'can_accept' });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    expect(readRecommendations(h.doc)[0]?.agreedPositions).toHaveLength(1);
  });
});
