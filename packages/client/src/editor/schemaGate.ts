import { useEffect, useState } from 'react';
import { Extension, type Editor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { outsideSchema, outsideSchemaBelow } from '@kenes/shared';

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type (Yjs types parents so)
function isWithin(type: Y.AbstractType<any>, fragment: Y.XmlFragment): boolean {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  for (let t: Y.AbstractType<any> | null = type; t !== null;) {
    if (t === fragment) return true;
    const parent: unknown = t._item?.parent;
    t = parent instanceof Y.AbstractType ? parent : null;
  }
  return false;
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

type Listener = (reason: string) => void;
const listeners = new WeakMap<Y.XmlFragment, Set<Listener>>();

/** Logs and tells the text's listeners (after the current task: never inside a render or a Yjs transaction). */
function report(fragment: Y.XmlFragment, reason: string): void {
  console.warn(
    `[kenes] a text holds content outside the editor's schema (${reason}): shown read-only`,
  );
  queueMicrotask(() => {
    for (const l of listeners.get(fragment) ?? []) l(reason);
  });
}

/**
 * Why `fragment` cannot be edited (content outside the editor's schema), or
 * null when it can. Checked at once, told by {@link SchemaGate} when a
 * change brings such content in, and re-checked on every change while it
 * lasts, so the editor comes back when that content is gone.
 */
export function useOutsideSchema(fragment: Y.XmlFragment): string | null {
  const [state, setState] = useState(() => ({
    fragment,
    reason: check(() => outsideSchema(fragment)),
  }));
  const current =
    state.fragment === fragment
      ? state
      : { fragment, reason: check(() => outsideSchema(fragment)) };
  if (current !== state) setState(current);
  const outside = current.reason !== null;

  useEffect(() => {
    const set = (reason: string | null): void =>
      setState((s) => (s.fragment === fragment && s.reason === reason ? s : { fragment, reason }));
    const told: Listener = (reason) => set(reason);
    const own = listeners.get(fragment) ?? new Set<Listener>();
    own.add(told);
    listeners.set(fragment, own);
    const recheck = (): void => set(check(() => outsideSchema(fragment)));
    // Also at once: the gate may have refused to mount before this listener existed.
    recheck();
    if (outside) fragment.observeDeep(recheck);
    return () => {
      own.delete(told);
      if (outside) fragment.unobserveDeep(recheck);
    };
  }, [fragment, outside]);

  return current.reason;
}
