import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { keepEqual } from './keepEqual.js';

/** A pure function of the document, such as `readMeeting` from `@kenes/shared`. */
export type DocReader<T> = (doc: Y.Doc) => T;

interface DocSource<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

/** How many updates each doc has had since it was first read here. */
const versions = new WeakMap<Y.Doc, { n: number }>();

/** The doc's update count (one listener per doc, installed on first use). */
function versionOf(doc: Y.Doc): number {
  let v = versions.get(doc);
  if (!v) {
    const counter = { n: 0 };
    doc.on('update', () => counter.n++);
    versions.set(doc, counter);
    v = counter;
  }
  return v.n;
}

/**
 * Wraps a doc and a reader as an external store: the reader runs again only
 * after the doc changed, so `getSnapshot` returns the same object between
 * updates (which `useSyncExternalStore` requires) — and across updates that
 * left the value equal ({@link keepEqual}), so that a keystroke in one text
 * re-renders only what reads that text, not every component that reads the
 * doc.
 */
function docSource<T>(doc: Y.Doc, read: DocReader<T>): DocSource<T> {
  let readAt = versionOf(doc);
  let value = read(doc);
  let stale = false;
  return {
    subscribe(onChange) {
      const onUpdate = () => {
        stale = true;
        onChange();
      };
      doc.on('update', onUpdate);
      // An update may have landed between the first render and this
      // subscription: re-read then, and only then (a needless re-read makes a
      // new value and so a second render of every reader, 50 cards' worth).
      if (versionOf(doc) !== readAt) stale = true;
      return () => doc.off('update', onUpdate);
    },
    getSnapshot() {
      if (stale) {
        readAt = versionOf(doc);
        value = keepEqual(value, read(doc));
        stale = false;
      }
      return value;
    },
  };
}

/**
 * The value of `read(doc)`, re-rendering the component whenever the doc
 * changes it (local or remote updates); an update that leaves it equal keeps
 * the same object and renders nothing.
 *
 * `read` must be stable (a module-level function), or the subscription is
 * rebuilt on every render.
 *
 * @example
 * const meeting = useDocValue(doc, readMeeting);
 * const count = useDocValue(doc, countRecommendations);
 */
export function useDocValue<T>(doc: Y.Doc, read: DocReader<T>): T {
  const source = useMemo(() => docSource(doc, read), [doc, read]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
