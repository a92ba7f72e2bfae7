import type * as Y from 'yjs';
import { meetingRoots, readThread, type CommentThread } from '@kenes/shared';

/**
 * The comment threads of one meeting document, grouped by recommendation,
 * kept up to date by one observer on the `comments` root for the whole room.
 *
 * Every card and every editor asks for its own recommendation's threads.
 * Each reading all threads and each observing the root made a room of 50
 * recommendations and 500 threads do 50 × 500 reads on every comment change,
 * the first sync included. Here a change re-reads only the threads it
 * touched, and only the recommendations whose threads changed are told.
 */
export interface ThreadIndex {
  /** The threads of `recId`, oldest first; the same array until one of them changes. */
  threadsOf(recId: string): CommentThread[];
  /** Calls `onChange` after a transaction that changed a thread of `recId`. */
  subscribe(recId: string, onChange: () => void): () => void;
}

const indexes = new WeakMap<Y.Doc, ThreadIndex>();

/** The document's index, made on first use and kept as long as the document. */
export function threadIndex(doc: Y.Doc): ThreadIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = createIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}

const byTime = (a: CommentThread, b: CommentThread) => a.at - b.at || a.id.localeCompare(b.id);

function createIndex(doc: Y.Doc): ThreadIndex {
  const comments = meetingRoots(doc).comments;
  /** Thread id → the thread as last read (well-formed ones only). */
  const threads = new Map<string, CommentThread>();
  /** Recommendation id → its thread ids. */
  const ids = new Map<string, Set<string>>();
  /** Recommendation id → its sorted list, dropped when one of its threads changes. */
  const lists = new Map<string, CommentThread[]>();
  const listeners = new Map<string, Set<() => void>>();

  const forget = (id: string, dirty: Set<string>) => {
    const was = threads.get(id);
    if (!was) return;
    threads.delete(id);
    ids.get(was.recId)?.delete(id);
    dirty.add(was.recId);
  };
  const read = (id: string, dirty: Set<string>) => {
    forget(id, dirty);
    const thread = readThread(comments.get(id));
    // A thread stored under another key than its id is not trusted (as `readThreads`).
    if (!thread || thread.id !== id) return;
    threads.set(id, thread);
    let set = ids.get(thread.recId);
    if (!set) ids.set(thread.recId, (set = new Set()));
    set.add(id);
    dirty.add(thread.recId);
  };

  const all = new Set<string>();
  for (const id of comments.keys()) read(id, all);

  comments.observeDeep((events) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === comments) for (const key of event.changes.keys.keys()) touched.add(key);
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
    const dirty = new Set<string>();
    for (const id of touched) read(id, dirty);
    for (const recId of dirty) lists.delete(recId);
    for (const recId of dirty) for (const listener of listeners.get(recId) ?? []) listener();
  });

  return {
    threadsOf(recId) {
      let list = lists.get(recId);
      if (!list) {
        list = [...(ids.get(recId) ?? [])].map((id) => threads.get(id)!).sort(byTime);
        lists.set(recId, list);
      }
      return list;
    },
    subscribe(recId, onChange) {
      let set = listeners.get(recId);
      if (!set) listeners.set(recId, (set = new Set()));
      set.add(onChange);
      return () => {
        set.delete(onChange);
      };
    },
  };
}
