import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { plainText, unsentTexts } from './unsentTexts.js';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function serverWith(texts: Record<string, string[]>): Y.Doc {
  const s = new Y.Doc();
  s.transact(() => {
    for (const [recId, paras] of Object.entries(texts)) {
      const frag = new Y.XmlFragment();
      meetingRoots(s).texts.set(recId, frag);
      frag.insert(0, paras.map(paragraph));
    }
  });
  return s;
}

const copy = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};
const firstText = (doc: Y.Doc, recId: string) =>
  (meetingRoots(doc).texts.get(recId)!.get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('unsentTexts', () => {
  it('names only the texts with our unsent edits, as we had them', () => {
    const server = serverWith({ r1: ['Agreed text.'], r2: ['Other text.'] });
    const local = copy(server);
    firstText(local, 'r1').insert(12, ' Typed while closed.');
    // Someone else edited r2 on the server: local lags there, but wrote nothing.
    const other = copy(server);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other, Y.encodeStateVector(server)));
    firstText(other, 'r2').insert(0, 'New ');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));

    const fresh = copy(server);
    expect(unsentTexts(local, fresh)).toEqual([
      { recId: 'r1', title: '', text: 'Agreed text. Typed while closed.' },
    ]);
  });

  it('counts a deletion the server has not seen as unsent', () => {
    const server = serverWith({ r1: ['One two three.'] });
    const local = copy(server);
    firstText(local, 'r1').delete(3, 4);
    expect(unsentTexts(local, copy(server))).toEqual([
      { recId: 'r1', title: '', text: 'One three.' },
    ]);
  });

  it('is empty when the server has everything', () => {
    const server = serverWith({ r1: ['Same.'] });
    const local = copy(server);
    firstText(local, 'r1').insert(0, 'x');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(unsentTexts(local, copy(server))).toEqual([]);
  });
});

describe('plainText', () => {
  it('puts each block on its own line', () => {
    const s = serverWith({ r1: ['Line one.', 'Line two.'] });
    expect(plainText(meetingRoots(s).texts.get('r1')!)).toBe('Line one.\nLine two.');
  });
});
