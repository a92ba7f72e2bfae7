import * as Y from 'yjs';
import {
  forEachTextPiece,
  HARD_BREAK,
  holdsBlocks,
  suggestionMarksOf,
  suggestionTime,
  walkInline,
  type Block,
  type Inline,
  type Marks,
  type SuggestedBy,
  type SuggestionMark,
  type XmlNode,
} from '@kenes/shared';

/**
 * A recommendation body as a small rich-text tree, read from the Tiptap
 * `Y.XmlFragment` (y-prosemirror layout: one `Y.XmlElement` per node named
 * as Tiptap StarterKit names it, text as `Y.XmlText` whose delta attributes
 * are the marks), typed as `Block` in `@kenes/shared`. The Markdown and Word
 * exports and the outcome page render this tree, so none of them walks Yjs.
 */

/**
 * How pending suggestions are read (issue 18): `clean` as agreed so far (a
 * suggested insertion left out, a suggested deletion kept as plain text: the
 * outcome page, Markdown and Word), `tracked` with every suggested piece kept
 * and tagged with who suggested it (`Inline.suggested`, for Word's tracked
 * changes).
 */
export type SuggestionReading = 'clean' | 'tracked';

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

function sameSuggested(a: SuggestedBy | undefined, b: SuggestedBy | undefined): boolean {
  return (
    a?.insertedBy === b?.insertedBy &&
    a?.deletedBy === b?.deletedBy &&
    a?.insertedAt === b?.insertedAt &&
    a?.deletedAt === b?.deletedAt
  );
}

/**
 * Who suggested a piece, from its formats: the first well-formed insertion
 * and deletion mark (`suggestionMarksOf` skips malformed values, so odd marks
 * read as plain text, as in the clean reading); undefined when none.
 */
function suggestedBy(attrs: Record<string, unknown> | undefined): SuggestedBy | undefined {
  let inserted: SuggestionMark | undefined;
  let deleted: SuggestionMark | undefined;
  for (const { kind, mark } of suggestionMarksOf(attrs)) {
    if (kind === 'insertion') inserted ??= mark;
    else deleted ??= mark;
  }
  if (inserted === undefined && deleted === undefined) return undefined;
  const insertedAt = inserted && suggestionTime(inserted);
  const deletedAt = deleted && suggestionTime(deleted);
  return {
    ...(inserted !== undefined ? { insertedBy: inserted.by } : {}),
    ...(deleted !== undefined ? { deletedBy: deleted.by } : {}),
    ...(typeof insertedAt === 'number' ? { insertedAt } : {}),
    ...(typeof deletedAt === 'number' ? { deletedAt } : {}),
  };
}

/** Appends text, merging with the previous piece when the marks (and suggesters) agree. */
function pushText(out: Inline[], text: string, marks: Marks, suggested?: SuggestedBy): void {
  if (text === '') return;
  const last = out.at(-1);
  if (
    last?.kind === 'text' &&
    sameMarks(last.marks, marks) &&
    sameSuggested(last.suggested, suggested)
  )
    last.text += text;
  else out.push({ kind: 'text', text, marks, ...(suggested ? { suggested } : {}) });
}

/**
 * The inline content of a text block (paragraph, heading). Read `clean`, it
 * is the text as agreed so far: a pending suggested insertion is left out and
 * a pending suggested deletion is kept as the original text (issue 18) —
 * suggestions never show as text. Read `tracked`, every piece stays and a
 * suggested one says by whom.
 */
function inlinesOf(children: readonly XmlNode[], reading: SuggestionReading): Inline[] {
  const out: Inline[] = [];
  walkInline(children, {
    text: (node) =>
      forEachTextPiece(node, (text, attrs) => {
        if (reading === 'tracked') {
          pushText(out, text, marksOf(attrs), suggestedBy(attrs));
          return;
        }
        if (suggestionMarksOf(attrs).some((m) => m.kind === 'insertion')) return;
        pushText(out, text, marksOf(attrs));
      }),
    lineBreak: () => out.push({ kind: 'break' }),
  });
  return out;
}

/**
 * Plain text of a node, marks and breaks flattened (for code blocks). Always
 * the clean reading: a code block holds no marks in the editor's schema, so
 * no suggestion can stand in one; were one forced in, it reads as agreed.
 */
function plainText(children: readonly XmlNode[]): string {
  return inlinesOf(children, 'clean')
    .map((i) => (i.kind === 'text' ? i.text : '\n'))
    .join('');
}

function numberAttr(el: Y.XmlElement, name: string, fallback: number): number {
  const v: unknown = el.getAttribute(name);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function blockOf(node: XmlNode, reading: SuggestionReading): Block[] {
  if (node instanceof Y.XmlText) {
    // Text directly under the fragment or a list item: not valid Tiptap, but keep it readable.
    const inlines = inlinesOf([node], reading);
    return inlines.length ? [{ type: 'paragraph', inlines }] : [];
  }
  if (!(node instanceof Y.XmlElement)) return [];
  const children = node.toArray();
  switch (node.nodeName) {
    case 'paragraph':
      return [{ type: 'paragraph', inlines: inlinesOf(children, reading) }];
    case 'heading':
      return [
        {
          type: 'heading',
          level: Math.min(6, Math.max(1, Math.round(numberAttr(node, 'level', 1)))),
          inlines: inlinesOf(children, reading),
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
              ? blocksOf(item.toArray(), reading)
              : blockOf(item, reading),
          ),
        },
      ];
    case 'blockquote':
      return [{ type: 'blockquote', blocks: blocksOf(children, reading) }];
    case 'codeBlock':
      return [{ type: 'codeBlock', text: plainText(children) }];
    case 'horizontalRule':
      return [{ type: 'rule' }];
    case HARD_BREAK:
      return [{ type: 'paragraph', inlines: [] }];
    default: {
      // An unknown node: a container of blocks if it has element children, else a paragraph.
      return holdsBlocks(children)
        ? blocksOf(children, reading)
        : [{ type: 'paragraph', inlines: inlinesOf(children, reading) }];
    }
  }
}

function blocksOf(children: readonly XmlNode[], reading: SuggestionReading): Block[] {
  return children.flatMap((child) => blockOf(child, reading));
}

/**
 * The blocks of a recommendation body; `[]` for a missing or empty fragment.
 * Pending suggestions are read as `reading` says (default `clean`).
 *
 * @example fragmentBlocks(recommendationText(doc, rec.id))
 */
export function fragmentBlocks(
  fragment: Y.XmlFragment | undefined,
  reading: SuggestionReading = 'clean',
): Block[] {
  return fragment ? blocksOf(fragment.toArray(), reading) : [];
}

/** The text of some inlines, breaks as newlines. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : '\n')).join('');
}
