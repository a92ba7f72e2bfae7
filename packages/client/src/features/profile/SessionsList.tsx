import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { formatDateTime } from '../../i18n/format.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { deviceName } from './deviceName.js';

/**
 * The account's sessions (`GET /api/me/sessions`): device, sign-in time and
 * last use, this one marked; any other can be signed out, and all of them at
 * once ("sign out everywhere", this device included, after a confirmation).
 * `reload` changes when something else ended sessions (a password change).
 */
export function SessionsList({ reload }: { reload: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { signOutEverywhere } = useAuth();
  const navigate = useNavigate();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);

  const load = useCallback(() => {
    api.sessions().then(setSessions, setError);
  }, [api]);
  useEffect(() => {
    load();
  }, [load, reload]);

  const end = async (s: SessionInfo) => {
    if (ending !== null) return;
    setEnding(s.id);
    setError(null);
    try {
      await api.endSession(s.id);
      setEnded(deviceName(t, s));
    } catch (err) {
      setError(err);
    } finally {
      setEnding(null);
      load();
    }
  };

  const everywhere = async (choice: 'all' | null) => {
    setConfirmAll(false);
    if (choice !== 'all') return;
    try {
      await signOutEverywhere();
    } finally {
      void navigate('/login', { replace: true });
    }
  };

  const when = (ms: number) => formatDateTime(i18n.language, ms);
  return (
    <section className="card" aria-labelledby="profile-sessions">
      <h2 id="profile-sessions">{t('profile.sessions')}</h2>
      <p className="hint">{t('profile.sessionsHint')}</p>
      <ErrorText error={error} />
      {sessions === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <ul className="session-list" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} data-testid="session" data-current={s.current || undefined}>
              <div className="session-device">
                <strong>{deviceName(t, s)}</strong>
                {s.current && <span className="badge">{t('profile.thisDevice')}</span>}
              </div>
              <div className="hint small">
                {t('profile.signedInAt', { date: when(s.createdAt) })} ·{' '}
                {t('profile.lastUsedAt', { date: when(s.lastUsedAt) })}
              </div>
              {!s.current && (
                <button
                  type="button"
                  aria-label={t('profile.endSessionOf', {
                    device: deviceName(t, s),
                    date: when(s.lastUsedAt),
                  })}
                  aria-disabled={ending !== null || undefined}
                  onClick={() => void end(s)}
                >
                  {t('profile.endSession')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" data-testid="session-ended">
        {ended ? t('profile.sessionEnded', { device: ended }) : ''}
      </p>
      <button type="button" className="danger" onClick={() => setConfirmAll(true)}>
        {t('profile.signOutEverywhere')}
      </button>
      {confirmAll && (
        <ConfirmDialog
          title={t('profile.signOutEverywhere')}
          choices={[{ value: 'all', label: t('profile.signOutEverywhere'), tone: 'danger' }]}
          cancelLabel={t('profile.cancel')}
          onClose={(c) => void everywhere(c)}
        >
          <p>{t('profile.signOutEverywhereConfirm')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
