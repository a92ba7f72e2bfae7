import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { mergeForBroadcast } from './RoomPipeline.js';

/** A text for the tests, nested in the meeting map (roots are named in shared only). */
function text(doc: Y.Doc): Y.Text {
  const m = meetingRoots(doc).meeting;
  const t = m.get('t');
  if (t instanceof Y.Text) return t;
  const fresh = new Y.Text();
  m.set('t', fresh);
  return fresh;
}

describe('mergeForBroadcast', () => {
  it('passes a single update through untouched', () => {
    const d = new Y.Doc();
    text(d).insert(0, 'x');
    const u = Y.encodeStateAsUpdate(d);
    expect(mergeForBroadcast([u])).toBe(u);
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
    Y.applyUpdate(peer, mergeForBroadcast([...ua, ...ub]));
    Y.applyUpdate(a, mergeForBroadcast(ub));
    expect(text(peer).toString()).toBe(text(a).toString());
  });
});
