import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from './doc/roots.js';
import {
  CARET_COLOURS,
  isCaretColour,
  parseCursor,
  parseRelativePosition,
  preferredCaretColour,
} from './presence.js';

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('caret colours', () => {
  it('are #rrggbb, distinct, and white label text on each meets WCAG AA (4.5:1)', () => {
    expect(new Set(CARET_COLOURS).size).toBe(CARET_COLOURS.length);
    for (const c of CARET_COLOURS) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastWithWhite(c), c).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('a person starts from the same slot every time', () => {
    expect(preferredCaretColour('user-1')).toBe(preferredCaretColour('user-1'));
    const slots = new Set(Array.from({ length: 200 }, (_, i) => preferredCaretColour(`u${i}`)));
    expect(slots.size).toBe(CARET_COLOURS.length);
    expect(isCaretColour(CARET_COLOURS[0])).toBe(true);
    expect(isCaretColour('hsl(1 70% 32%)')).toBe(false);
  });
});

describe('caret positions', () => {
  it('accepts what y-prosemirror publishes (JSON of a Y.RelativePosition)', () => {
    const doc = new Y.Doc();
    const frag = meetingRoots(doc).texts.set('r', new Y.XmlFragment());
    const p = new Y.XmlElement('paragraph');
    frag.insert(0, [p]);
    const text = new Y.XmlText();
    p.insert(0, [text]);
    text.insert(0, 'Hello');
    const inText = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, 2)));
    const atEnd = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(frag, 1)));
    expect(parseRelativePosition(inText)).toEqual(inText);
    expect(parseRelativePosition(atEnd)).toEqual(atEnd);
    expect(parseCursor({ anchor: inText, head: atEnd })).toEqual({ anchor: inText, head: atEnd });
  });

  it('refuses anything else', () => {
    const ok = { type: null, tname: null, item: { client: 1, clock: 2 }, assoc: 0 };
    for (const bad of [
      null,
      42,
      'x',
      [],
      { anchor: null, head: null },
      { anchor: ok },
      { anchor: ok, head: ok, extra: 1 },
      { anchor: ok, head: { ...ok, item: null } },
      { anchor: ok, head: { ...ok, item: null, type: null } },
      { anchor: ok, head: { ...ok, tname: 'meeting', item: null } },
      { anchor: ok, head: { ...ok, assoc: 7 } },
      { anchor: ok, head: { ...ok, item: { client: -1, clock: 0 } } },
      { anchor: ok, head: { ...ok, item: { client: 1, clock: 1.5 } } },
      { anchor: ok, head: { ...ok, item: { client: 1, clock: 1, x: 0 } } },
      { anchor: ok, head: { ...ok, evil: '<script>' } },
    ])
      expect(parseCursor(bad), JSON.stringify(bad)).toBeNull();
  });
});
