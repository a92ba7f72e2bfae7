import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { meetingPath } from '../home/HomePage.js';

/**
 * Route `/invite/:token`: a signed-out visitor is asked to sign in or up
 * (and comes back here); a signed-in one joins at once and lands in the room.
 */
export function InvitePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const tried = useRef(false);
  const here = `/invite/${encodeURIComponent(token)}`;

  useEffect(() => {
    if (!user || tried.current) return;
    // Accept once, even under StrictMode's double effects.
    tried.current = true;
    api
      .acceptInvite(token)
      .then(({ meetingId }) => void navigate(meetingPath(meetingId), { replace: true }), setError);
  }, [user, api, token, navigate]);

  return (
    <section className="card narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('invite.title')}</h1>
      {user === undefined && <p role="status">{t('app.loading')}</p>}
      {user === null && (
        <>
          <p>{t('invite.needAccount')}</p>
          <p className="actions">
            <Link className="button primary" to={`/signup?next=${encodeURIComponent(here)}`}>
              {t('auth.signupTitle')}
            </Link>
            <Link className="button" to={`/login?next=${encodeURIComponent(here)}`}>
              {t('auth.loginTitle')}
            </Link>
          </p>
        </>
      )}
      {user && error === null && <p role="status">{t('invite.accepting')}</p>}
      <ErrorText error={error} />
    </section>
  );
}
