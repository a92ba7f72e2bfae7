import type { DocStore } from '../store/Store.js';

/**
 * Appends plain updates (no bindings, no attributions) in one call and
 * resolves with the log's last seq: the store tests' way to fill a log.
 */
export async function appendUpdates(
  docs: DocStore,
  meetingId: string,
  updates: readonly Uint8Array[],
): Promise<number> {
  return (
    await docs.append(
      meetingId,
      updates.map((update) => ({ update })),
    )
  ).lastSeq;
}
