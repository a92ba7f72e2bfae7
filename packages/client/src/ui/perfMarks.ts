/** Names of the moments of opening a room, as `performance` marks (e2e/measure.test.ts reads them). */
export const PerfMark = {
  /** The entry module runs. */
  main: 'kenes:main',
  /** The UI language's strings are in; React renders. */
  i18n: 'kenes:i18n',
  /** The room is on screen (its first commit). */
  room: 'kenes:room',
  /** The local copy (IndexedDB) is in the doc, or there is none. */
  localCopy: 'kenes:local-copy',
  /** The sync socket is being opened. */
  socket: 'kenes:socket',
  /** The first sync with the server finished. */
  synced: 'kenes:synced',
  /** The first live editor was made. */
  editor: 'kenes:editor',
} as const;

const marked = new Set<string>();

/** Marks the first time of `name` on this page (later calls do nothing). */
export function markOnce(name: (typeof PerfMark)[keyof typeof PerfMark]): void {
  if (marked.has(name) || typeof performance === 'undefined' || !performance.mark) return;
  marked.add(name);
  performance.mark(name);
}
