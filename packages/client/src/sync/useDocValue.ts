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
  return {
    subscribe(onChange) {
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    // Re-read only when the doc changed since the last read (the version
    // counter's listener runs before any subscriber's): an update landing
    // between the first render and the subscription is seen, a needless
    // re-read (a new value, a second render of every reader) is not made,
    // and readers sharing the source read once per update.
    getSnapshot() {
      const now = versionOf(doc);
      if (now !== readAt) {
        readAt = now;
        value = keepEqual(value, read(doc));
      }
      return value;
    },
  };
}

/** One source per doc and reader, shared by every component reading with it. */
const sources = new WeakMap<Y.Doc, WeakMap<DocReader<unknown>, DocSource<unknown>>>();

/**
 * The shared source of `read` over `doc`: 200 cards reading the meeting
 * read it once per update, not 200 times (the reader is pure, so one value
 * serves them all; a reader that is no longer used is collected with its source).
 */
function sharedSource<T>(doc: Y.Doc, read: DocReader<T>): DocSource<T> {
  let byReader = sources.get(doc);
  if (!byReader) sources.set(doc, (byReader = new WeakMap()));
  let source = byReader.get(read);
  if (!source) byReader.set(read, (source = docSource(doc, read)));
  return source as DocSource<T>;
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
  const source = useMemo(() => sharedSource(doc, read), [doc, read]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
