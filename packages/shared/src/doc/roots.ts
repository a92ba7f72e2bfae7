import type * as Y from 'yjs';

/**
 * Names of the top-level roots of a meeting document. Only this module
 * names them; everything else goes through {@link meetingRoots}.
 *
 * Control roots (`meeting`, `agenda`, `queue`, `recommendations`) are written
 * by the server alone, and so is `positions` (recommendation id → Y.Map of
 * organisation key → position record, see `positions.ts`) and `comments`
 * (thread id → Y.Map of a thread, see `comments.ts`). `texts` maps a recommendation id to its Tiptap body;
 * clients write only *inside* those fragments.
 */
export const ROOT = {
  meeting: 'meeting',
  agenda: 'agenda',
  queue: 'queue',
  recommendations: 'recommendations',
  texts: 'texts',
  positions: 'positions',
  comments: 'comments',
} as const;

/** One of the root names. */
export type RootName = (typeof ROOT)[keyof typeof ROOT];

/** Roots the server alone writes. */
export const CONTROL_ROOTS: readonly RootName[] = [
  ROOT.meeting,
  ROOT.agenda,
  ROOT.queue,
  ROOT.recommendations,
  ROOT.positions,
  ROOT.comments,
];

/** The root clients may edit (inside existing fragments only). */
export const CONTENT_ROOT: RootName = ROOT.texts;

/** A Y.Map holding one record (agenda item, queue entry, recommendation). */
export type RecordMap = Y.Map<unknown>;

/** The typed roots of one meeting document. */
export interface MeetingRoots {
  meeting: Y.Map<unknown>;
  agenda: Y.Array<RecordMap>;
  queue: Y.Array<RecordMap>;
  recommendations: Y.Array<RecordMap>;
  texts: Y.Map<Y.XmlFragment>;
  positions: Y.Map<Y.Map<unknown>>;
  comments: Y.Map<Y.Map<unknown>>;
}

/**
 * The roots of a meeting document, each with its Y type. Calling it on a
 * fresh doc defines the roots; calling it twice returns the same objects.
 */
export function meetingRoots(doc: Y.Doc): MeetingRoots {
  return {
    meeting: doc.getMap<unknown>(ROOT.meeting),
    agenda: doc.getArray<RecordMap>(ROOT.agenda),
    queue: doc.getArray<RecordMap>(ROOT.queue),
    recommendations: doc.getArray<RecordMap>(ROOT.recommendations),
    texts: doc.getMap<Y.XmlFragment>(ROOT.texts),
    positions: doc.getMap<Y.Map<unknown>>(ROOT.positions),
    comments: doc.getMap<Y.Map<unknown>>(ROOT.comments),
  };
}

/** The Tiptap body of a recommendation, or undefined when it has none. */
export function recommendationText(
  doc: Y.Doc,
  recommendationId: string,
): Y.XmlFragment | undefined {
  return meetingRoots(doc).texts.get(recommendationId);
}

/** True when `name` is one of the root names. */
export function isRootName(name: string): name is RootName {
  return (Object.values(ROOT) as string[]).includes(name);
}
