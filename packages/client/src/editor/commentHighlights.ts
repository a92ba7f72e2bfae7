import * as Y from 'yjs';
import { Extension } from '@tiptap/react';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { threadIndex } from '../features/comments/threadIndex.js';
import { treePosition } from './treePosition.js';

/** Options of {@link CommentHighlights}. */
export interface CommentHighlightsOptions {
  fragment: Y.XmlFragment | null;
  /**
   * How an anchor becomes an editor position: through the live editor's Yjs
   * binding, or (`tree`) by counting the fragment's nodes, for a read-only
   * editor that shows the fragment's JSON without a binding.
   */
  positions: 'binding' | 'tree';
}

const key = new PluginKey<DecorationSet>('commentHighlights');
/** Meta set on the transaction that only says "the comments changed". */
const COMMENTS_CHANGED = 'commentsChanged';

/** The recommendation id of a texts fragment: its key in the `texts` map. */
function recIdOf(fragment: Y.XmlFragment): string | null {
  const sub = fragment._item?.parentSub;
  return typeof sub === 'string' ? sub : null;
}

/** Turns a relative position (JSON) into a position of `state`'s document, or null. */
type Resolve = (json: unknown) => number | null;

function resolver(
  state: EditorState,
  fragment: Y.XmlFragment,
  positions: CommentHighlightsOptions['positions'],
): Resolve | null {
  const doc = fragment.doc;
  if (!doc) return null;
  if (positions === 'tree') return (json) => treePosition(fragment, json, state.schema);
  const sync = ySyncPluginKey.getState(state) as
    { binding?: { mapping?: Map<Y.AbstractType<unknown>, unknown> } } | undefined;
  const mapping = sync?.binding?.mapping;
  if (!mapping) return null;
  return (json) =>
    relativePositionToAbsolutePosition(
      doc,
      fragment,
      Y.createRelativePositionFromJSON(json),
      mapping as never,
    );
}

function decorations(
  state: EditorState,
  fragment: Y.XmlFragment,
  positions: CommentHighlightsOptions['positions'],
): DecorationSet {
  const doc = fragment.doc;
  const recId = recIdOf(fragment);
  if (!doc || !recId) return DecorationSet.empty;
  const open = threadIndex(doc)
    .threadsOf(recId)
    .filter((t) => t.status === 'open');
  if (open.length === 0) return DecorationSet.empty;
  const resolve = resolver(state, fragment, positions);
  if (!resolve) return DecorationSet.empty;
  const size = state.doc.content.size;
  const found: Decoration[] = [];
  for (const t of open) {
    try {
      const from = resolve(t.anchor.start);
      const to = resolve(t.anchor.end);
      if (from === null || to === null || to <= from || to > size) continue;
      found.push(Decoration.inline(from, to, { class: 'comment-anchor', 'data-thread': t.id }));
    } catch {
      // An anchor that cannot be mapped yet: no highlight, the thread is still listed.
    }
  }
  return DecorationSet.create(state.doc, found);
}

/**
 * Marks the text each open comment thread is about: an inline decoration
 * (view only, never written) from the thread's relative positions — through
 * the Yjs binding in the live editor, by counting the fragment's nodes in a
 * read-only one (an observer's, an agreed or closed text) — recomputed as
 * the text or the comments change.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  // After Collaboration (1000): the binding's mapping is read in the same transaction.
  priority: 998,

  addOptions() {
    return { fragment: null, positions: 'binding' };
  },

  addProseMirrorPlugins() {
    const { fragment, positions } = this.options;
    const recId = fragment && recIdOf(fragment);
    if (!fragment?.doc || !recId) return [];
    const index = threadIndex(fragment.doc);
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, old, _prev, next) =>
            tr.docChanged || tr.getMeta(COMMENTS_CHANGED) || tr.getMeta(ySyncPluginKey)
              ? decorations(next, fragment, positions)
              : old.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => key.getState(state) },
        view: (view) => {
          const redraw = () => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(COMMENTS_CHANGED, true));
          };
          // After the Yjs transaction, never inside it: by then the binding has brought the
          // editor's document up to date, so this view update finds nothing to write back.
          const changed = () => queueMicrotask(redraw);
          // Only this recommendation's threads: a comment elsewhere redraws nothing here.
          const stop = index.subscribe(recId, changed);
          changed();
          return { destroy: stop };
        },
      }),
    ];
  },
});
