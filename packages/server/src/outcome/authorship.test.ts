import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { cast, scriptMeeting, textNode, element } from '../test-support/outcomeScript.js';
import { AttributionIndex } from '../attribution/AttributionIndex.js';
import { attributeAuthorship, readRawAuthorship, type Author } from './authorship.js';

const authors: Record<string, Author> = Object.fromEntries(
  Object.values(cast).map((p) => [
    p.userId,
    { userId: p.userId, name: p.name, organisation: p.organisation, orgType: p.orgType },
  ]),
);

function attribute(m: ReturnType<typeof scriptMeeting>, moved?: AttributionIndex) {
  const owner = new Map(m.bindings.map((b) => [b.clientId, b.userId]));
  return attributeAuthorship(
    readRawAuthorship(m.doc),
    (client) => {
      const id = owner.get(client);
      return id ? (authors[id] ?? null) : null;
    },
    moved && { index: moved, authorOfUser: (id) => authors[id] ?? null },
  );
}

/** The Yjs id of the item whose text starts with `text`. */
function itemOf(doc: Y.Doc, text: string): Y.ID {
  for (const structs of doc.store.clients.values())
    for (const s of structs)
      if (
        s instanceof Y.Item &&
        s.content instanceof Y.ContentString &&
        s.content.str.startsWith(text)
      )
        return s.id;
  throw new Error(`no item "${text}"`);
}

/** Blocks as `organisation: text` runs, for compact expectations. */
const runsOf = (rec: ReturnType<typeof attribute>[number]) =>
  rec.blocks.map((b) => b.runs.map((r) => `${r.organisation ?? '?'}: ${r.text}`));

describe('authorship', () => {
  it('attributes each inserted run to the organisation of the client that wrote it', () => {
    const m = scriptMeeting();
    const [rec1, rec2] = attribute(m);
    expect(rec1!.id).toBe(m.rec1);
    expect(runsOf(rec1!)).toEqual([
      ['Ombudsman Office: Preamble'],
      ['Ombudsman Office: The State shall adopt a law on equal rights.'],
      ['Women NGO Alliance: Quotas in parliament', 'Ombudsman Office:  by 2030'],
      ['Women NGO Alliance: Equal pay audits'],
    ]);
    expect(rec1!.blocks.map((b) => [b.type, b.depth, b.level])).toEqual([
      ['heading', 0, 2],
      ['paragraph', 0, undefined],
      ['paragraph', 1, undefined],
      ['paragraph', 1, undefined],
    ]);
    expect(rec1!.organisations).toEqual([
      {
        organisation: 'Ombudsman Office',
        orgType: 'nhri',
        chars:
          'Preamble'.length +
          'The State shall adopt a law on equal rights.'.length +
          ' by 2030'.length,
      },
      {
        organisation: 'Women NGO Alliance',
        orgType: 'ngo',
        chars: 'Quotas in parliament'.length + 'Equal pay audits'.length,
      },
    ]);
    expect(runsOf(rec2!)).toEqual([
      ['Women NGO Alliance: Open shelters in every region'],
      ['Women NGO Alliance: Train the police'],
      ['Mazhilis Social Committee: Funded from the state budget.'],
    ]);
    expect(rec2!.blocks[2]!.runs[0]).toEqual({
      text: 'Funded from the state budget.',
      userId: cast.dana.userId,
      name: 'Dana',
      organisation: 'Mazhilis Social Committee',
      orgType: 'parliament',
    });
  });

  it('leaves deleted text out and marks unknown clients as null', () => {
    const m = scriptMeeting();
    // Bob deletes "Preamble" (alice's) and types a word; a stranger client writes too.
    m.editor.bob.edit(m.rec1, (f) => {
      const t = (f.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.delete(0, 'Preamble'.length);
      t.insert(0, 'Context');
    });
    const stranger = new Y.Doc();
    stranger.clientID = 999;
    Y.applyUpdate(stranger, Y.encodeStateAsUpdate(m.doc));
    meetingRoots(stranger)
      .texts.get(m.rec2)!
      .insert(0, [element('paragraph', [textNode('Anon')])]);
    Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(stranger, Y.encodeStateVector(m.doc)));
    const [rec1, rec2] = attribute(m);
    expect(runsOf(rec1!)[0]).toEqual(['Women NGO Alliance: Context']);
    expect(rec2!.blocks[0]!.runs).toEqual([
      { text: 'Anon', userId: null, name: null, organisation: null, orgType: null },
    ]);
    expect(rec2!.organisations.at(-1)).toEqual({ organisation: null, orgType: null, chars: 4 });
  });

  it('credits text through moved-text records first, then through the client binding', () => {
    const m = scriptMeeting();
    // "Quotas in parliament" was re-inserted by the NGO's client: "Quotas" was the
    // Ombudsman's, "parl" nobody's known; the rest has no record.
    const { client, clock } = itemOf(m.doc, 'Quotas in parliament');
    const index = new AttributionIndex([
      { clientId: client, clock, length: 'Quotas'.length, userId: cast.alice.userId },
      { clientId: client, clock: clock + 'Quotas in '.length, length: 4, userId: null },
    ]);
    const [rec1] = attribute(m, index);
    expect(runsOf(rec1!)[2]).toEqual([
      'Ombudsman Office: Quotas',
      'Women NGO Alliance:  in ',
      '?: parl',
      'Women NGO Alliance: iament',
      'Ombudsman Office:  by 2030',
    ]);
    expect(rec1!.organisations.find((o) => o.organisation === null)).toEqual({
      organisation: null,
      orgType: null,
      chars: 4,
    });
    expect(rec1!.organisations.find((o) => o.organisation === 'Ombudsman Office')!.chars).toBe(
      'Preamble'.length +
        'The State shall adopt a law on equal rights.'.length +
        ' by 2030'.length +
        'Quotas'.length,
    );
  });
});
