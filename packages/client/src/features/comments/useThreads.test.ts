import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { anchorInText, insertRecommendation, insertThread, meetingRoots } from '@kenes/shared';
import { threadIndex } from './threadIndex.js';
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

/** A well-formed thread of `recId` on the words 5–13 of `text`. */
function thread(id: string, recId: string, text: Y.XmlText, at = 1) {
  return {
    id,
    recId,
    anchor: anchorInText(text, 5, 13),
    quote: 'shelters',
    status: 'open' as const,
    replies: [],
    authorId: 'u',
    authorName: 'Dana',
    organisation: 'NGO',
    orgType: 'ngo' as const,
    text: 'How many?',
    at,
    hidden: false,
  };
}

describe('threadIndex', () => {
  it('tells only the recommendation whose threads changed, and keeps the others’ lists', () => {
    const { doc, words, other } = room();
    const index = threadIndex(doc);
    expect(threadIndex(doc)).toBe(index);
    const heard = { r1: 0, r2: 0 };
    const stops = (['r1', 'r2'] as const).map((r) => index.subscribe(r, () => heard[r]++));
    doc.transact(() => {
      insertThread(doc, thread('t2', 'r1', words, 2));
      insertThread(doc, thread('t1', 'r1', words, 1));
    });
    expect(heard).toEqual({ r1: 1, r2: 0 });
    const r1 = index.threadsOf('r1');
    expect(r1.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(index.threadsOf('r1')).toBe(r1);

    // A thread on r2, then a reply inside it (a change deep in its map): r1 hears nothing.
    insertThread(doc, thread('t3', 'r2', other));
    meetingRoots(doc)
      .comments.get('t3')!
      .set('replies', [{ ...thread('p1', 'r2', other), text: 'Twelve' }]);
    expect(heard).toEqual({ r1: 1, r2: 2 });
    expect(index.threadsOf('r1')).toBe(r1);
    expect(index.threadsOf('r2')[0]!.replies.map((p) => p.text)).toEqual(['Twelve']);

    // Resolved, then gone: read again each time.
    meetingRoots(doc).comments.get('t1')!.set('status', 'resolved');
    expect(index.threadsOf('r1').find((t) => t.id === 't1')?.status).toBe('resolved');
    meetingRoots(doc).comments.delete('t1');
    expect(index.threadsOf('r1').map((t) => t.id)).toEqual(['t2']);
    expect(heard).toEqual({ r1: 3, r2: 2 });
    stops.forEach((stop) => stop());
  });

  it('skips what it cannot trust: a thread under another key, an ill-formed one', () => {
    const { doc, words } = room();
    const index = threadIndex(doc);
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(thread('real', 'r1', words))) m.set(k, v);
      meetingRoots(doc).comments.set('other-key', m);
      const bad = new Y.Map<unknown>();
      bad.set('id', 'bad');
      bad.set('recId', 'r1');
      bad.set('anchor', '<img src=x onerror=alert(1)>');
      meetingRoots(doc).comments.set('bad', bad);
      insertThread(doc, thread('good', 'r1', words));
    });
    expect(index.threadsOf('r1').map((t) => t.id)).toEqual(['good']);
    // Made well-formed later: read then.
    meetingRoots(doc)
      .comments.get('bad')!
      .set('anchor', anchorInText(words, 0, 4));
    expect(index.threadsOf('r1').map((t) => t.id)).toEqual(['good']);
  });
});

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
