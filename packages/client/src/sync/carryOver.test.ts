import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { plainText } from './unsentTexts.js';
import { carryOverUpdate } from './carryOver.js';

/** A server doc with one recommendation text holding `text`. */
function serverWith(text: string, recId = 'r1'): Y.Doc {
  const s = new Y.Doc();
  s.transact(() => {
    const frag = new Y.XmlFragment();
    meetingRoots(s).texts.set(recId, frag);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    frag.insert(0, [p]);
  });
  return s;
}

/** A client doc with `clientID`, synced from `server`. */
function clientOf(server: Y.Doc, clientID: number): Y.Doc {
  const d = new Y.Doc();
  d.clientID = clientID;
  Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
  return d;
}

/** Types `text` at the end of the first paragraph; answers the update. */
function typeAtEnd(doc: Y.Doc, text: string, recId = 'r1'): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const p = meetingRoots(doc).texts.get(recId)!.get(0) as Y.XmlElement;
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const text = (doc: Y.Doc, recId = 'r1') => plainText(meetingRoots(doc).texts.get(recId)!);
const svOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
const clientsIn = (update: Uint8Array) =>
  new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));

describe('carryOverUpdate', () => {
  it('moves our edits off a client id another user took; the fresh doc gets both', () => {
    const server = serverWith('Base.');
    const X = 1111;
    const victim = clientOf(server, X);
    typeAtEnd(victim, ' Victim typed this offline.');
    // The thief writes under X first; the server accepts it.
    const thief = clientOf(server, X);
    Y.applyUpdate(server, typeAtEnd(thief, ' T.'));

    const fresh = clientOf(server, 2222);
    const update = carryOverUpdate(victim, svOf(fresh), { clientId: X, newClientId: 3333 });
    expect(update).not.toBeNull();
    expect([...clientsIn(update!)]).toEqual([3333]);
    Y.applyUpdate(fresh, update!);
    expect(text(fresh)).toContain('Victim typed this offline.');
    expect(text(fresh)).toContain(' T.');
    // And the server, given the same update, converges with the fresh doc.
    Y.applyUpdate(server, update!);
    expect(text(server)).toBe(text(fresh));
  });

  it('leaves out the other user’s items it had already received under our id (ownEnd)', () => {
    const server = serverWith('Base.');
    const X = 1111;
    const victim = clientOf(server, X);
    typeAtEnd(victim, 'ab');
    const ownEnd = Y.getState(victim.store, X);
    const thief = clientOf(server, X);
    const stolen = typeAtEnd(thief, ' thief wrote more than the victim');
    Y.applyUpdate(server, stolen);
    // The victim receives the thief's update: Yjs integrates its tail.
    Y.applyUpdate(victim, stolen);

    const fresh = clientOf(server, 2222);
    const update = carryOverUpdate(victim, svOf(fresh), {
      clientId: X,
      newClientId: 3333,
      ownEnd,
    })!;
    Y.applyUpdate(fresh, update);
    const t = text(fresh);
    expect(t.split('thief wrote').length - 1).toBe(1);
    expect(t).toContain('ab');
  });

  it('without a clash, carries exactly what the server lacks (and nothing when it lacks nothing)', () => {
    const server = serverWith('Base.');
    const local = clientOf(server, 5);
    expect(carryOverUpdate(local, svOf(server))).toBeNull();
    typeAtEnd(local, ' more');
    const update = carryOverUpdate(local, svOf(server))!;
    expect([...clientsIn(update)]).toEqual([5]);
    Y.applyUpdate(server, update);
    expect(text(server)).toBe('Base. more');
  });

  it('carries a deletion of the server’s text under the new id’s update', () => {
    const server = serverWith('Keep this. Drop this.');
    const X = 7;
    const victim = clientOf(server, X);
    const p = meetingRoots(victim).texts.get('r1')!.get(0) as Y.XmlElement;
    (p.get(0) as Y.XmlText).delete(10, 11);
    typeAtEnd(victim, '!');
    const fresh = clientOf(server, 8);
    Y.applyUpdate(fresh, carryOverUpdate(victim, svOf(fresh), { clientId: X, newClientId: 9 })!);
    expect(text(fresh)).toBe('Keep this.!');
  });
});
