import { useTranslation } from 'react-i18next';
import type { CloseInfo, ConnectionStatus } from '../../sync/connectionStatus.js';

/** Props of {@link ConnectionStatusLine}. */
export interface ConnectionStatusLineProps {
  status: ConnectionStatus;
  closeInfo: CloseInfo | null;
}

/**
 * The connection state (connecting / syncing / connected / offline) as a
 * polite live region. The raw status and close code are exposed as
 * `data-status` / `data-close-code` for tests and styling.
 */
export function ConnectionStatusLine({ status, closeInfo }: ConnectionStatusLineProps) {
  const { t } = useTranslation();
  return (
    <p
      role="status"
      aria-live="polite"
      className="connection"
      data-status={status}
      data-close-code={closeInfo?.code}
    >
      <span className="dot" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label')}: </span>
      {t(`connection.${status}`)}
    </p>
  );
}
