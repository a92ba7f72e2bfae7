import * as Y from 'yjs';
import { Extension } from '@tiptap/react';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { threadIndex } from '../features/comments/threadIndex.js';

/** Options of {@link CommentHighlights}. */
export interface CommentHighlightsOptions {
  fragment: Y.XmlFragment | null;
}

const key = new PluginKey<DecorationSet>('commentHighlights');
/** Meta set on the transaction that only says "the comments changed". */
const COMMENTS_CHANGED = 'commentsChanged';

/** The recommendation id of a texts fragment: its key in the `texts` map. */
function recIdOf(fragment: Y.XmlFragment): string | null {
  const sub = fragment._item?.parentSub;
  return typeof sub === 'string' ? sub : null;
}

function decorations(state: EditorState, fragment: Y.XmlFragment): DecorationSet {
  const doc = fragment.doc;
  const recId = recIdOf(fragment);
  const sync = ySyncPluginKey.getState(state) as
    { binding?: { mapping?: Map<Y.AbstractType<unknown>, unknown> } } | undefined;
  const mapping = sync?.binding?.mapping;
  if (!doc || !recId || !mapping) return DecorationSet.empty;
  const open = threadIndex(doc)
    .threadsOf(recId)
    .filter((t) => t.status === 'open');
  if (open.length === 0) return DecorationSet.empty;
  const size = state.doc.content.size;
  const found: Decoration[] = [];
  for (const t of open) {
    try {
      const abs = (json: unknown) =>
        relativePositionToAbsolutePosition(
          doc,
          fragment,
          Y.createRelativePositionFromJSON(json),
          mapping as never,
        );
      const from = abs(t.anchor.start);
      const to = abs(t.anchor.end);
      if (from === null || to === null || to <= from || to > size) continue;
      found.push(Decoration.inline(from, to, { class: 'comment-anchor', 'data-thread': t.id }));
    } catch {
      // An anchor the binding cannot map yet: no highlight, the thread is still listed.
    }
  }
  return DecorationSet.create(state.doc, found);
}

/**
 * Marks the text each open comment thread is about, in the live editor: an
 * inline decoration (view only, never written) from the thread's relative
 * positions through the Yjs binding, recomputed as the text or the comments
 * change.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  // After Collaboration (1000): the binding's mapping is read in the same transaction.
  priority: 998,

  addOptions() {
    return { fragment: null };
  },

  addProseMirrorPlugins() {
    const { fragment } = this.options;
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
              ? decorations(next, fragment)
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
