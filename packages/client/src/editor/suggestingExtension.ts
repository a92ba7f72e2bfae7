import { useEffect, useState } from 'react';
import { Extension, type Editor } from '@tiptap/react';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { isSuggestionMark, suggestingPlugin, suggestionTime } from '@kenes/shared';

/**
 * How a suggestion is shown: a label ("Suggested by Dana, Union of Crisis
 * Centres · 12:41") and the suggester's colour.
 */
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
  /**
   * The server's time, epoch ms (the local clock corrected by the measured
   * offset): what a new suggestion's `at` says. The server refuses a time
   * far from its own, so the local clock alone will not do.
   */
  now: () => number;
  /**
   * A suggestion's label and colour: who (by user id, from the server's
   * member records, never from the mark) and when (the mark's time, or null).
   */
  describe: (userId: string, at: number | null) => SuggesterView;
  /**
   * Labels only, for a read-only editor: no suggesting plugin. Its content
   * is set by `setContent`, a local edit to the plugin, which in direct mode
   * would strip every mark but the reader's own from it.
   */
  labelsOnly: boolean;
}

const labelsKey = new PluginKey('kenesSuggestionLabels');

/**
 * Suggesting mode (shared's `suggestingPlugin`, the same code the server's
 * tests run) and the suggestion labels: every marked run gets the
 * suggester's colour and a hover title naming them, their organisation and
 * when they suggested it.
 * Decorations only add attributes to the text's own elements: no widget,
 * nothing in the text that a key could act on or the parser could read.
 */
export const Suggesting = Extension.create<SuggestingExtensionOptions>({
  name: 'kenesSuggesting',
  addOptions() {
    return {
      userId: '',
      suggesting: () => false,
      now: () => Date.now(),
      describe: (userId) => ({ label: userId, colour: '#555555' }),
      labelsOnly: false,
    };
  },
  addProseMirrorPlugins() {
    const { userId, suggesting, now, describe, labelsOnly } = this.options;
    const labelling = new Plugin({
      key: labelsKey,
      props: {
        decorations(state) {
          return labels(state.doc, describe);
        },
      },
    });
    if (labelsOnly) return [labelling];
    return [
      suggestingPlugin({
        userId: () => userId,
        suggesting,
        now,
        // A change that comes from the shared document (another member's edit).
        isRemote: (tr) => tr.getMeta(ySyncPluginKey) !== undefined,
      }),
      labelling,
    ];
  },
});

function labels(
  doc: PmNode,
  describe: (userId: string, at: number | null) => SuggesterView,
): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
      if (!isSuggestionMark(mark.attrs)) continue;
      const who = describe(mark.attrs.by, suggestionTime(mark.attrs));
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

/** Who and when a suggestion is, as the editor labels it. */
export type DescribeSuggestion = (userId: string, at: number | null) => SuggesterView;

/**
 * What the editor's plugins read at edit time: the mode, who suggesters are
 * and the server's clock, kept current after each render (the editor is not
 * rebuilt when the mode, the members list or the clock offset changes).
 */
export class SuggestingLive {
  private mode = false;
  private who: DescribeSuggestion = unknown;
  private clock: () => number = Date.now;

  /** Called from an effect after each render. */
  update(on: boolean, describe: DescribeSuggestion | undefined, now?: () => number): void {
    this.mode = on;
    this.who = describe ?? unknown;
    this.clock = now ?? Date.now;
  }

  get on(): boolean {
    return this.mode;
  }

  describe(userId: string, at: number | null): SuggesterView {
    return this.who(userId, at);
  }

  /** The server's time as this client reckons it. */
  now(): number {
    return this.clock();
  }
}

const unknown = (userId: string): SuggesterView => ({ label: userId, colour: '#555555' });

/** A {@link SuggestingLive} for one editor, updated after each render. */
export function useSuggestingLive(
  on: boolean,
  describe: DescribeSuggestion | undefined,
  now?: () => number,
): SuggestingLive {
  const [live] = useState(() => new SuggestingLive());
  useEffect(() => live.update(on, describe, now), [live, on, describe, now]);
  return live;
}

/** Redraws the labels when who suggesters are changes (the members list arrived). */
export function useRelabel(editor: Editor | null, describe: unknown): void {
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(labelsKey, 1));
  }, [editor, describe]);
}
