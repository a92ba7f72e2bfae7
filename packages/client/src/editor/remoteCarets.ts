import { Extension } from '@tiptap/react';
import { DOMParser as PmDOMParser, type Schema, type TagParseRule } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isCaretColour, parseCursor } from '@kenes/shared';
import { colourFor } from './colourFor.js';
import { CARET_CLASS, renderCaret } from './extensions.js';
import { scopedAwareness } from './caretScope.js';

/** Options of {@link RemoteCarets}. */
export interface RemoteCaretsOptions {
  awareness: Awareness | null;
}

/**
 * Carets of the other people editing the same text, safe by construction:
 *
 * - A state is drawn only when it is well-formed (`cursor` two strict
 *   relative positions, `user` an object): y-prosemirror reads
 *   `cursor.anchor.type` unguarded, and one `{anchor: null}` from anyone
 *   would throw inside every editor's state update, so remote edits stop
 *   showing and rooms opened later render no editor (issue 15.2).
 * - The caret can never be read back as text: its label is drawn by CSS
 *   from an attribute (no text node), and the DOM parser the editor reads
 *   its own DOM changes with ignores caret elements, also copies of them
 *   that lost their link to the widget (issue 14.1).
 * - A key is handled at the selection the person sees: see
 *   {@link syncSelectionBeforeKey}.
 * - Only a change of a caret in this editor's text redraws it
 *   ({@link scopedAwareness}): one editor per recommendation, and every
 *   caret move of anyone used to redraw them all.
 *
 * Replaces `@tiptap/extension-collaboration-caret`, which accepts none of
 * these options. The local `user` field is set by the room, not here.
 */
export const RemoteCarets = Extension.create<RemoteCaretsOptions>({
  name: 'remoteCarets',
  // After Collaboration (1000): the cursor plugin reads the sync plugin's
  // state of the same transaction, which must be computed first.
  priority: 999,

  addOptions() {
    return { awareness: null };
  },

  addExtensions() {
    return [CaretSafety];
  },

  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (!awareness) return [];
    // The text the Collaboration extension binds: carets elsewhere never redraw this editor.
    const fragment = this.editor.extensionManager.extensions.find((e) => e.name === 'collaboration')
      ?.options.fragment as unknown;
    return [
      yCursorPlugin(
        fragment instanceof Y.XmlFragment ? scopedAwareness(awareness, fragment) : awareness,
        {
          awarenessStateFilter: (mine: number, theirs: number, state: unknown) =>
            mine !== theirs && isDrawableState(state),
          cursorBuilder: (user: Record<string, unknown>) => safeCaret(user),
          // A class, not a style attribute: the Content-Security-Policy refuses
          // inline style attributes (the caret's colours are set through CSSOM).
          selectionBuilder: () => ({ class: 'collaboration-carets__selection' }),
        },
      ) as Plugin,
      labelsInside,
    ];
  },
});

/** Class of a caret whose label would pass the text's right edge: drawn leftwards of the caret. */
const LABEL_LEFTWARDS = 'collaboration-carets--leftwards';

/**
 * Keeps every caret's name label inside the text: a caret near the right
 * edge gets {@link LABEL_LEFTWARDS} when its label, drawn rightwards, would
 * be cut by the editor's box ("Dana Seitka…"). Measured once per frame after
 * the carets changed, never in the middle of a transaction.
 */
const labelsInside = new Plugin({
  key: new PluginKey('kenesCaretLabelsInside'),
  view(view) {
    let frame = 0;
    const place = () => {
      frame = 0;
      const carets = view.dom.querySelectorAll<HTMLElement>(`.${CARET_CLASS}`);
      if (carets.length === 0) return;
      const right = view.dom.getBoundingClientRect().right;
      for (const caret of carets) {
        const label = caret.firstElementChild as HTMLElement | null;
        if (!label) continue;
        const left = caret.getBoundingClientRect().left;
        caret.classList.toggle(LABEL_LEFTWARDS, left + label.offsetWidth > right);
      }
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(place);
    };
    schedule();
    window.addEventListener('resize', schedule);
    return {
      update: schedule,
      destroy() {
        cancelAnimationFrame(frame);
        window.removeEventListener('resize', schedule);
      },
    };
  },
});

