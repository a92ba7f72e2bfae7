import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { meetingRoots } from '@kenes/shared';
import { TextQuota, type TextQuotas } from './TextQuota.js';
import { mergeUpdates } from '../mergeUpdates.js';

const LIMITS: TextQuotas = {
  maxTextChars: 100,
  maxMeetingBytes: 1_000_000,
  userBytesPerSecond: 1_000_000,
  userByteBurst: 1_000_000,
};

/** A server doc with fragments `a` and `b`, and a client synced to it. */
function setUp() {
  const server = new Y.Doc();
  const texts = meetingRoots(server).texts;
  texts.set('a', new Y.XmlFragment());
  texts.set('b', new Y.XmlFragment());
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** The update a client change makes. */
function edit(client: Y.Doc, fn: (texts: Y.Map<Y.XmlFragment>) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  fn(meetingRoots(client).texts);
  return Y.encodeStateAsUpdate(client, before);
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

describe('TextQuota', () => {
  it('counts what an update inserts into each text, items of the update included', () => {
    const { server, client } = setUp();
    const q = new TextQuota(LIMITS, () => 0);
    const u = edit(client, (t) => {
      t.get('a')!.insert(0, [paragraph('x'.repeat(30))]);
      t.get('b')!.insert(0, [paragraph('y'.repeat(10))]);
    });
    const v = q.check(server, u, 'u1');
    expect(v.ok).toBe(true);
    // 30 characters + the paragraph and its text node.
    expect(v.ok && Object.fromEntries(v.growth)).toEqual({ a: 32, b: 12 });
  });

  it('counts a batch of keystrokes merged into one update, each placed after the one before', () => {
    const { server, client } = setUp();
    const q = new TextQuota({ ...LIMITS, maxTextChars: 10_000 }, () => 0);
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    const texts = meetingRoots(client).texts;
    texts.get('a')!.insert(0, [paragraph('')]);
    texts.get('b')!.insert(0, [paragraph('')]);
    const typeInto = (id: string) => {
      const text = (texts.get(id)!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, 'ә');
    };
    for (let i = 0; i < 1500; i++) typeInto(i % 3 === 0 ? 'b' : 'a');
    const v = q.check(server, mergeUpdates(updates), 'u1');
    expect(v.ok && Object.fromEntries(v.growth)).toEqual({ a: 1000 + 2, b: 500 + 2 });
  });

  it('refuses an update past a text quota, and measures again after deletions', () => {
    const { server, client } = setUp();
    const q = new TextQuota(LIMITS, () => 0);
    const first = edit(client, (t) => t.get('a')!.insert(0, [paragraph('x'.repeat(80))]));
    const v1 = q.check(server, first, 'u1');
    expect(v1.ok).toBe(true);
    if (v1.ok) q.admitted(first, 'u1', v1.growth);
    Y.applyUpdate(server, first);
    // Typing into the existing text node: its origin is an item of the doc.
    const more = edit(client, (t) => {
      const text = (t.get('a')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(80, 'z'.repeat(30));
    });
    expect(q.check(server, more, 'u1')).toEqual({
      ok: false,
      reason: 'text over its quota of 100 characters',
    });
    // Deleting makes room: the bound is over, the exact size is not.
    const cut = edit(client, (t) => {
      const text = (t.get('a')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete(0, 60);
    });
    Y.applyUpdate(server, cut);
    const again = edit(client, (t) => t.get('a')!.insert(1, [paragraph('w'.repeat(30))]));
    expect(q.check(server, again, 'u1').ok).toBe(true);
  });

  it('shares one edit rate among all of a user’s updates, refilled by the clock', () => {
    const { server, client } = setUp();
    let now = 0;
    const q = new TextQuota(
      { ...LIMITS, maxTextChars: 10_000, userBytesPerSecond: 100, userByteBurst: 250 },
      () => now,
    );
    const u = edit(client, (t) => t.get('b')!.insert(0, [paragraph('x'.repeat(150))]));
    expect(u.byteLength).toBeGreaterThan(125);
    const v = q.check(server, u, 'u1');
    expect(v.ok).toBe(true);
    if (v.ok) q.admitted(u, 'u1', v.growth);
    expect(q.check(server, u, 'u1')).toMatchObject({ ok: false });
    expect(q.check(server, u, 'u2').ok).toBe(true);
    now += 2_000;
    expect(q.check(server, u, 'u1').ok).toBe(true);
  });
});
