import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { decodeFrame } from './protocol.js';
import { WarmState } from './WarmState.js';

const EMPTY_SV = Y.encodeStateVector(new Y.Doc());

function updateOf(frame: Uint8Array): Uint8Array {
  const f = decodeFrame(frame);
  if (f.type !== 'syncStep2') throw new Error(`expected step 2, got ${f.type}`);
  return f.update;
}

function textOf(update: Uint8Array): string {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return text(d).toString();
}

/** A text for the tests, nested in the meeting map (roots are named in shared only). */
function text(doc: Y.Doc): Y.Text {
  const m = meetingRoots(doc).meeting;
  const t = m.get('t');
  if (t instanceof Y.Text) return t;
  const fresh = new Y.Text();
  m.set('t', fresh);
  return fresh;
}

describe('WarmState', () => {
  it('encodes the full state once for every empty state vector, the same bytes each time', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'hello');
    const warm = new WarmState(doc);
    const a = warm.syncStep2(EMPTY_SV);
    const b = warm.syncStep2(EMPTY_SV);
    // Encoded once: the second answer is the first one's bytes, not a new encode.
    expect(b).toBe(a);
    expect(textOf(updateOf(a))).toBe('hello');
  });

  it('is invalidated by any change to the doc, whatever its origin', () => {
    const doc = new Y.Doc();
    const warm = new WarmState(doc);
    const before = warm.syncStep2(EMPTY_SV);
    const step1 = warm.syncStep1();
    text(doc).insert(0, 'a');
    const afterInsert = warm.syncStep2(EMPTY_SV);
    expect(textOf(updateOf(afterInsert))).toBe('a');
    expect(warm.syncStep1()).not.toEqual(step1);
    // From another doc, with a foreign origin, deletions only.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    text(other).delete(0, 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), { source: 'redis' });
    const afterDelete = warm.syncStep2(EMPTY_SV);
    expect(textOf(updateOf(afterDelete))).toBe('');
    // Three encodes, one per state: three distinct answers, the last one kept.
    expect(new Set([before, afterInsert, afterDelete]).size).toBe(3);
    expect(warm.syncStep2(EMPTY_SV)).toBe(afterDelete);
  });

  it('keeps the cache across transactions that change nothing', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'x');
    const warm = new WarmState(doc);
    const first = warm.syncStep2(EMPTY_SV);
    doc.transact(() => undefined);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc)); // already held
    // Encoded once: the same answer, not a new encode.
    expect(warm.syncStep2(EMPTY_SV)).toBe(first);
  });

  it('includes updates held pending (missing dependencies) once they arrive', () => {
    const src = new Y.Doc();
    const t = text(src);
    t.insert(0, 'a');
    const first = Y.encodeStateAsUpdate(src);
    const sv = Y.encodeStateVector(src);
    t.insert(1, 'b');
    const second = Y.encodeStateAsUpdate(src, sv);
    const doc = new Y.Doc();
    const warm = new WarmState(doc);
    warm.syncStep2(EMPTY_SV);
    Y.applyUpdate(doc, second); // pending: needs `first`
    const mid = new Y.Doc();
    Y.applyUpdate(mid, updateOf(warm.syncStep2(EMPTY_SV)));
    Y.applyUpdate(mid, first);
    expect(text(mid).toString()).toBe('ab');
    Y.applyUpdate(doc, first);
    expect(textOf(updateOf(warm.syncStep2(EMPTY_SV)))).toBe('ab');
  });

  it('answers a non-empty state vector with only what the client lacks', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'abc'.repeat(100));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    text(doc).insert(300, 'd');
    const warm = new WarmState(doc);
    const sv = Y.encodeStateVector(client);
    const answer = warm.syncStep2(sv);
    const diff = updateOf(answer);
    expect(diff.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
    Y.applyUpdate(client, diff);
    expect(text(client).toString()).toBe('abc'.repeat(100) + 'd');
    // Nothing shared was encoded: the same question is answered anew.
    expect(warm.syncStep2(sv)).not.toBe(answer);
  });

  it('answers every client that holds all structs with one shared frame carrying the deletions', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'hello world');
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (const c of [a, b]) Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
    // While they are away, only deletions happen: their state vectors still cover the doc.
    text(doc).delete(0, 6);
    const warm = new WarmState(doc);
    const ra = warm.syncStep2(Y.encodeStateVector(a));
    // b made an offline edit of its own: an id the server lacks does not matter.
    text(b).insert(text(b).length, '!');
    const rb = warm.syncStep2(Y.encodeStateVector(b));
    // Encoded once for both: the same bytes.
    expect(rb).toBe(ra);
    Y.applyUpdate(a, updateOf(ra));
    Y.applyUpdate(b, updateOf(rb));
    expect(text(a).toString()).toBe('world');
    expect(text(b).toString()).toBe('world!');
    // A later deletion drops the shared answer.
    text(doc).delete(0, 1);
    const again = warm.syncStep2(Y.encodeStateVector(a));
    expect(again).not.toBe(ra);
    Y.applyUpdate(a, updateOf(again));
    expect(text(a).toString()).toBe('orld');
  });

  it('does not share the covering answer with a client lacking structs, nor while updates are pending', () => {
    const doc = new Y.Doc();
    text(doc).insert(0, 'ab');
    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(doc));
    const svBehind = Y.encodeStateVector(behind);
    text(doc).insert(2, 'c');
    const warm = new WarmState(doc);
    const current = new Y.Doc();
    Y.applyUpdate(current, Y.encodeStateAsUpdate(doc));
    const shared = warm.syncStep2(Y.encodeStateVector(current));
    const toBehind = warm.syncStep2(svBehind);
    expect(toBehind).not.toBe(shared);
    Y.applyUpdate(behind, updateOf(toBehind));
    expect(text(behind).toString()).toBe('abc');
    // An update whose dependency is missing stays pending in the doc: each answer is its own.
    const src = new Y.Doc();
    Y.applyUpdate(src, Y.encodeStateAsUpdate(doc));
    const svSrc = Y.encodeStateVector(src);
    text(src).insert(3, 'd');
    const dep = Y.encodeStateAsUpdate(src, svSrc);
    const svDep = Y.encodeStateVector(src);
    text(src).insert(4, 'e');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(src, svDep)); // pending: needs `dep`
    expect(doc.store.pendingStructs).not.toBeNull();
    const p1 = warm.syncStep2(Y.encodeStateVector(current));
    const p2 = warm.syncStep2(Y.encodeStateVector(current));
    expect(p2).not.toBe(p1);
    Y.applyUpdate(current, updateOf(p1));
    Y.applyUpdate(current, dep);
    expect(text(current).toString()).toBe('abcde');
  });

  it('stops listening once destroyed', () => {
    const doc = new Y.Doc();
    const warm = new WarmState(doc);
    warm.destroy();
    text(doc).insert(0, 'z');
    expect(textOf(updateOf(warm.syncStep2(EMPTY_SV)))).toBe('z');
  });
});