/**
 * The parser guard and the selection sync of {@link RemoteCarets}, ahead of
 * every other plugin so its key handler runs before the keymaps.
 */
const CaretSafety = Extension.create({
  name: 'caretSafety',
  priority: 10_000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('kenesCaretSafety'),
        props: {
          domParser: caretIgnoringParser(this.editor.schema),
          handleKeyDown: syncSelectionBeforeKey,
        },
      }),
    ];
  },
});

/**
 * True when an awareness state can be drawn as a caret without throwing:
 * an object whose `user` (if any) is an object and whose `cursor` parses
 * strictly. The server drops anything else already; this is the client's
 * own guard, whatever a server relays.
 */
export function isDrawableState(state: unknown): boolean {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return false;
  const { user, cursor } = state as { user?: unknown; cursor?: unknown };
  if (user !== undefined && (typeof user !== 'object' || user === null || Array.isArray(user)))
    return false;
  return parseCursor(cursor) !== null;
}

/** The caret's colour: the one the server assigned, or one from the person's id. */
function caretColour(user: Record<string, unknown>): string {
  if (isCaretColour(user.color)) return user.color;
  return colourFor(typeof user.id === 'string' ? user.id : '');
}

/** {@link renderCaret} that never throws (a broken label must not break the editor). */
function safeCaret(user: Record<string, unknown>): HTMLElement {
  try {
    return renderCaret({ ...user, color: caretColour(user) });
  } catch {
    const caret = document.createElement('span');
    caret.className = CARET_CLASS;
    return caret;
  }
}

/** Elements a remote caret is drawn with, or a copy the browser made of one. */
const CARET_RULES: TagParseRule[] = [
  { tag: `.${CARET_CLASS}`, ignore: true },
  { tag: '.ProseMirror-yjs-cursor', ignore: true },
];

/**
 * The schema's DOM parser with caret elements ignored. ProseMirror skips a
 * widget it still knows, but when Chromium joins two paragraphs itself it
 * re-creates the moved nodes from serialised markup; the copy of the caret
 * has no link to its widget and would be parsed as an ordinary span.
 */
function caretIgnoringParser(schema: Schema): PmDOMParser {
  const base = PmDOMParser.fromSchema(schema);
  return new PmDOMParser(schema, [...CARET_RULES, ...base.rules]);
}

/**
 * Makes the editor's selection the one on screen before a key is handled.
 *
 * After a click, the browser moves its selection at once but tells
 * ProseMirror only with the `selectionchange` event, a task later; a key
 * pressed in between (a quick typist) reaches the keymap with the old
 * selection. Delete at the end of a line then finds the old selection not at
 * a block end, the keymap declines, and Chromium joins the paragraphs
 * natively around a remote caret widget, which is what let a caret's label
 * become text and made Backspace do nothing. Reading the DOM selection here
 * lets the keymap do the edit itself. Never handles the key (answers false).
 */
export function syncSelectionBeforeKey(view: EditorView, event: KeyboardEvent): boolean {
  if (event.isComposing || event.keyCode === 229) return false;
  const sel = view.dom.ownerDocument.getSelection();
  if (sel === null || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return false;
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return false;
  const { state } = view;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
    head = view.posAtDOM(sel.focusNode, sel.focusOffset);
  } catch {
    return false;
  }
  if (anchor === state.selection.anchor && head === state.selection.head) return false;
  const size = state.doc.content.size;
  if (anchor < 0 || head < 0 || anchor > size || head > size) return false;
  if (!state.doc.resolve(anchor).parent.inlineContent) return false;
  if (!state.doc.resolve(head).parent.inlineContent) return false;
  view.dispatch(
    state.tr.setSelection(TextSelection.create(state.doc, anchor, head)).setMeta('pointer', true),
  );
  return false;
}
