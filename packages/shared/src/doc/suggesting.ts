import type { Mark, MarkType, Node as PmNode } from '@tiptap/pm/model';
import {
  Plugin,
  PluginKey,
  TextSelection,
  type EditorState,
  type Transaction,
} from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { isSuggestionMark, newSuggestionId, type SuggestionMark } from './suggestions.js';

/**
 * Suggesting mode of the editor (issue 18), as a ProseMirror plugin with no
 * DOM, so the server's headless-editor tests run exactly what the browser
 * runs. Whatever way an edit arrives (keys, typing, IME, paste, cut, drop),
 * it becomes a transaction, and the plugin rewrites that transaction's
 * result:
 *
 * - text inserted is marked as the member's `insertion` (the mark of their
 *   adjacent insertion when they continue one — id and time —, else a fresh
 *   one stamped with {@link SuggestingOptions.now});
 * - text deleted comes back, marked as the member's `deletion` — unless it
 *   was their own pending insertion, which is simply gone (withdrawn);
 * - edits it cannot express as suggestions (a new paragraph, a deletion
 *   across paragraphs, formatting) are not applied at all.
 *
 * In direct mode it only keeps names honest: inserted text never carries
 * someone else's suggestion mark (typing inside another member's insertion
 * or pasting one), which the server would refuse as a forgery.
 */

/** Options of {@link suggestingPlugin}. */
export interface SuggestingOptions {
  /** The member's user id (what their marks carry; the server checks it). */
  userId(): string;
  /** True while the editor is in suggesting mode. */
  suggesting(): boolean;
  /** True for a transaction that comes from the shared document (not a local edit). */
  isRemote(tr: Transaction): boolean;
  /** Randomness of new ids (tests inject it). */
  random?: () => number;
  /**
   * The server's time, epoch ms (the client's clock corrected by the measured
   * offset): what a new suggestion's `at` says. The server refuses a new mark
   * whose time is far from its own. Absent: new marks carry no time.
   */
  now?: () => number;
}

/** The plugin's key; its own transactions carry it as meta. */
export const suggestingKey = new PluginKey('kenesSuggesting');

/** Builds the plugin (the client wraps it in a Tiptap extension). */
export function suggestingPlugin(opts: SuggestingOptions): Plugin {
  const local = (tr: Transaction): boolean =>
    tr.docChanged && !opts.isRemote(tr) && tr.getMeta(suggestingKey) === undefined;
  return new Plugin({
    key: suggestingKey,
    filterTransaction(tr) {
      if (!opts.suggesting() || !local(tr)) return true;
      return tr.steps.every((step, i) => isInlineReplace(step, tr.docs[i] as PmNode));
    },
    appendTransaction(trs, oldState, newState) {
      const edits = trs.filter(local);
      if (edits.length === 0 || edits.length !== trs.length) return null;
      return rewrite(trs, oldState, newState, opts);
    },
  });
}

/** A replace inside one textblock that inserts inline content only. */
function isInlineReplace(step: unknown, doc: PmNode): boolean {
  if (!(step instanceof ReplaceStep)) return false;
  const { from, to, slice } = step;
  if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
  let inline = true;
  slice.content.forEach((n) => {
    if (!n.isInline) inline = false;
  });
  if (!inline) return false;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  return $from.parent.isTextblock && $from.sameParent($to);
}

