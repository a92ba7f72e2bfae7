import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import {
  anchorPlace,
  meetingRoots,
  readThreads,
  recommendationText,
  type AnchorPlace,
  type CommentThread,
} from '@kenes/shared';

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
  const read = (): PlacedThread[] =>
    readThreads(doc, recId).map((thread) => ({
      thread,
      place: anchorPlace(doc, recId, thread.anchor),
    }));
  let value = read();
  let stale = false;
  return {
    subscribe(onChange: () => void) {
      const comments = meetingRoots(doc).comments;
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
      comments.observeDeep(changed);
      texts.observe(onTexts);
      fragment?.observeDeep(changed);
      stale = true;
      return () => {
        comments.unobserveDeep(changed);
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
 * again only when the comments or that recommendation's text change, not on
 * every keystroke in another text: a room of 50 recommendations and 500
 * threads stays light.
 */
export function useThreads(doc: Y.Doc, recId: string): PlacedThread[] {
  const source = useMemo(() => threadSource(doc, recId), [doc, recId]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
