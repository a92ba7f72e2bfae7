import * as Y from 'yjs';
import type { Schema } from '@tiptap/pm/model';

/**
 * The ProseMirror position of a Yjs relative position inside `fragment`,
 * for an editor that shows the fragment without a Yjs binding (read-only:
 * its document is the fragment's JSON, node for node). Counted the way
 * ProseMirror counts: a text's characters, an element's opening and closing
 * (a leaf, such as a hard break, is one). Null when the position does not
 * resolve, or not inside this fragment.
 */
export function treePosition(
  fragment: Y.XmlFragment,
  relative: unknown,
  schema: Schema,
): number | null {
  const doc = fragment.doc;
  if (!doc) return null;
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(
      Y.createRelativePositionFromJSON(relative),
      doc,
    );
  } catch {
    return null;
  }
  if (!abs) return null;
  // The chain from the fragment down to the position's type.
  const chain: Array<Y.XmlElement | Y.XmlText> = [];
  let node: Y.AbstractType<unknown> = abs.type;
  while (node !== fragment) {
    if (!(node instanceof Y.XmlElement || node instanceof Y.XmlText)) return null;
    if (node._item === null || node._item.deleted) return null;
    chain.unshift(node);
    const parent: unknown = node._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    node = parent;
  }
  let pos = 0;
  let parent: Y.XmlFragment | Y.XmlElement = fragment;
  for (const child of chain) {
    const siblings = parent.toArray();
    const at = siblings.indexOf(child);
    if (at < 0) return null;
    pos += sizeOf(siblings.slice(0, at), schema);
    if (child instanceof Y.XmlText) {
      // A text is a leaf of the chain: the position's type itself.
      return pos + Math.min(abs.index, child.length);
    }
    pos += 1;
    parent = child;
  }
  // The position's type is an element (or the fragment): `index` counts its children.
  return pos + sizeOf(parent.toArray().slice(0, abs.index), schema);
}

function sizeOf(nodes: ReadonlyArray<unknown>, schema: Schema): number {
  let size = 0;
  for (const node of nodes) {
    if (node instanceof Y.XmlText) size += node.length;
    else if (node instanceof Y.XmlElement) {
      const type = schema.nodes[node.nodeName];
      size += type?.isLeaf ? 1 : 2 + sizeOf(node.toArray(), schema);
    }
  }
  return size;
}
