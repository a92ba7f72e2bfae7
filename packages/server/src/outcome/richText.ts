import * as Y from 'yjs';
import {
  forEachTextPiece,
  HARD_BREAK,
  holdsBlocks,
  suggestionMarksOf,
  walkInline,
  type Block,
  type Inline,
  type Marks,
  type XmlNode,
} from '@kenes/shared';

/**
 * A recommendation body as a small rich-text tree, read from the Tiptap
 * `Y.XmlFragment` (y-prosemirror layout: one `Y.XmlElement` per node named
 * as Tiptap StarterKit names it, text as `Y.XmlText` whose delta attributes
 * are the marks), typed as `Block` in `@kenes/shared`. The Markdown and Word
 * exports and the outcome page render this tree, so none of them walks Yjs.
 */

const MARK_NAMES = ['bold', 'italic', 'strike', 'code'] as const;

/** y-prosemirror stores a mark as an attribute named after it whose value is the mark's attrs (`{}`). */
function marksOf(attributes: Record<string, unknown> | undefined): Marks {
  const marks: Marks = {};
  if (!attributes) return marks;
  for (const name of MARK_NAMES) {
    const v = attributes[name];
    if (v !== undefined && v !== null && v !== false) marks[name] = true;
  }
  return marks;
}

function sameMarks(a: Marks, b: Marks): boolean {
  return MARK_NAMES.every((m) => a[m] === b[m]);
}

/** Appends text, merging with the previous piece when the marks agree. */
function pushText(out: Inline[], text: string, marks: Marks): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last?.kind === 'text' && sameMarks(last.marks, marks)) last.text += text;
  else out.push({ kind: 'text', text, marks });
}

/**
 * The inline content of a text block (paragraph, heading), as agreed so far:
 * a pending suggested insertion is left out and a pending suggested deletion
 * is kept as the original text (issue 18) — suggestions never show as text.
 */
function inlinesOf(children: readonly XmlNode[]): Inline[] {
  const out: Inline[] = [];
  walkInline(children, {
    text: (node) =>
      forEachTextPiece(node, (text, attrs) => {
        if (suggestionMarksOf(attrs).some((m) => m.kind === 'insertion')) return;
        pushText(out, text, marksOf(attrs));
      }),
    lineBreak: () => out.push({ kind: 'break' }),
  });
  return out;
}

/** Plain text of a node, marks and breaks flattened (for code blocks). */
function plainText(children: readonly XmlNode[]): string {
  return inlinesOf(children)
    .map((i) => (i.kind === 'text' ? i.text : '\n'))
    .join('');
}

function numberAttr(el: Y.XmlElement, name: string, fallback: number): number {
  const v: unknown = el.getAttribute(name);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function blockOf(node: XmlNode): Block[] {
  if (node instanceof Y.XmlText) {
    // Text directly under the fragment or a list item: not valid Tiptap, but keep it readable.
    const inlines = inlinesOf([node]);
    return inlines.length ? [{ type: 'paragraph', inlines }] : [];
  }
  if (!(node instanceof Y.XmlElement)) return [];
  const children = node.toArray();
  switch (node.nodeName) {
    case 'paragraph':
      return [{ type: 'paragraph', inlines: inlinesOf(children) }];
    case 'heading':
      return [
        {
          type: 'heading',
          level: Math.min(6, Math.max(1, Math.round(numberAttr(node, 'level', 1)))),
          inlines: inlinesOf(children),
        },
      ];
    case 'bulletList':
    case 'orderedList':
      return [
        {
          type: 'list',
          ordered: node.nodeName === 'orderedList',
          start: Math.max(0, Math.round(numberAttr(node, 'start', 1))),
          items: children.map((item) =>
            item instanceof Y.XmlElement && item.nodeName === 'listItem'
              ? blocksOf(item.toArray())
              : blockOf(item),
          ),
        },
      ];
    case 'blockquote':
      return [{ type: 'blockquote', blocks: blocksOf(children) }];
    case 'codeBlock':
      return [{ type: 'codeBlock', text: plainText(children) }];
    case 'horizontalRule':
      return [{ type: 'rule' }];
    case HARD_BREAK:
      return [{ type: 'paragraph', inlines: [] }];
    default: {
      // An unknown node: a container of blocks if it has element children, else a paragraph.
      return holdsBlocks(children)
        ? blocksOf(children)
        : [{ type: 'paragraph', inlines: inlinesOf(children) }];
    }
  }
}

function blocksOf(children: readonly XmlNode[]): Block[] {
  return children.flatMap(blockOf);
}

/**
 * The blocks of a recommendation body; `[]` for a missing or empty fragment.
 *
 * @example fragmentBlocks(recommendationText(doc, rec.id))
 */
export function fragmentBlocks(fragment: Y.XmlFragment | undefined): Block[] {
  return fragment ? blocksOf(fragment.toArray()) : [];
}

/** The text of some inlines, breaks as newlines. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : '\n')).join('');
}
