import { useEffect, useState } from 'react';
import { Extension, type Editor } from '@tiptap/react';
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

/**
 * What the editor's plugins read at edit time: the mode and who suggesters
 * are, kept current after each render (the editor is not rebuilt when the
 * mode or the members list changes).
 */
export class SuggestingLive {
  private mode = false;
  private who: (userId: string) => SuggesterView = unknown;

  /** Called from an effect after each render. */
  update(on: boolean, describe: ((userId: string) => SuggesterView) | undefined): void {
    this.mode = on;
    this.who = describe ?? unknown;
  }

  get on(): boolean {
    return this.mode;
  }

  describe(userId: string): SuggesterView {
    return this.who(userId);
  }
}

const unknown = (userId: string): SuggesterView => ({ label: userId, colour: '#555555' });

/** A {@link SuggestingLive} for one editor, updated after each render. */
export function useSuggestingLive(
  on: boolean,
  describe: ((userId: string) => SuggesterView) | undefined,
): SuggestingLive {
  const [live] = useState(() => new SuggestingLive());
  useEffect(() => live.update(on, describe), [live, on, describe]);
  return live;
}

/** Redraws the labels when who suggesters are changes (the members list arrived). */
export function useRelabel(editor: Editor | null, describe: unknown): void {
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(labelsKey, 1));
  }, [editor, describe]);
}
