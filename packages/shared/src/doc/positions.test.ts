import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../commands.js';
import { MAX_POSITION_TEXT, type Position } from './shapes.js';
import { insertRecommendation } from './write.js';
import { readRecommendations } from './read.js';
import { meetingRoots, CONTROL_ROOTS, ROOT } from './roots.js';
import { deletePosition, readPosition, readPositions, writePosition } from './positions.js';

const ngo: Position = {
  organisation: 'Kadir-Kasiyet',
  key: 'kadir-kasiyet',
  orgType: 'ngo',
  kind: 'reservation',
  text: 'Paragraph 2 should name the budget line.',
  userId: 'u1',
  name: 'Aigerim',
  at: 10,
};

function docWithRec(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() =>
    insertRecommendation(doc, {
      id: 'r1',
      agendaItemId: 'a1',
      title: 'T',
      status: 'draft',
      proposerId: 'u0',
      proposerName: 'Chair',
      proposerOrganisation: 'MFA',
      createdAt: 1,
      endorsements: [],
      agreedAt: null,
      suggestionsOnly: false,
      proposerDecides: false,
    }),
  );
  return doc;
}

describe('positions in the document', () => {
  it('is a server-written control root', () => {
    expect(CONTROL_ROOTS).toContain(ROOT.positions);
  });

  it('writes one position per organisation key and reads them back in time order', () => {
    const doc = docWithRec();
    const ministry: Position = {
      ...ngo,
      organisation: 'Ministry of Internal Affairs',
      key: 'ministry of internal affairs',
      orgType: 'government',
      kind: 'supports',
      text: '',
      at: 5,
    };
    writePosition(doc, 'r1', ngo);
    writePosition(doc, 'r1', ministry);
    expect(readPositions(doc, 'r1')).toEqual([ministry, ngo]);
    // A second member of the NGO changes the organisation's position.
    const changed = { ...ngo, kind: 'objects' as const, userId: 'u2', name: 'Dana', at: 20 };
    writePosition(doc, 'r1', changed);
    expect(readPositions(doc, 'r1')).toEqual([ministry, changed]);
    expect(deletePosition(doc, 'r1', ngo.key)).toBe(true);
    expect(deletePosition(doc, 'r1', ngo.key)).toBe(false);
    expect(readPositions(doc, 'r1')).toEqual([ministry]);
    expect(readPositions(doc, 'nope')).toEqual([]);
  });

  it('skips any value it cannot trust (clients survive what the server relays)', () => {
    const doc = docWithRec();
    const m = new Y.Map<unknown>();
    meetingRoots(doc).positions.set('r1', m);
    m.set('a', 'string');
    m.set('b', null);
    m.set('c', { ...ngo, key: 'c', kind: 'vetoes' });
    m.set('d', { ...ngo, key: 'd', text: '' }); // a reservation without its reason
    m.set('e', { ...ngo, key: 'e', text: 'x'.repeat(MAX_POSITION_TEXT + 1) });
    m.set('f', { ...ngo, key: 'someone-else' }); // claims another key than its own
    m.set('g', { ...ngo, key: 'g', at: 'soon' });
    m.set(ngo.key, ngo);
    meetingRoots(doc).positions.set('r2', 'not a map' as unknown as Y.Map<unknown>);
    expect(readPositions(doc, 'r1')).toEqual([ngo]);
    expect(readPositions(doc, 'r2')).toEqual([]);
    expect(readPosition([ngo])).toBeNull();
  });

  it('reads the frozen positions of an agreed recommendation, bad entries skipped', () => {
    const doc = docWithRec();
    meetingRoots(doc)
      .recommendations.get(0)
      .set('agreedPositions', [ngo, 7, { kind: 'supports' }]);
    expect(readRecommendations(doc)[0]?.agreedPositions).toEqual([ngo]);
    meetingRoots(doc).recommendations.get(0).set('agreedPositions', 'junk');
    expect(readRecommendations(doc)[0]?.agreedPositions).toBeUndefined();
  });
});

describe('position.set', () => {
  it('needs a text for a reservation or objection, and takes none otherwise', () => {
    expect(parseCommand({ type: 'position.set', recId: 'r1', kind: 'objects' })).toMatchObject({
      ok: false,
    });
    expect(
      parseCommand({ type: 'position.set', recId: 'r1', kind: 'reservation', text: '   ' }),
    ).toMatchObject({ ok: false });
    expect(
      parseCommand({ type: 'position.set', recId: 'r1', kind: 'supports', text: 'why' }),
    ).toMatchObject({ ok: false });
    expect(parseCommand({ type: 'position.set', recId: 'r1', kind: 'can_accept' })).toMatchObject({
      ok: true,
    });
  });

  it('bounds the text', () => {
    const long = 'x'.repeat(MAX_POSITION_TEXT + 1);
    expect(
      parseCommand({ type: 'position.set', recId: 'r1', kind: 'objects', text: long }),
    ).toMatchObject({ ok: false });
    expect(
      parseCommand({ type: 'position.set', recId: 'r1', kind: 'objects', text: long.slice(1) }),
    ).toMatchObject({ ok: true });
  });
});
