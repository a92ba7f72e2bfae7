import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { outsideSchema, outsideSchemaBelow, safeFragmentJson } from './fragmentSchema.js';

/** A fragment in a doc, filled by `fill`. */
function fragmentWith(fill: (f: Y.XmlFragment) => void): Y.XmlFragment {
  const doc = new Y.Doc();
  const f = doc.getXmlFragment('f');
  doc.transact(() => fill(f));
  return f;
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

describe('outsideSchema', () => {
  it('accepts what the editor writes: paragraphs, headings, lists, marks', () => {
    const f = fragmentWith((f) => {
      const h = new Y.XmlElement('heading');
      h.setAttribute('level', 2 as unknown as string);
      h.insert(0, [new Y.XmlText('Title')]);
      const list = new Y.XmlElement('bulletList');
      const item = new Y.XmlElement('listItem');
      list.insert(0, [item]);
      item.insert(0, [paragraph('one')]);
      f.insert(0, [h, paragraph('Adopt the law'), list]);
      ((f.get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 5, { bold: {} });
    });
    expect(outsideSchema(f)).toBeNull();
    expect(outsideSchema(fragmentWith(() => {}))).toBeNull();
  });

  it.each([
    [
      'an unknown mark',
      (f: Y.XmlFragment) => {
        f.insert(0, [paragraph('abc')]);
        ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 1, { x: true });
      },
      /unknown mark 'x'/,
    ],
    [
      'an <image>',
      (f: Y.XmlFragment) => f.insert(0, [new Y.XmlElement('image')]),
      /unknown element 'image'/,
    ],
    [
      'a heading inside a paragraph',
      (f: Y.XmlFragment) => {
        const p = paragraph('a');
        p.insert(1, [new Y.XmlElement('heading')]);
        f.insert(0, [p]);
      },
      /'heading' not allowed in 'paragraph'/,
    ],
    [
      'text directly in the fragment',
      (f: Y.XmlFragment) => f.insert(0, [new Y.XmlText('a')]),
      /text in 'doc'/,
    ],
    [
      'a bad attribute',
      (f: Y.XmlFragment) => {
        const h = new Y.XmlElement('heading');
        h.setAttribute('level', '<script>');
        f.insert(0, [h]);
      },
      /attribute 'level' on 'heading'/,
    ],
    [
      'an embed in text',
      (f: Y.XmlFragment) => {
        f.insert(0, [paragraph('a')]);
        ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' });
      },
      /embed/,
    ],
  ])('finds %s', (_name, fill, reason) => {
    const f = fragmentWith(fill);
    expect(outsideSchema(f)).toMatch(reason);
    expect(() => safeFragmentJson(f)).not.toThrow();
  });

  it('checks one changed type and what is below it', () => {
    const f = fragmentWith((f) => f.insert(0, [paragraph('abc'), paragraph('def')]));
    const text = (f.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    expect(outsideSchemaBelow(text)).toBeNull();
    text.format(0, 1, { script: {} });
    expect(outsideSchemaBelow(text)).toMatch(/unknown mark 'script'/);
    expect(outsideSchemaBelow(f.get(0) as Y.XmlElement)).toBeNull();
    expect(outsideSchemaBelow(f)).toMatch(/unknown mark/);
  });
});

describe('safeFragmentJson', () => {
  it('keeps what the schema allows and drops the rest, text included', () => {
    const f = fragmentWith((f) => {
      f.insert(0, [
        paragraph('Adopt the law'),
        new Y.XmlElement('script'),
        paragraph('on equality'),
      ]);
      const t = (f.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.format(0, 5, { bold: {}, x: true });
    });
    const { json, dropped } = safeFragmentJson(f);
    expect(dropped).toBe(2);
    expect(json).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Adopt', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' the law' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'on equality' }] },
      ],
    });
  });
});
