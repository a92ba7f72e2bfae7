import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Node } from '@tiptap/pm/model';
import { editorSchema, meetingRoots, safeFragmentJson } from '@kenes/shared';
import { treePosition } from './treePosition.js';

/** A fragment as y-prosemirror stores it: a heading, a paragraph with a hard break, a list. */
function text(): { doc: Y.Doc; fragment: Y.XmlFragment; texts: Y.XmlText[] } {
  const doc = new Y.Doc();
  const fragment = new Y.XmlFragment();
  meetingRoots(doc).texts.set('r1', fragment);
  const texts: Y.XmlText[] = [];
  const el = (name: string, children: Array<Y.XmlElement | Y.XmlText>, attrs = {}) => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
    e.insert(0, children);
    return e;
  };
  const t = (s: string) => {
    const x = new Y.XmlText(s);
    texts.push(x);
    return x;
  };
  doc.transact(() => {
    fragment.insert(0, [
      el('heading', [t('Title')], { level: 2 }),
      el('paragraph', [t('Fund shelters'), el('hardBreak', []), t('now')]),
      el('bulletList', [el('listItem', [el('paragraph', [t('one')])])]),
    ]);
  });
  return { doc, fragment, texts };
}

const json = (rel: Y.RelativePosition) => JSON.parse(JSON.stringify(Y.relativePositionToJSON(rel)));

describe('treePosition: a Yjs position counted into the read-only editor’s document', () => {
  it('lands on the same character for every character of every text', () => {
    const { fragment, texts } = text();
    const schema = editorSchema();
    const pm = Node.fromJSON(schema, safeFragmentJson(fragment).json);
    for (const t of texts) {
      const chars = t.toString();
      for (let i = 0; i < chars.length; i++) {
        const pos = treePosition(
          fragment,
          json(Y.createRelativePositionFromTypeIndex(t, i)),
          schema,
        );
        expect(pos, `${chars} at ${i}`).not.toBeNull();
        expect(pm.textBetween(pos!, pos! + 1)).toBe(chars[i]);
      }
    }
    // A position between blocks: the start of the second block.
    const between = treePosition(
      fragment,
      json(Y.createRelativePositionFromTypeIndex(fragment, 1)),
      schema,
    );
    expect(between).toBe(pm.child(0).nodeSize);
  });

  it('is null for text that is gone, another fragment’s text, or anything malformed', () => {
    const { doc, fragment, texts } = text();
    const schema = editorSchema();
    const rel = json(Y.createRelativePositionFromTypeIndex(texts[1]!, 3));
    doc.transact(() => fragment.delete(1, 1));
    expect(treePosition(fragment, rel, schema)).toBeNull();
    const other = new Y.XmlFragment();
    meetingRoots(doc).texts.set('r2', other);
    const elsewhere = new Y.XmlText('elsewhere');
    other.insert(0, [elsewhere]);
    const outside = json(Y.createRelativePositionFromTypeIndex(elsewhere, 2));
    expect(treePosition(fragment, outside, schema)).toBeNull();
    expect(treePosition(fragment, { item: 'not a position' }, schema)).toBeNull();
    expect(treePosition(fragment, null, schema)).toBeNull();
  });
});
