import { CloseCode } from '@kenes/shared';
import type { CloseInfo, ConnectionStatus } from '../../sync/connectionStatus.js';

const STATUS_LABEL: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected, syncing…',
  synced: 'Synced',
  offline: 'Offline',
};

/** Why the server closed, in words a participant understands. */
const CLOSE_EXPLANATION: Partial<Record<number, string>> = {
  [CloseCode.unauthorized]: 'sign-in needed',
  [CloseCode.forbidden]: 'you do not have access to this meeting',
  [CloseCode.serviceRestart]: 'the server is restarting',
  [CloseCode.tryAgainLater]: 'the server cannot save right now',
};

/**
 * One line describing the connection for the status live region, e.g.
 * "Offline: sign-in needed (4401 session required)".
 */
export function statusText(status: ConnectionStatus, closeInfo: CloseInfo | null): string {
  const label = STATUS_LABEL[status];
  if (status !== 'offline' || closeInfo === null) return label;
  const why = CLOSE_EXPLANATION[closeInfo.code];
  const detail = [String(closeInfo.code), closeInfo.reason].filter((s) => s !== '').join(' ');
  return why === undefined ? `${label} (${detail})` : `${label}: ${why} (${detail})`;
}
