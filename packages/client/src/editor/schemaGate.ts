import { useEffect, useSyncExternalStore } from 'react';
import { Extension, type Editor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { outsideSchema, outsideSchemaBelow } from '@kenes/shared';
import { isWithin } from './withinFragment.js';

/**
 * Keeps the editor's Yjs binding away from content outside the editor's
 * schema. The binding (`@tiptap/y-tiptap`) cannot build a ProseMirror node
 * for an unknown element, mark or attribute value, and then *deletes* that
 * element or text from the shared document — an ordinary edit the server
 * commits, made by whoever opened the text (issue 15, finding 1). The
 * server refuses such content now, but a document stored before it did may
 * hold some, so the client never binds to it:
 *
 * - at creation, before the editor mounts (mounting binds and renders the
 *   fragment at once), the fragment is checked; outside the schema, the
 *   editor is not mounted at all;
 * - on every later change, in the doc's `beforeObserverCalls` event —
 *   emitted after a transaction changed the doc and before any observer,
 *   the binding's own included, runs — the changed types are checked;
 *   outside the schema, the editor is unmounted there and then, under the
 *   binding's mutex, which removes the binding's observer before it is
 *   called and swallows any write-back the teardown could trigger.
 *
 * Either way the text's listeners ({@link useOutsideSchema}) hear about it
 * and show a read-only copy instead, with a notice.
 */
export const SchemaGate = Extension.create<
  { fragment: Y.XmlFragment | null },
  { stop: (() => void) | null }
>({
  name: 'schemaGate',

  addOptions() {
    return { fragment: null };
  },

  addStorage() {
    return { stop: null };
  },

  onBeforeCreate() {
    const fragment = this.options.fragment;
    const doc = fragment?.doc;
    if (!fragment || !doc) return;
    const editor = this.editor;
    const first = check(() => outsideSchema(fragment));
    if (first !== null) {
      // Documented Tiptap option: null = do not mount (so no binding, no render).
      editor.setOptions({ element: null });
      report(fragment, first);
      return;
    }
    let done = false;
    const listener = (tr: Y.Transaction): void => {
      if (done) return;
      const reason = changedOutside(tr, fragment);
      if (reason === null) return;
      done = true;
      doc.off('beforeObserverCalls', listener);
      detach(editor);
      report(fragment, reason);
    };
    doc.on('beforeObserverCalls', listener);
    this.storage.stop = () => doc.off('beforeObserverCalls', listener);
  },

  onDestroy() {
    this.storage.stop?.();
    this.storage.stop = null;
  },
});

/** The first problem among the types a transaction changed inside `fragment`, or null. */
function changedOutside(tr: Y.Transaction, fragment: Y.XmlFragment): string | null {
  for (const type of tr.changed.keys()) {
    if (!isWithin(type, fragment)) continue;
    const reason = check(() => outsideSchemaBelow(type));
    if (reason !== null) return reason;
  }
  return null;
}

/** Runs a check; a check that throws counts as outside (deny by default). */
function check(fn: () => string | null): string | null {
  try {
    return fn();
  } catch (err) {
    return `the text could not be checked (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Unmounts the editor (view, plugins, binding) without letting the binding write. */
function detach(editor: Editor): void {
  const unmount = (): void => {
    try {
      editor.unmount();
    } catch (err) {
      console.warn('[kenes] editor unmount failed', err);
    }
  };
  const state = ySyncPluginKey.getState(editor.state) as
    { binding?: { mux?: (f: () => void, g?: () => void) => void } } | undefined;
  const mux = state?.binding?.mux;
  if (mux) mux(unmount, unmount);
  else unmount();
}

/**
 * Why each fragment cannot be edited, as far as this page knows: set
 * synchronously by the gate, so that any render after it sees the refusal
 * (a render of the live editor with its editor unmounted would make
 * Tiptap's `useEditor` create a new editor, which the gate refuses, and so
 * on, until React gives up).
 */
const refused = new WeakMap<Y.XmlFragment, string>();
const checked = new WeakSet<Y.XmlFragment>();
const listeners = new WeakMap<Y.XmlFragment, Set<() => void>>();

function setOutside(fragment: Y.XmlFragment, reason: string | null): void {
  if ((refused.get(fragment) ?? null) === reason) return;
  if (reason === null) refused.delete(fragment);
  else refused.set(fragment, reason);
  // At once, even when the gate refused while the editor was being created
  // (in a render): the text's component must re-render before the live
  // editor does, or Tiptap recreates the editor the gate left unmounted.
  for (const l of listeners.get(fragment) ?? []) l();
}

/** Logs and records a refusal. */
function report(fragment: Y.XmlFragment, reason: string): void {
  console.warn(
    `[kenes] a text holds content outside the editor's schema (${reason}): shown read-only`,
  );
  setOutside(fragment, reason);
}

/**
 * Why `fragment` cannot be edited (content outside the editor's schema), or
 * null when it can. Checked on first use, told by {@link SchemaGate} when a
 * change brings such content in, and re-checked on every change while it
 * lasts, so the editor comes back when that content is gone.
 */
export function useOutsideSchema(fragment: Y.XmlFragment): string | null {
  if (!checked.has(fragment)) {
    checked.add(fragment);
    const first = check(() => outsideSchema(fragment));
    if (first !== null) refused.set(fragment, first);
  }
  const reason = useSyncExternalStore(
    (onChange) => {
      const own = listeners.get(fragment) ?? new Set<() => void>();
      own.add(onChange);
      listeners.set(fragment, own);
      return () => own.delete(onChange);
    },
    () => refused.get(fragment) ?? null,
  );
  const outside = reason !== null;
  useEffect(() => {
    if (!outside) return;
    const recheck = (): void =>
      setOutside(
        fragment,
        check(() => outsideSchema(fragment)),
      );
    // Also at once: the content may have changed while nobody watched it.
    recheck();
    fragment.observeDeep(recheck);
    return () => fragment.unobserveDeep(recheck);
  }, [fragment, outside]);
  return reason;
}
