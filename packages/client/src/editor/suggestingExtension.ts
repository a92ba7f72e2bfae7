import { Extension } from '@tiptap/react';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { isSuggestionMark, suggestingPlugin } from '@kenes/shared';

/** How a suggester is shown: a label ("Suggested by Dana, Union of Crisis Centres") and a colour. */
export interface SuggesterView {
  label: string;
  colour: string;
}

/** Options of {@link Suggesting}. */
export interface SuggestingExtensionOptions {
  /** The signed-in member's user id. */
  userId: string;
  /** Read on every edit: true while the editor is in suggesting mode. */
  suggesting: () => boolean;
  /** Who a user id is, from the server's member records (never from the mark). */
  describe: (userId: string) => SuggesterView;
}

const labelsKey = new PluginKey('kenesSuggestionLabels');

/**
 * Suggesting mode (shared's `suggestingPlugin`, the same code the server's
 * tests run) and the suggestion labels: every marked run gets the
 * suggester's colour and a hover title naming them and their organisation.
 * Decorations only add attributes to the text's own elements: no widget,
 * nothing in the text that a key could act on or the parser could read.
 */
export const Suggesting = Extension.create<SuggestingExtensionOptions>({
  name: 'kenesSuggesting',
  addOptions() {
    return {
      userId: '',
      suggesting: () => false,
      describe: (userId) => ({ label: userId, colour: '#555555' }),
    };
  },
  addProseMirrorPlugins() {
    const { userId, suggesting, describe } = this.options;
    return [
      suggestingPlugin({
        userId: () => userId,
        suggesting,
        // A change that comes from the shared document (another member's edit).
        isRemote: (tr) => tr.getMeta(ySyncPluginKey) !== undefined,
      }),
      new Plugin({
        key: labelsKey,
        props: {
          decorations(state) {
            return labels(state.doc, describe);
          },
        },
      }),
    ];
  },
});

function labels(doc: PmNode, describe: (userId: string) => SuggesterView): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
      if (!isSuggestionMark(mark.attrs)) continue;
      const who = describe(mark.attrs.by);
      out.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          class: `suggested-${mark.type.name}`,
          title: who.label,
          style: `--suggestion-colour: ${who.colour}`,
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, out);
}