function rewrite(
  trs: readonly Transaction[],
  oldState: EditorState,
  newState: EditorState,
  opts: SuggestingOptions,
): Transaction | null {
  const insertion = newState.schema.marks.insertion;
  const deletion = newState.schema.marks.deletion;
  if (!insertion || !deletion) return null;
  const me = opts.userId();
  const suggesting = opts.suggesting();
  const out = newState.tr;
  out.setMeta(suggestingKey, true);
  // Only suggesting mode rewrites what a key did to the caret.
  let caret: number | null = null;
  trs.forEach((tr, k) => {
    tr.steps.forEach((step, i) => {
      if (!(step instanceof ReplaceStep)) return;
      // From this step's result to the final document (and our own changes so far).
      const toFinal = (pos: number, assoc: number): number => {
        let p = tr.mapping.slice(i + 1).map(pos, assoc);
        for (const later of trs.slice(k + 1)) p = later.mapping.map(p, assoc);
        return out.mapping.map(p, assoc);
      };
      const size = step.slice.size;
      if (size > 0) {
        const from = toFinal(step.from, 1);
        const to = toFinal(step.from + size, -1);
        if (suggesting) markInsertion(out, from, to, insertion, me, opts);
        else clearForeign(out, from, to, insertion, deletion, me);
      }
      if (!suggesting || step.to <= step.from) return;
      const before = tr.docs[i] as PmNode;
      const nodes = deletedAsSuggestion(before, step.from, step.to, insertion, deletion, me);
      const at = toFinal(step.from, -1);
      if (nodes.length > 0) {
        const attrs = adjacentMark(out.doc, at, at, deletion, me) ?? freshMark(me, opts);
        const marked = nodes.map((n) =>
          deletion.isInSet(n.marks) ? n : n.mark(deletion.create({ ...attrs }).addToSet(n.marks)),
        );
        out.insert(at, marked);
      }
      // Backspace leaves the caret before the struck text, Delete after it.
      const sel = (k === 0 ? oldState : (trs[k - 1] as Transaction)).selection;
      const width = nodes.reduce((w, n) => w + n.nodeSize, 0);
      if (sel.empty && sel.head === step.to) caret = at;
      else if (sel.empty) caret = at + width;
    });
  });
  if (caret !== null) out.setSelection(TextSelection.create(out.doc, caret));
  return out.docChanged ? out : null;
}

/** Marks [from, to) as `me`'s insertion, continuing an adjacent one of theirs. */
function markInsertion(
  tr: Transaction,
  from: number,
  to: number,
  insertion: MarkType,
  me: string,
  opts: SuggestingOptions,
): void {
  if (to <= from) return;
  const attrs = adjacentMark(tr.doc, from, to, insertion, me) ?? freshMark(me, opts);
  tr.removeMark(from, to, insertion);
  tr.removeMark(from, to, tr.doc.type.schema.marks.deletion);
  tr.addMark(from, to, insertion.create({ ...attrs }));
}

/** A new suggestion of `me`'s: a fresh id, and the server's time when the plugin has a clock. */
function freshMark(me: string, opts: SuggestingOptions): SuggestionMark {
  const id = newSuggestionId(me, opts.random);
  return opts.now ? { id, by: me, at: Math.round(opts.now()) } : { id, by: me };
}

/** Removes other members' suggestion marks (and any deletion mark) from new text. */
function clearForeign(
  tr: Transaction,
  from: number,
  to: number,
  insertion: MarkType,
  deletion: MarkType,
  me: string,
): void {
  const foreign: Mark[] = [];
  tr.doc.nodesBetween(from, to, (node) => {
    for (const m of node.marks)
      if (m.type === deletion || (m.type === insertion && m.attrs.by !== me)) foreign.push(m);
  });
  for (const m of foreign) tr.removeMark(from, to, m);
}

/**
 * The attributes of `me`'s `type` mark just before `from` or just after `to`,
 * if any: continuing a suggestion keeps its id and its time (one mark, so the
 * binding stores the run under one format key).
 */
function adjacentMark(
  doc: PmNode,
  from: number,
  to: number,
  type: MarkType,
  me: string,
): SuggestionMark | null {
  for (const node of [doc.resolve(from).nodeBefore, doc.resolve(to).nodeAfter]) {
    const mark = node ? type.isInSet(node.marks) : undefined;
    if (mark && mark.attrs.by === me && isSuggestionMark(mark.attrs)) return mark.attrs;
  }
  return null;
}

/** What a deletion of [from, to) leaves as suggestions: the text, minus `me`'s own insertions. */
function deletedAsSuggestion(
  doc: PmNode,
  from: number,
  to: number,
  insertion: MarkType,
  _deletion: MarkType,
  me: string,
): PmNode[] {
  const out: PmNode[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    if (node.marks.some((m) => m.type === insertion && m.attrs.by === me)) return false;
    if (node.isText) {
      const text = (node.text ?? '').slice(Math.max(0, from - pos), Math.max(0, to - pos));
      if (text !== '') out.push(node.type.schema.text(text, node.marks));
    } else out.push(node);
    return false;
  });
  return out;
}
