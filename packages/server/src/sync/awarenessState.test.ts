import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CARET_COLOURS, meetingRoots } from '@kenes/shared';
import { shapeClientState, shapeRelayedState, textsFragmentAt } from './awarenessState.js';
import { CaretColours } from './awarenessColours.js';
import { testPrincipal } from '../test-support/testServer.js';

/** A room doc with one text ("Hello") in `texts.r1`; answers positions y-prosemirror would publish. */
function room() {
  const doc = new Y.Doc();
  const frag = new Y.XmlFragment();
  meetingRoots(doc).texts.set('r1', frag);
  const p = new Y.XmlElement('paragraph');
  frag.insert(0, [p]);
  const text = new Y.XmlText();
  p.insert(0, [text]);
  text.insert(0, 'Hello');
  meetingRoots(doc).meeting.set('title', 'T');
  const json = (rp: Y.RelativePosition) =>
    JSON.parse(JSON.stringify(rp)) as Record<string, unknown>;
  return {
    doc,
    inText: json(Y.createRelativePositionFromTypeIndex(text, 2, -1)),
    fragEnd: json(Y.createRelativePositionFromTypeIndex(frag, 1)),
    inMeeting: json(Y.createRelativePositionFromTypeIndex(meetingRoots(doc).agenda, 0)),
  };
}

const colour = CARET_COLOURS[3];

describe('shapeClientState', () => {
  const editor = testPrincipal('dana');
  const observer = testPrincipal('olga', { role: 'observer' });

  it('stamps identity from the session and keeps a cursor inside a text fragment', () => {
    const { doc, inText, fragEnd } = room();
    const cursor = { anchor: inText, head: fragEnd };
    const out = shapeClientState(
      {
        user: { id: 'chair', name: 'Forged', color: 'hsl(0 0% 0%)' },
        cursor,
        junk: 'x'.repeat(100),
      },
      editor,
      colour,
      doc,
    );
    expect(out).toEqual({
      user: {
        id: 'dana',
        name: 'dana',
        organisation: 'Org of dana',
        orgType: 'ngo',
        role: 'participant',
        color: colour,
      },
      cursor,
    });
  });

  it('drops the cursor of an observer, a malformed one, and one outside the texts', () => {
    const { doc, inText, inMeeting } = room();
    const roots = [...doc.share.keys()].sort();
    const good = { anchor: inText, head: inText };
    expect(shapeClientState({ cursor: good }, observer, colour, doc).cursor).toBeUndefined();
    for (const cursor of [
      { anchor: null, head: null },
      { anchor: inText },
      { anchor: inText, head: inMeeting },
      { anchor: { ...inText, item: { client: 999, clock: 0 } }, head: inText },
      { anchor: { type: null, tname: 'meeting', item: null, assoc: 0 }, head: inText },
      'cursor',
      42,
    ]) {
      const out = shapeClientState({ cursor }, editor, colour, doc);
      expect(out.cursor, JSON.stringify(cursor)).toBeUndefined();
      expect(Object.keys(out)).toEqual(['user']);
    }
    // Resolving never created a root (tname is refused before resolving).
    expect([...doc.share.keys()].sort()).toEqual(roots);
  });

  it('drops a cursor in a fragment removed from the texts map', () => {
    const { doc, inText } = room();
    expect(textsFragmentAt(doc, inText as never)).not.toBeNull();
    meetingRoots(doc).texts.delete('r1');
    expect(textsFragmentAt(doc, inText as never)).toBeNull();
  });
});

describe('shapeRelayedState', () => {
  it('keeps a stamped state and refuses anything off-shape', () => {
    const user = {
      id: 'u',
      name: 'N',
      organisation: 'O',
      orgType: 'ngo',
      role: 'participant',
      color: colour,
    };
    const { inText } = room();
    expect(shapeRelayedState({ user, cursor: { anchor: inText, head: inText }, x: 1 })).toEqual({
      user,
      cursor: { anchor: inText, head: inText },
    });
    expect(shapeRelayedState({ user, cursor: { anchor: null, head: null } })).toEqual({ user });
    expect(
      shapeRelayedState({
        user: { ...user, role: 'observer' },
        cursor: { anchor: inText, head: inText },
      }),
    ).toEqual({ user: { ...user, role: 'observer' } });
    expect(shapeRelayedState({ user: { ...user, color: 'red' } })).toBeNull();
    expect(shapeRelayedState({ user: 'x' })).toBeNull();
    expect(shapeRelayedState({})).toBeNull();
  });
});

describe('CaretColours', () => {
  it('gives each person present a distinct colour, stable while they stay', () => {
    const book = new CaretColours();
    const ids = Array.from({ length: CARET_COLOURS.length }, (_, i) => `user-${i}`);
    const colours = ids.map((id) => book.colourOf(id));
    expect(new Set(colours).size).toBe(CARET_COLOURS.length);
    expect(ids.map((id) => book.colourOf(id))).toEqual(colours);
    book.release('user-0');
    expect(book.colourOf('newcomer')).toBe(colours[0]);
  });
});
