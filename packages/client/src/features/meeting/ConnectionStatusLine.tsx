import type { CloseInfo, ConnectionStatus } from '../../sync/connectionStatus.js';
import { statusText } from './statusText.js';

/** Props of {@link ConnectionStatusLine}. */
export interface ConnectionStatusLineProps {
  status: ConnectionStatus;
  closeInfo: CloseInfo | null;
}

/**
 * The connection state as a polite live region: screen readers announce
 * "Synced" or "Offline: sign-in needed" without stealing focus. The raw
 * status is exposed as `data-status` for tests and styling.
 */
export function ConnectionStatusLine({ status, closeInfo }: ConnectionStatusLineProps) {
  return (
    <p role="status" aria-live="polite" className="connection" data-status={status}>
      {statusText(status, closeInfo)}
    </p>
  );
}
