import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { anchorInText, insertRecommendation, insertThread, meetingRoots } from '@kenes/shared';
import { threadSource } from './useThreads.js';

function room(): { doc: Y.Doc; words: Y.XmlText; other: Y.XmlText } {
  const doc = new Y.Doc();
  const texts: Y.XmlText[] = [];
  doc.transact(() => {
    for (const id of ['r1', 'r2']) {
      insertRecommendation(doc, {
        id,
        agendaItemId: 'a',
        title: id,
        status: 'draft',
        proposerId: 'u',
        proposerName: 'U',
        proposerOrganisation: 'O',
        createdAt: 1,
        endorsements: [],
        agreedAt: null,
        suggestionsOnly: false,
        proposerDecides: false,
      });
      const t = new Y.XmlText('Fund shelters in every region');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [t]);
      meetingRoots(doc).texts.get(id)!.insert(0, [p]);
      texts.push(t);
    }
  });
  return { doc, words: texts[0]!, other: texts[1]! };
}

describe('threadSource', () => {
  it('re-reads on comments and on its own text, not on keystrokes in another text', () => {
    const { doc, words, other } = room();
    const source = threadSource(doc, 'r1');
    let changes = 0;
    const stop = source.subscribe(() => changes++);
    const first = source.getSnapshot();
    expect(first).toEqual([]);
    other.insert(0, 'Elsewhere: ');
    expect(changes).toBe(0);
    expect(source.getSnapshot()).toBe(first);
    insertThread(doc, {
      id: 't1',
      recId: 'r1',
      anchor: anchorInText(words, 5, 13),
      quote: 'shelters',
      status: 'open',
      replies: [],
      authorId: 'u',
      authorName: 'Dana',
      organisation: 'NGO',
      orgType: 'ngo',
      text: 'How many?',
      at: 1,
      hidden: false,
    });
    expect(changes).toBe(1);
    expect(source.getSnapshot()).toMatchObject([{ place: { detached: false, text: 'shelters' } }]);
    words.delete(4, 10);
    expect(changes).toBe(2);
    expect(source.getSnapshot()).toMatchObject([{ place: { detached: true } }]);
    stop();
  });
});
