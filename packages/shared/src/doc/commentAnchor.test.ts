import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseRelativePosition } from '../presence.js';
import {
  anchorInRecommendation,
  anchorInText,
  anchorPlace,
  anchoredText,
  normaliseQuote,
} from './commentAnchor.js';
import { insertThread, readThreads } from './comments.js';
import { meetingRoots } from './roots.js';
import { insertRecommendation } from './write.js';

const TEXT = 'Shelters must open in 2027 in every region.';
const QUOTE = 'in 2027';

/** A meeting doc with recommendation r1 holding one paragraph of TEXT. */
function seeded(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    insertRecommendation(doc, {
      id: 'r1',
      agendaItemId: 'a',
      title: 'T',
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
    insertRecommendation(doc, {
      id: 'r2',
      agendaItemId: 'a',
      title: 'T2',
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
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(TEXT)]);
    meetingRoots(doc).texts.get('r1')!.insert(0, [p]);
  });
  return doc;
}

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const p = meetingRoots(doc).texts.get('r1')!.get(index) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

function peer(of: Y.Doc): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(of));
  return d;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('comment anchors', () => {
  it('are strict relative positions in the shared JSON form', () => {
    const doc = seeded();
    const from = TEXT.indexOf(QUOTE);
    const anchor = anchorInText(paragraphText(doc, 0), from, from + QUOTE.length);
    expect(parseRelativePosition(anchor.start)).toEqual(anchor.start);
    expect(parseRelativePosition(anchor.end)).toEqual(anchor.end);
    expect(anchorInRecommendation(doc, 'r1', anchor)).toBe(true);
    // Not in another recommendation's text.
    expect(anchorInRecommendation(doc, 'r2', anchor)).toBe(false);
    expect(anchorInRecommendation(doc, 'nope', anchor)).toBe(false);
    // A struct the doc does not hold.
    const unknown = { ...anchor.start, item: { client: 999_999, clock: 5 } };
    expect(anchorInRecommendation(doc, 'r1', { start: unknown, end: anchor.end })).toBe(false);
    expect(anchorPlace(doc, 'r1', anchor)).toEqual({ detached: false, text: QUOTE });
  });

  it('holds after a paragraph is inserted above and concurrent edits inside the paragraph', () => {
    const server = seeded();
    const from = TEXT.indexOf(QUOTE);
    const anchor = anchorInText(paragraphText(server, 0), from, from + QUOTE.length);
    const a = peer(server);
    const b = peer(server);
    // A: a new paragraph above. B, at the same time: words before, after and inside the range.
    a.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Preamble.')]);
      meetingRoots(a).texts.get('r1')!.insert(0, [p]);
    });
    b.transact(() => {
      const t = paragraphText(b, 0);
      t.insert(TEXT.length, ' By law.');
      t.insert(from + 'in '.length, 'early ');
      t.insert(0, 'All ');
    });
    sync(a, b);
    sync(server, a);
    for (const doc of [server, a, b]) {
      expect(paragraphText(doc, 1).toString()).toBe(
        'All Shelters must open in early 2027 in every region. By law.',
      );
      expect(anchorPlace(doc, 'r1', anchor)).toEqual({ detached: false, text: 'in early 2027' });
    }
  });

  it('text typed right at either edge stays outside the range', () => {
    const doc = seeded();
    const from = TEXT.indexOf(QUOTE);
    const anchor = anchorInText(paragraphText(doc, 0), from, from + QUOTE.length);
    paragraphText(doc, 0).insert(from + QUOTE.length, ' or 2028');
    paragraphText(doc, 0).insert(from, 'only ');
    expect(anchorPlace(doc, 'r1', anchor).text).toBe(QUOTE);
  });

  it('detaches when the anchored text is deleted; the thread stays with its quote', () => {
    const doc = seeded();
    const from = TEXT.indexOf(QUOTE);
    const anchor = anchorInText(paragraphText(doc, 0), from, from + QUOTE.length);
    insertThread(doc, {
      id: 't1',
      recId: 'r1',
      anchor,
      quote: QUOTE,
      status: 'open',
      replies: [],
      authorId: 'u1',
      authorName: 'Dana',
      organisation: 'Kadir-Kasiyet',
      orgType: 'ngo',
      text: 'Why 2027?',
      at: 5,
      hidden: false,
    });
    paragraphText(doc, 0).delete(from - 1, QUOTE.length + 2);
    expect(anchorPlace(doc, 'r1', anchor)).toEqual({ detached: true, text: null });
    expect(readThreads(doc, 'r1').map((t) => [t.id, t.quote])).toEqual([['t1', QUOTE]]);
  });

  it('detaches when the whole paragraph goes', () => {
    const doc = seeded();
    const anchor = anchorInText(paragraphText(doc, 0), 0, 8);
    meetingRoots(doc).texts.get('r1')!.delete(0, 1);
    expect(anchorPlace(doc, 'r1', anchor).detached).toBe(true);
  });
});

describe('readThreads', () => {
  it('skips threads it cannot trust', () => {
    const doc = seeded();
    const anchor = anchorInText(paragraphText(doc, 0), 0, 8);
    const good = {
      id: 't1',
      recId: 'r1',
      anchor,
      quote: 'Shelters',
      status: 'open' as const,
      replies: [{ id: 'p1' }, 'junk'],
      authorId: 'u1',
      authorName: 'Dana',
      organisation: 'NGO',
      orgType: 'ngo' as const,
      text: 'Hm',
      at: 5,
      hidden: false,
    };
    insertThread(doc, good as never);
    insertThread(doc, { ...good, id: 't2', status: 'closed' } as never);
    insertThread(doc, { ...good, id: 't3', anchor: { start: 'x', end: anchor.end } } as never);
    insertThread(doc, { ...good, id: 't4', orgType: 'cabal' } as never);
    insertThread(doc, { ...good, id: 't5', text: 'x'.repeat(5000) } as never);
    meetingRoots(doc).comments.set('t6', 'not a map' as never);
    const threads = readThreads(doc);
    expect(threads.map((t) => t.id)).toEqual(['t1']);
    expect(threads[0]?.replies).toEqual([]);
  });
});

describe('anchoredText', () => {
  it('reads the text an anchor spans, across paragraphs, and null once detached', () => {
    const doc = seeded();
    const second = new Y.XmlElement('paragraph');
    second.insert(0, [new Y.XmlText('Funds follow.')]);
    meetingRoots(doc).texts.get('r1')!.insert(1, [second]);
    const one = paragraphText(doc, 0);
    const two = second.get(0) as Y.XmlText;
    const from = TEXT.indexOf('every');
    const across = {
      start: anchorInText(one, from, from + 1).start,
      end: anchorInText(two, 0, 5).end,
    };
    expect(normaliseQuote(anchoredText(doc, 'r1', across) ?? '')).toBe('every region. Funds');
    const within = anchorInText(one, 0, 8);
    expect(anchoredText(doc, 'r1', within)).toBe('Shelters');
    expect(anchoredText(doc, 'r2', within)).toBeNull();
    meetingRoots(doc).texts.get('r1')!.delete(0, 1);
    expect(anchoredText(doc, 'r1', within)).toBeNull();
  });
});
