import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { parseCursor } from '@kenes/shared';
import { isWithin } from './withinFragment.js';

/** Awareness 'change' payload: who joined, changed or left. */
interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
type ChangeListener = (changes: AwarenessChanges, origin: unknown) => void;

/**
 * The awareness one editor's caret plugin sees: the same states, but its
 * `change` event only for changes that concern the editor's text — a caret
 * that is, or was, in `fragment`.
 *
 * Why: y-prosemirror's cursor plugin answers every awareness change with a
 * transaction on its editor that rebuilds all caret decorations. A room
 * shows one editor per recommendation, so each caret move of anyone (each
 * keystroke) cost 200 editor transactions in a room of 200 recommendations
 * (issue 20: the page fell far below 60 fps while five people typed). A
 * caret elsewhere changes nothing here.
 *
 * A caret whose position cannot be resolved yet (its text has not arrived)
 * counts as here, as does any failure to tell: an extra redraw is harmless,
 * a missed one leaves a stale caret.
 */
export function scopedAwareness(awareness: Awareness, fragment: Y.XmlFragment): Awareness {
  /** Clients whose caret was in this text at the last change we looked at. */
  const here = new Set<number>();
  const wrapped = new Map<ChangeListener, ChangeListener>();
  const isHere = (clientId: number): boolean =>
    caretIn(awareness.getStates().get(clientId), fragment);
  const scoped = {
    get clientID() {
      return awareness.clientID;
    },
    get doc() {
      return awareness.doc;
    },
    getStates: () => awareness.getStates(),
    getLocalState: () => awareness.getLocalState(),
    setLocalState: (state: Record<string, unknown> | null) => awareness.setLocalState(state),
    setLocalStateField: (field: string, value: unknown) =>
      awareness.setLocalStateField(field, value),
    on(event: string, listener: ChangeListener) {
      if (event !== 'change') return awareness.on(event, listener);
      if (wrapped.size === 0) {
        for (const id of awareness.getStates().keys()) if (isHere(id)) here.add(id);
      }
      const filtered: ChangeListener = (changes, origin) => {
        let concerns = false;
        for (const list of [changes.added, changes.updated, changes.removed]) {
          for (const id of list) {
            const was = here.delete(id);
            const is = isHere(id);
            if (is) here.add(id);
            if ((was || is) && id !== awareness.clientID) concerns = true;
          }
        }
        if (concerns) listener(changes, origin);
      };
      wrapped.set(listener, filtered);
      awareness.on('change', filtered);
    },
    off(event: string, listener: ChangeListener) {
      if (event !== 'change') return awareness.off(event, listener);
      const filtered = wrapped.get(listener);
      if (!filtered) return;
      wrapped.delete(listener);
      awareness.off('change', filtered);
    },
  };
  // The plugin uses only the members above (y-tiptap's yCursorPlugin).
  return scoped as unknown as Awareness;
}

/** True when the state's caret is in `fragment`, or where it is cannot be told. */
function caretIn(state: unknown, fragment: Y.XmlFragment): boolean {
  const cursor = parseCursor((state as { cursor?: unknown } | null | undefined)?.cursor);
  if (cursor === null) return false;
  const doc = fragment.doc;
  if (!doc) return true;
  try {
    const at = Y.createAbsolutePositionFromRelativePosition(
      Y.createRelativePositionFromJSON(cursor.head),
      doc,
    );
    return at === null || isWithin(at.type, fragment);
  } catch {
    return true;
  }
}
