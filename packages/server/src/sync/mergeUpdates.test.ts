import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { mergeUpdates } from './mergeUpdates.js';

/** The one paragraph's text of recommendation r1 in `doc`. */
const textOf = (doc: Y.Doc) =>
  (meetingRoots(doc).texts.get('r1')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** Every update `writers` docs make typing `n` keystrokes in turn into one text, a delete every tenth. */
function keystrokes(n: number, writers: number): Uint8Array[] {
  const start = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Recommendation: ')]);
  const fragment = new Y.XmlFragment();
  fragment.insert(0, [paragraph]);
  meetingRoots(start).texts.set('r1', fragment);
  const seed = Y.encodeStateAsUpdate(start);
  const updates: Uint8Array[] = [seed];
  const docs = Array.from({ length: writers }, () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, seed);
    d.on('update', (u: Uint8Array) => updates.push(u));
    return d;
  });
  for (let i = 0; i < n; i++) {
    const text = textOf(docs[i % writers]!);
    text.insert(text.length, 'қ');
    if (i % 10 === 9) text.delete(0, 1);
  }
  return updates;
}

/** What a doc holds after applying `update`: its state and whether anything waits for missing structs. */
function applied(update: Uint8Array): { state: Uint8Array; text: string; pending: boolean } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return {
    state: Y.encodeStateAsUpdate(doc),
    text: meetingRoots(doc).texts.get('r1')?.toString() ?? '',
    pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
  };
}

describe('mergeUpdates', () => {
  it('gives the bytes Y.mergeUpdates gives, for one writer and for several', () => {
    for (const [n, writers] of [
      [1, 1],
      [15, 1],
      [17, 1],
      [2000, 1],
      [700, 5],
    ] as const) {
      const updates = keystrokes(n, writers);
      expect(Buffer.from(mergeUpdates(updates))).toEqual(Buffer.from(Y.mergeUpdates(updates)));
    }
  });

  it('merges the same however the updates are ordered', () => {
    const updates = keystrokes(300, 3);
    const shuffled = [...updates].reverse();
    expect(applied(mergeUpdates(shuffled))).toEqual(applied(Y.mergeUpdates(updates)));
  });

  it('keeps a gap as Yjs does: what follows a missing update stays pending', () => {
    const updates = keystrokes(200, 2);
    const gapped = updates.filter((_, i) => i !== 50);
    const ours = applied(mergeUpdates(gapped));
    expect(ours).toEqual(applied(Y.mergeUpdates(gapped)));
    expect(ours.pending).toBe(true);
  });

  it('returns a single update as it is, and an empty update for none', () => {
    const [u] = keystrokes(1, 1);
    expect(mergeUpdates([u!])).toBe(u);
    expect(applied(mergeUpdates([])).text).toBe('');
  });
});

/** A text for the tests, nested in the meeting map (roots are named in shared only). */
function text(doc: Y.Doc): Y.Text {
  const m = meetingRoots(doc).meeting;
  const t = m.get('t');
  if (t instanceof Y.Text) return t;
  const fresh = new Y.Text();
  m.set('t', fresh);
  return fresh;
}

describe('mergeUpdates for a broadcast', () => {
  it('passes a single update through untouched', () => {
    const d = new Y.Doc();
    text(d).insert(0, 'x');
    const u = Y.encodeStateAsUpdate(d);
    expect(mergeUpdates([u])).toBe(u);
  });

  it('folds the updates of one batch into one that brings a peer everything', () => {
    const base = new Y.Doc();
    text(base).insert(0, 'ab');
    const a = new Y.Doc();
    const b = new Y.Doc();
    const peer = new Y.Doc();
    for (const d of [a, b, peer]) Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
    const ua: Uint8Array[] = [];
    const ub: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => ua.push(u));
    b.on('update', (u: Uint8Array) => ub.push(u));
    text(a).insert(0, '1');
    text(b).delete(1, 1);
    text(b).insert(1, '2');
    Y.applyUpdate(peer, mergeUpdates([...ua, ...ub]));
    Y.applyUpdate(a, mergeUpdates(ub));
    expect(text(peer).toString()).toBe(text(a).toString());
  });
});
