import { randomUUID } from 'node:crypto';
import type { VersionKind } from '@kenes/shared';
import type { Store } from '../store/Store.js';

/**
 * A version the `version.save` command accepted (its after-commit effect,
 * `commands/afterCommit.ts`, hands it over; declared here so this module
 * never imports from the command or http layers).
 */
export interface AcceptedVersion {
  meetingId: string;
  label: string;
  /** Why it is saved (absent: by hand, `manual`). */
  kind?: VersionKind;
  userId: string;
  /** Server time the command applied, epoch ms. */
  at: number;
  /** The whole document (`Y.encodeStateAsUpdate`) as the command saw it. */
  state: Uint8Array;
}

/**
 * The `saveVersion` dependency of the command service (`commands/afterCommit.ts`):
 * stores the accepted version and resolves with `{ versionId }`, which the
 * command answer carries. It resolves only once the row is committed; a
 * store failure rejects (503 when the database takes no writes, else 500;
 * nothing is half-saved).
 *
 * @example commandRoutes({ rooms, store, now, saveVersion: createVersionSaver(store) })
 */
export function createVersionSaver(
  store: Store,
  ids: () => string = randomUUID,
): (version: AcceptedVersion) => Promise<{ versionId: string }> {
  return async (version) => {
    const versionId = ids();
    await store.versions.save({
      id: versionId,
      meetingId: version.meetingId,
      label: version.label,
      kind: version.kind ?? 'manual',
      snapshot: version.state,
      createdBy: version.userId,
      createdAt: version.at,
    });
    return { versionId };
  };
}
