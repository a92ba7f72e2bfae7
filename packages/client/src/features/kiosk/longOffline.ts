import type { ConnectionStatus } from '../../sync/connectionStatus.js';

/** How long a display may be without its server before it says so (a blip says nothing). */
export const OFFLINE_NOTICE_MS = 15_000;

/**
 * True while the display is not connected to its server: offline, or
 * connecting (again). A provider retrying flips between the two; both are
 * one spell away.
 */
export function isAway(status: ConnectionStatus): boolean {
  return status !== 'connected' && status !== 'synced';
}
