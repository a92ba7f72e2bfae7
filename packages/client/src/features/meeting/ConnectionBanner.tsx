import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CloseCode } from '@kenes/shared';
import type { CloseInfo, ConnectionStatus } from '../../sync/connectionStatus.js';
import { loginPath } from '../../auth/RequireAuth.js';

/**
 * A banner when the room is not live: offline (edits are kept and will
 * sync), or refused by the server (sign-in needed, or forbidden), in which
 * case the room stays as it was and does not retry.
 */
export function ConnectionBanner({
  status,
  closeInfo,
}: {
  status: ConnectionStatus;
  closeInfo: CloseInfo | null;
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
  if (status === 'offline') {
    return (
      <div className="banner-msg offline" role="status" data-testid="offline-banner">
        <p>{t('banner.offline')}</p>
      </div>
    );
  }
  return null;
}
