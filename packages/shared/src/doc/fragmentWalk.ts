import * as Y from 'yjs';

/**
 * The one walk of a recommendation body (a Tiptap `Y.XmlFragment` in
 * y-prosemirror's layout: one `Y.XmlElement` per node named as Tiptap
 * StarterKit names it, text as `Y.XmlText`). It answers the two questions
 * every reader of the body asks: does this node hold blocks or inline
 * content, and what inline pieces (text, line breaks) does it hold? The
 * outcome tree, the authorship runs and a version's plain text read the
 * body through it, so they agree on where a block ends.
 */

/** A child of a fragment or an element. */
export type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** Tiptap's inline line break: a newline inside a block, not a block. */
export const HARD_BREAK = 'hardBreak';

/**
 * True when `children` include a block: an element other than a line break.
 * A node whose children are only text and line breaks holds inline content.
 */
export function holdsBlocks(children: readonly XmlNode[]): boolean {
  return children.some((c) => c instanceof Y.XmlElement && c.nodeName !== HARD_BREAK);
}

/** What {@link walkInline} reports, in document order. */
export interface InlineVisitor {
  /** A text node (its delta or its items carry the characters and marks). */
  text(node: Y.XmlText): void;
  /** A line break (`hardBreak`). */
  lineBreak(): void;
}

/**
 * Visits the inline content of `children`: text nodes and line breaks. An
 * unexpected inline element (an image, a mention) is entered, so whatever
 * text it holds is kept; hooks have none.
 */
export function walkInline(children: readonly XmlNode[], visit: InlineVisitor): void {
  for (const child of children) {
    if (child instanceof Y.XmlText) visit.text(child);
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === HARD_BREAK) visit.lineBreak();
      else walkInline(child.toArray(), visit);
    }
  }
}

/**
 * Calls `piece` with each string insert of a text node's delta and its
 * attributes (y-prosemirror's marks); embeds have no text and are skipped.
 */
export function forEachTextPiece(
  node: Y.XmlText,
  piece: (text: string, attributes: Record<string, unknown> | undefined) => void,
): void {
  for (const op of node.toDelta() as Array<{
    insert?: unknown;
    attributes?: Record<string, unknown>;
  }>) {
    if (typeof op.insert === 'string') piece(op.insert, op.attributes);
  }
}
