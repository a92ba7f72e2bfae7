import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forEachTextPiece, holdsBlocks, walkInline } from './fragmentWalk.js';

function paragraph(...children: Array<Y.XmlText | Y.XmlElement>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, children);
  return p;
}

describe('fragmentWalk', () => {
  it('tells blocks from inline content: a line break is not a block', () => {
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment('body');
    frag.insert(0, [paragraph(new Y.XmlText('a'), new Y.XmlElement('hardBreak'))]);
    const p = frag.get(0) as Y.XmlElement;
    expect(holdsBlocks(frag.toArray())).toBe(true);
    expect(holdsBlocks(p.toArray())).toBe(false);
  });

  it('visits text and line breaks in order, entering an unexpected inline element', () => {
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment('body');
    const mention = new Y.XmlElement('mention');
    mention.insert(0, [new Y.XmlText('c')]);
    frag.insert(0, [
      paragraph(new Y.XmlText('a'), new Y.XmlElement('hardBreak'), mention, new Y.XmlText('d')),
    ]);
    const seen: string[] = [];
    walkInline((frag.get(0) as Y.XmlElement).toArray(), {
      text: (node) => forEachTextPiece(node, (t) => seen.push(t)),
      lineBreak: () => seen.push('\n'),
    });
    expect(seen).toEqual(['a', '\n', 'c', 'd']);
  });

  it('reports each string insert with its marks', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    doc.getXmlFragment('body').insert(0, [text]);
    text.insert(0, 'plain ');
    text.insert(6, 'bold', { bold: {} });
    const pieces: Array<[string, unknown]> = [];
    forEachTextPiece(text, (t, attrs) => pieces.push([t, attrs]));
    expect(pieces).toEqual([
      ['plain ', undefined],
      ['bold', { bold: {} }],
    ]);
  });
});
