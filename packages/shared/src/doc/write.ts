import * as Y from 'yjs';
import { meetingRoots, type RecordMap } from './roots.js';
import type { AgendaItem, MeetingInfo, QueueEntry, Recommendation } from './shapes.js';

/**
 * Typed writers of the control roots, for the server's command logic. They
 * write exactly the keys the readers in `read.ts` read, so a record written
 * here reads back unchanged. Call them inside a transaction: they do not open
 * one, so that a whole command lands as one update.
 */

function setAll(m: RecordMap | Y.Map<unknown>, patch: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(patch)) {
    // `undefined` means "leave as is": Yjs would refuse it anyway.
    if (value !== undefined) m.set(key, value);
  }
}

/** A new record map holding `fields` (not yet inserted anywhere). */
export function recordMap(fields: Readonly<Record<string, unknown>>): RecordMap {
  const m = new Y.Map<unknown>();
  setAll(m, fields);
  return m;
}

/** Writes fields of the `meeting` root. */
export function patchMeeting(doc: Y.Doc, patch: Partial<MeetingInfo>): void {
  setAll(meetingRoots(doc).meeting, patch);
}

/** Writes fields of one agenda item map. */
export function patchAgendaItem(m: RecordMap, patch: Partial<AgendaItem>): void {
  setAll(m, patch);
}

/** Writes fields of one queue entry map. */
export function patchQueueEntry(m: RecordMap, patch: Partial<QueueEntry>): void {
  setAll(m, patch);
}

/** Writes fields of one recommendation map. */
export function patchRecommendation(m: RecordMap, patch: Partial<Recommendation>): void {
  setAll(m, patch);
}

/** Inserts a new agenda item at array index `index`. */
export function insertAgendaItem(doc: Y.Doc, index: number, item: AgendaItem): void {
  meetingRoots(doc).agenda.insert(index, [recordMap({ ...item })]);
}

/** Inserts a new queue entry at array index `index`. */
export function insertQueueEntry(doc: Y.Doc, index: number, entry: QueueEntry): void {
  meetingRoots(doc).queue.insert(index, [recordMap({ ...entry })]);
}

/**
 * Appends a recommendation and creates its empty text fragment, the only
 * place clients may then write.
 */
export function insertRecommendation(doc: Y.Doc, rec: Recommendation): void {
  const roots = meetingRoots(doc);
  roots.recommendations.push([recordMap({ ...rec })]);
  roots.texts.set(rec.id, new Y.XmlFragment());
}

/** Deletes a recommendation's record (at array index `index`) and its text. */
export function deleteRecommendation(doc: Y.Doc, index: number, recId: string): void {
  const roots = meetingRoots(doc);
  roots.recommendations.delete(index, 1);
  roots.texts.delete(recId);
}

/**
 * Marks a recommendation removed (`removedAt`, server time) or, with null,
 * restores it. Its record and text stay: removal is undoable.
 */
export function setRecommendationRemoved(m: RecordMap, removedAt: number | null): void {
  m.set('removedAt', removedAt);
}

/**
 * Deletes a queue entry that never had the floor (a withdrawn or lapsed
 * request): it is no part of the record of who spoke, and keeping every one
 * would let a request/withdraw loop grow the document without bound.
 */
export function deleteQueueEntry(doc: Y.Doc, index: number): void {
  meetingRoots(doc).queue.delete(index, 1);
}

/**
 * Moves a record within a control array. Yjs cannot move an element, so this
 * deletes it and inserts a new map with the same fields. `to` is the array
 * index the record should have once the move is done.
 */
export function moveRecord(array: Y.Array<RecordMap>, from: number, to: number): void {
  const old = array.get(from);
  // Copy before deleting: a deleted map no longer yields its entries.
  const fields = Object.fromEntries(old.entries());
  array.delete(from, 1);
  array.insert(Math.max(0, Math.min(to, array.length)), [recordMap(fields)]);
}
