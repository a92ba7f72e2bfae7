import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CloseCode, WriteRefusal } from '@kenes/shared';
import type { CloseInfo, ConnectionStatus } from '../../sync/connectionStatus.js';
import type { WriteRefusalNotice } from '../../sync/useMeetingDoc.js';
import { loginPath } from '../../auth/RequireAuth.js';

/**
 * A banner when the room is not live: offline (edits are kept and will
 * sync), or refused by the server (sign-in needed, or membership lost), in
 * which case the room stays as it was and does not retry. A refused *write*
 * is no such end: the room resynced and stays connected, so it gets a calm
 * notice (status, not alert) that the change was not saved and where the
 * copy is.
 */
export function ConnectionBanner({
  status,
  closeInfo,
  writeRefusal = null,
  onDismissWriteRefusal,
}: {
  status: ConnectionStatus;
  closeInfo: CloseInfo | null;
  writeRefusal?: WriteRefusalNotice | null;
  onDismissWriteRefusal?: () => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  if (closeInfo?.terminal) {
    const auth = closeInfo.code === CloseCode.unauthorized;
    return (
      <div
        className="banner-msg refused"
        role="alert"
        data-testid="refused-banner"
        data-close-code={closeInfo.code}
      >
        <p>{auth ? t('banner.refusedAuth') : t('banner.refusedForbidden')}</p>
        {auth ? (
          <Link className="button" to={loginPath(location.pathname)}>
            {t('banner.signIn')}
          </Link>
        ) : (
          <button type="button" onClick={() => window.location.reload()}>
            {t('banner.reload')}
          </button>
        )}
      </div>
    );
  }
  if (writeRefusal !== null) {
    return (
      <div
        className="banner-msg write-refused"
        role="status"
        data-testid="write-refused-notice"
        data-kind={writeRefusal.kind}
      >
        <p>
          {writeRefusal.kind === WriteRefusal.quotaExceeded
            ? t('banner.writeRefusedQuota')
            : writeRefusal.detail === 'meeting is closed'
              ? t('banner.writeRefusedClosed')
              : t('banner.writeRefused')}
        </p>
        {onDismissWriteRefusal && (
          <button type="button" onClick={onDismissWriteRefusal}>
            {t('banner.dismiss')}
          </button>
        )}
      </div>
    );
  }
  if (status === 'offline') {
    return (
      <div className="banner-msg offline" role="status" data-testid="offline-banner">
        <p>{t('banner.offline')}</p>
      </div>
    );
  }
  return null;
}
