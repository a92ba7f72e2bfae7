import type * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore, TextAttribution } from '../store/Store.js';
import { AttributionIndex } from './AttributionIndex.js';
import { findMoves, scanUpdate, type ScannedUpdate } from './findMoves.js';

/** What the hook reads: the room's doc before the batch, its bindings, the stored records. */
export interface AttributionHost {
  readonly meetingId: string;
  readonly doc: Y.Doc;
  readonly docs: Pick<DocStore, 'loadAttributions'>;
  /** Client id → user id (the room's bindings). */
  readonly owners: ReadonlyMap<number, string>;
  readonly log: Logger;
}

/**
 * The sync pipeline's hook at the accept point: for a batch of accepted
 * client updates, not yet applied, the moved-text attributions to commit
 * with each (`DocStore.append`): one list per update, in the batch's order.
 * Updates without deletions (keystrokes) are passed over after a one-byte
 * look. Attribution never holds an update back: a failure here is logged and
 * the batch commits without records (its text then counts as the sender's,
 * as before attribution existed).
 */
export async function attributeBatch(
  host: AttributionHost,
  batch: ReadonlyArray<{ update: Uint8Array; userId: string }>,
): Promise<TextAttribution[][]> {
  const none = batch.map((): TextAttribution[] => []);
  try {
    const scanned: Array<{ scan: ScannedUpdate; userId: string; index: number }> = [];
    batch.forEach((b, index) => {
      const scan = scanUpdate(b.update);
      if (scan) scanned.push({ scan, userId: b.userId, index });
    });
    if (scanned.length === 0) return none;
    // The records of the clients whose text is deleted: a copy of a copy keeps the first author.
    const clients = [...new Set(scanned.flatMap((s) => s.scan.deletedClients))];
    const recorded = new AttributionIndex(
      await host.docs.loadAttributions(host.meetingId, clients),
    );
    // Updates of one batch come from different sockets: none deletes another's new text.
    const moved = batch.map((): TextAttribution[] => []);
    for (const { scan, userId, index } of scanned)
      moved[index] = findMoves(host.doc, scan, {
        sender: userId,
        ownerOf: (client) => host.owners.get(client),
        recorded,
      });
    return moved;
  } catch (err) {
    host.log.warn({ err, meetingId: host.meetingId }, 'moved-text attribution failed');
    return none;
  }
}
