import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import {
  anchorPlace,
  meetingRoots,
  recommendationText,
  type AnchorPlace,
  type CommentThread,
} from '@kenes/shared';
import { threadIndex } from './threadIndex.js';

/** A thread with where its anchor lies now. */
export interface PlacedThread {
  thread: CommentThread;
  place: AnchorPlace;
}

interface ThreadSource {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): PlacedThread[];
}

/** The threads of `recId` as an external store (see {@link useThreads}). */
export function threadSource(doc: Y.Doc, recId: string): ThreadSource {
  const index = threadIndex(doc);
  const read = (): PlacedThread[] =>
    index.threadsOf(recId).map((thread) => ({
      thread,
      place: anchorPlace(doc, recId, thread.anchor),
    }));
  let value = read();
  let stale = false;
  return {
    subscribe(onChange: () => void) {
      const texts = meetingRoots(doc).texts;
      let fragment = recommendationText(doc, recId);
      const changed = () => {
        stale = true;
        onChange();
      };
      const onTexts = () => {
        // The server may create (or restore) the fragment after this panel mounted.
        const now = recommendationText(doc, recId);
        if (now !== fragment) {
          fragment?.unobserveDeep(changed);
          fragment = now;
          fragment?.observeDeep(changed);
          changed();
        }
      };
      const stopThreads = index.subscribe(recId, changed);
      texts.observe(onTexts);
      fragment?.observeDeep(changed);
      stale = true;
      return () => {
        stopThreads();
        texts.unobserve(onTexts);
        fragment?.unobserveDeep(changed);
      };
    },
    getSnapshot() {
      if (stale) {
        value = read();
        stale = false;
      }
      return value;
    },
  };
}

/**
 * The threads of one recommendation with their anchors' places, live. Read
 * again only when that recommendation's threads or its text change, not on
 * a comment on another recommendation or a keystroke in another text: a room
 * of 50 recommendations and 500 threads stays light.
 */
export function useThreads(doc: Y.Doc, recId: string): PlacedThread[] {
  const source = useMemo(() => threadSource(doc, recId), [doc, recId]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/**
 * The threads of one recommendation without their places (counts, statuses):
 * nothing is recomputed as its text is typed.
 */
export function useThreadList(doc: Y.Doc, recId: string): CommentThread[] {
  const index = threadIndex(doc);
  const subscribe = useCallback(
    (onChange: () => void) => index.subscribe(recId, onChange),
    [index, recId],
  );
  const snapshot = useCallback(() => index.threadsOf(recId), [index, recId]);
  return useSyncExternalStore(subscribe, snapshot);
}
