import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ErrorCode,
  listSuggestions,
  readMeeting,
  readRecommendations,
  recommendationText,
} from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';
import { suggestionFormat } from '../test-support/suggestionFormat.js';

const { chair, alice, bob, carol } = people;

/**
 * A text "Adopt the law now." proposed by alice, with suggestions: bob
 * (Women NGO Alliance) inserts " gender" and strikes "now"; carol (the
 * ombudsman, alice's organisation) inserts " today".
 */
function withSuggestions() {
  const { h, itemId } = CommandHarness.live();
  const recId =
    h.ok(alice, { type: 'rec.create', agendaItemId: itemId, title: 'Adopt a law' }).recId ?? '';
  const text = new Y.XmlText();
  h.doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text]);
    recommendationText(h.doc, recId)?.insert(0, [p]);
    text.insert(0, 'Adopt the law now.');
    text.insert(9, ' gender', suggestionFormat('insertion', { id: 'u-bob:i1', by: 'u-bob' }));
    text.format(21, 3, suggestionFormat('deletion', { id: 'u-bob:d1', by: 'u-bob' }));
    text.insert(24, ' today', suggestionFormat('insertion', { id: 'u-carol:i2', by: 'u-carol' }));
  });
  return { h, recId, text };
}

describe('suggestion.decide', () => {
  it('the fixture reads as three pending suggestions', () => {
    const { h, recId, text } = withSuggestions();
    expect(text.toString().replace(/<[^>]+>/g, '')).toBe('Adopt the gender law now today.');
    expect(
      listSuggestions(recommendationText(h.doc, recId)!).map((s) => [s.kind, s.by, s.text]),
    ).toEqual([
      ['insertion', 'u-bob', ' gender'],
      ['deletion', 'u-bob', 'now'],
      ['insertion', 'u-carol', ' today'],
    ]);
  });

  it('accepting an insertion keeps its text unmarked; rejecting a deletion keeps the text', () => {
    const { h, recId, text } = withSuggestions();
    const out = h.ok(chair, {
      type: 'suggestion.decide',
      recId,
      decision: 'accept',
      suggestionId: 'u-bob:i1',
    });
    expect(out.decided).toEqual([
      {
        id: 'u-bob:i1',
        kind: 'insertion',
        by: 'u-bob',
        organisation: bob.organisation,
        text: ' gender',
      },
    ]);
    h.ok(chair, { type: 'suggestion.decide', recId, decision: 'reject', suggestionId: 'u-bob:d1' });
    expect(text.toDelta()).toEqual([
      { insert: 'Adopt the gender law now' },
      {
        insert: ' today',
        attributes: suggestionFormat('insertion', { id: 'u-carol:i2', by: 'u-carol' }),
      },
      { insert: '.' },
    ]);
  });

  it('rejecting an insertion removes it; accepting a deletion removes the text', () => {
    const { h, recId, text } = withSuggestions();
    h.ok(chair, { type: 'suggestion.decide', recId, decision: 'reject', suggestionId: 'u-bob:i1' });
    h.ok(chair, { type: 'suggestion.decide', recId, decision: 'accept', suggestionId: 'u-bob:d1' });
    expect(text.toString().replace(/<[^>]+>/g, '')).toBe('Adopt the law  today.');
  });

  it('one organisation’s suggestions at once, by the server’s organisation of each suggester', () => {
    const { h, recId, text } = withSuggestions();
    // Alice's spelling; carol's membership spells it differently: compared by organisationKey.
    const out = h.ok(chair, {
      type: 'suggestion.decide',
      recId,
      decision: 'reject',
      organisation: alice.organisation,
    });
    expect(out.decided?.map((d) => [d.by, d.organisation])).toEqual([
      ['u-carol', carol.organisation],
    ]);
    expect(listSuggestions(recommendationText(h.doc, recId)!).map((s) => s.id)).toEqual([
      'u-bob:i1',
      'u-bob:d1',
    ]);
    expect(text.toString()).not.toContain('today');
  });

  it('all at once, in one update', () => {
    const { h, recId, text } = withSuggestions();
    const updates: Uint8Array[] = [];
    h.doc.on('update', (u: Uint8Array) => updates.push(u));
    const out = h.ok(chair, { type: 'suggestion.decide', recId, decision: 'accept' });
    expect(out.decided).toHaveLength(3);
    expect(updates).toHaveLength(1);
    expect(text.toDelta()).toEqual([{ insert: 'Adopt the gender law  today.' }]);
  });

  it('a participant may not decide; the proposer may once the chair allows it', () => {
    const { h, recId } = withSuggestions();
    const cmd = { type: 'suggestion.decide', recId, decision: 'accept' } as const;
    expect(h.run(bob, cmd)).toMatchObject({ ok: false, status: 403 });
    expect(h.run(alice, cmd)).toMatchObject({ ok: false, status: 403 });
    h.ok(chair, { type: 'rec.suggestionSettings', recId, proposerDecides: true });
    expect(h.run(bob, cmd)).toMatchObject({ ok: false, status: 403 });
    expect(h.run(alice, cmd)).toMatchObject({ ok: true });
  });

  it('nothing left to decide (a stale screen): 409, nothing written', () => {
    const { h, recId } = withSuggestions();
    const cmd = {
      type: 'suggestion.decide',
      recId,
      decision: 'accept',
      suggestionId: 'u-bob:i1',
    } as const;
    h.ok(chair, cmd);
    expect(h.run(chair, cmd)).toMatchObject({ ok: false, status: 409, code: 'stale' });
  });

  it('an agreed text is locked: no decision (409) until the chair sets it back', () => {
    const { h, recId } = withSuggestions();
    h.ok(chair, { type: 'rec.suggestionSettings', recId, proposerDecides: true });
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'agreed' });
    const fragment = recommendationText(h.doc, recId)!;
    const before = fragment.toString();
    for (const actor of [chair, alice]) {
      for (const decision of ['accept', 'reject'] as const)
        expect(h.run(actor, { type: 'suggestion.decide', recId, decision })).toMatchObject({
          ok: false,
          status: 409,
          code: ErrorCode.invalidState,
        });
    }
    expect(fragment.toString()).toBe(before);
    expect(listSuggestions(fragment)).toHaveLength(3);
    h.ok(chair, { type: 'rec.setStatus', recId, status: 'discussed' });
    h.ok(chair, { type: 'suggestion.decide', recId, decision: 'accept' });
    expect(listSuggestions(fragment)).toHaveLength(0);
  });
});

describe('suggestions-only settings', () => {
  it('the chair sets the meeting and one text; participants may not', () => {
    const { h, recId } = withSuggestions();
    h.ok(chair, { type: 'meeting.suggestionsOnly', on: true });
    expect(readMeeting(h.doc).suggestionsOnly).toBe(true);
    h.ok(chair, { type: 'rec.suggestionSettings', recId, suggestionsOnly: true });
    expect(readRecommendations(h.doc)[0]).toMatchObject({
      suggestionsOnly: true,
      proposerDecides: false,
    });
    expect(h.run(alice, { type: 'meeting.suggestionsOnly', on: false })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      h.run(alice, { type: 'rec.suggestionSettings', recId, suggestionsOnly: false }),
    ).toMatchObject({ ok: false, status: 403 });
  });
});
