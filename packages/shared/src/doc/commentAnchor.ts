import * as Y from 'yjs';
import type { RelativePositionJson } from '../presence.js';
import { recommendationText } from './roots.js';
import type { CommentAnchor } from './shapes.js';

/**
 * Where a comment's anchor lies now. Yjs relative positions follow the text
 * through edits around and inside the range; when the anchored text is
 * deleted both ends fall together (or into a deleted paragraph) and the
 * thread is *detached*: it stays, showing the text it was about.
 */
export interface AnchorPlace {
  detached: boolean;
  /** The anchored text when both ends lie in one text node; null otherwise. */
  text: string | null;
}

function absolute(doc: Y.Doc, pos: RelativePositionJson): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(pos), doc);
  } catch {
    return null;
  }
}

/** True when `type` is `fragment` or lies inside it, no type on the way deleted. */
function liveInside(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): boolean {
  let t: Y.AbstractType<unknown> | null = type;
  for (let depth = 0; t !== null && depth < 256; depth++) {
    if (t === fragment) return true;
    const item: Y.Item | null = t._item;
    if (item === null || item.deleted) return false;
    t = item.parent as Y.AbstractType<unknown> | null;
  }
  return false;
}

/**
 * True when both ends of `anchor` resolve into the text of recommendation
 * `recId` (what the server checks before it stores a thread).
 */
export function anchorInRecommendation(doc: Y.Doc, recId: string, anchor: CommentAnchor): boolean {
  const fragment = recommendationText(doc, recId);
  if (!fragment) return false;
  const start = absolute(doc, anchor.start);
  const end = absolute(doc, anchor.end);
  return (
    start !== null &&
    end !== null &&
    liveInside(start.type, fragment) &&
    liveInside(end.type, fragment)
  );
}

/** Where the anchor of a thread on `recId` lies now (see {@link AnchorPlace}). */
export function anchorPlace(doc: Y.Doc, recId: string, anchor: CommentAnchor): AnchorPlace {
  const fragment = recommendationText(doc, recId);
  const start = absolute(doc, anchor.start);
  const end = absolute(doc, anchor.end);
  if (!fragment || !start || !end) return { detached: true, text: null };
  if (!liveInside(start.type, fragment) || !liveInside(end.type, fragment))
    return { detached: true, text: null };
  if (start.type !== end.type) return { detached: false, text: null };
  if (end.index <= start.index) return { detached: true, text: null };
  const text =
    start.type instanceof Y.XmlText ? textBetween(start.type, start.index, end.index) : null;
  return { detached: false, text };
}

/** The plain characters of an XmlText between two indexes (formatting dropped). */
function textBetween(type: Y.XmlText, from: number, to: number): string {
  let out = '';
  let at = 0;
  for (const op of type.toDelta() as Array<{ insert: unknown }>) {
    const piece = typeof op.insert === 'string' ? op.insert : '';
    const len = typeof op.insert === 'string' ? piece.length : 1;
    const a = Math.max(from, at);
    const b = Math.min(to, at + len);
    if (b > a && piece) out += piece.slice(a - at, b - at);
    at += len;
  }
  return out;
}

/** Collapses white space and trims: how quotes are compared (block breaks read as spaces). */
export function normaliseQuote(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * The plain text an anchor spans now, across paragraphs (blocks joined by a
 * space), or null when it is detached. The server compares a new thread's
 * quote with it, so nobody can quote words the text does not hold.
 */
export function anchoredText(doc: Y.Doc, recId: string, anchor: CommentAnchor): string | null {
  const fragment = recommendationText(doc, recId);
  const start = absolute(doc, anchor.start);
  const end = absolute(doc, anchor.end);
  if (!fragment || !start || !end) return null;
  if (!liveInside(start.type, fragment) || !liveInside(end.type, fragment)) return null;
  let out = '';
  let inside = false;
  let done = false;
  // A position is (type, index): a character offset in a text node, a child index in an element.
  const mark = (type: unknown, index: number) => {
    if (type === start.type && index === start.index) inside = true;
    if (type === end.type && index === end.index) done = true;
  };
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment): void => {
    if (node instanceof Y.XmlText) {
      const from = node === start.type ? start.index : 0;
      if (node === start.type) inside = true;
      const to = node === end.type ? end.index : node.length;
      if (inside && to > from) out += textBetween(node, from, to);
      if (node === end.type) done = true;
      return;
    }
    const children = node.toArray();
    for (let i = 0; i <= children.length && !done; i++) {
      mark(node, i);
      const child = children[i];
      if (!done && (child instanceof Y.XmlText || child instanceof Y.XmlElement)) visit(child);
    }
    // A block ends: its text and the next block's read as separated by a space.
    if (inside && !done && node !== fragment) out += ' ';
  };
  visit(fragment);
  return done ? out : null;
}

/** The anchor of the range `[from, to)` of one XmlText (client and tests build anchors with it). */
export function anchorInText(type: Y.XmlText, from: number, to: number): CommentAnchor {
  const json = (index: number, assoc: number) =>
    JSON.parse(
      JSON.stringify(Y.createRelativePositionFromTypeIndex(type, index, assoc)),
    ) as RelativePositionJson;
  // The start sticks to the character after it, the end to the character before it, so text
  // typed at either edge stays outside the range.
  return { start: json(from, 0), end: json(to, -1) };
}
