import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  insertAgendaItem,
  insertRecommendation,
  meetingRoots,
  patchMeeting,
  type AgendaItem,
} from '@kenes/shared';
import { fragmentText, readVersionContent } from './readVersion.js';

/** A fresh recommendation body, attached to a doc so its content is readable. */
function fragment(): Y.XmlFragment {
  const frag = new Y.XmlFragment();
  meetingRoots(new Y.Doc()).texts.set('r', frag);
  return frag;
}

function paragraph(...children: Array<Y.XmlText | Y.XmlElement>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, children);
  return p;
}

describe('fragmentText', () => {
  it('puts blocks on lines of their own and drops marks', () => {
    const frag = fragment();
    const bold = new Y.XmlText();
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    frag.insert(0, [
      paragraph(new Y.XmlText('First '), bold),
      list,
      paragraph(new Y.XmlText('a'), new Y.XmlElement('hardBreak'), new Y.XmlText('b')),
      paragraph(),
    ]);
    bold.insert(0, 'bold', { bold: true });
    list.insert(0, [item]);
    item.insert(0, [paragraph(new Y.XmlText('one'))]);
    expect(fragmentText(frag)).toBe('First bold\none\na\nb\n');
    expect(frag.toString()).toContain('<bold>'); // what a plain toString would have leaked
  });

  it('is empty for a missing or empty fragment', () => {
    expect(fragmentText(undefined)).toBe('');
    expect(fragmentText(fragment())).toBe('');
  });
});

describe('readVersionContent', () => {
  it('reads meeting, visible agenda and recommendations with text from a snapshot', () => {
    const doc = new Y.Doc();
    const item = (id: string, title: string, status: AgendaItem['status']): AgendaItem => ({
      id,
      title,
      description: '',
      plannedMinutes: 10,
      status,
      startedAt: null,
      endedAt: null,
    });
    doc.transact(() => {
      patchMeeting(doc, { title: 'Dialogue', status: 'live' });
      insertAgendaItem(doc, 0, item('a1', 'Opening', 'active'));
      insertAgendaItem(doc, 1, item('a2', 'Gone', 'removed'));
      insertRecommendation(doc, {
        id: 'r1',
        agendaItemId: 'a1',
        title: 'Rec',
        status: 'draft',
        proposerId: 'u1',
        proposerName: 'Alice',
        proposerOrganisation: 'Org',
        createdAt: 1,
        endorsements: [],
        suggestionsOnly: false,
        proposerDecides: false,
        agreedAt: null,
      });
      meetingRoots(doc)
        .texts.get('r1')!
        .insert(0, [paragraph(new Y.XmlText('Adopt the law'))]);
    });
    const content = readVersionContent(Y.encodeStateAsUpdate(doc));
    expect(content.meeting).toMatchObject({ title: 'Dialogue', status: 'live' });
    expect(content.agenda.map((a) => a.id)).toEqual(['a1']);
    expect(content.recommendations).toEqual([
      expect.objectContaining({ id: 'r1', title: 'Rec', text: 'Adopt the law' }),
    ]);
  });

  it('reads an empty document with the readers’ defaults', () => {
    const content = readVersionContent(Y.encodeStateAsUpdate(new Y.Doc()));
    expect(content).toEqual({
      meeting: expect.objectContaining({ title: '', status: 'scheduled' }),
      agenda: [],
      recommendations: [],
    });
  });
});
