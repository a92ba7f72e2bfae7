import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { InviteInfo } from '../../api/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { formatDateTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { meetingPath } from '../home/HomePage.js';

/** Error codes that mean the link itself no longer works (the server's `invite_*`). */
const DEAD_LINK = new Set(['invite_unknown', 'invite_expired', 'invite_used_up', 'invite_revoked']);

/** True when `err` says the invite link can no longer be used by anyone. */
export function isDeadInvite(err: unknown): boolean {
  return err instanceof ApiError && DEAD_LINK.has(err.code);
}

type Lookup =
  | { state: 'checking' }
  | { state: 'valid'; info: InviteInfo }
  | { state: 'failed'; error: unknown };

/**
 * Route `/invite/:token`. First asks the server what the link is for (no
 * session needed): a made-up, used-up, expired or revoked link says so at
 * once, before anyone creates an account. A valid link names the meeting;
 * a signed-out visitor is asked to sign in or up (and comes back here); a
 * signed-in one joins at once and lands in the room.
 */
export function InvitePage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [lookup, setLookup] = useState<Lookup>({ state: 'checking' });
  const [error, setError] = useState<unknown>(null);
  const tried = useRef(false);
  const here = `/invite/${encodeURIComponent(token)}`;

  useEffect(() => {
    let live = true;
    api.inviteInfo(token).then(
      (info) => live && setLookup({ state: 'valid', info }),
      (err: unknown) => live && setLookup({ state: 'failed', error: err }),
    );
    return () => {
      live = false;
    };
  }, [api, token]);

  const dead = lookup.state === 'failed' && isDeadInvite(lookup.error);
  // A failed look-up for another reason (network, rate limit) does not stop a signed-in
  // visitor: accepting says the final word.
  const canAccept = lookup.state === 'valid' || (lookup.state === 'failed' && !dead);

  useEffect(() => {
    if (!user || !canAccept || tried.current) return;
    // Accept once, even under StrictMode's double effects.
    tried.current = true;
    api
      .acceptInvite(token)
      .then(({ meetingId }) => void navigate(meetingPath(meetingId), { replace: true }), setError);
  }, [user, canAccept, api, token, navigate]);

  if (dead) {
    return (
      <section className="card narrow" aria-labelledby="invite-title" data-testid="invite-invalid">
        <h1 id="invite-title">{t('invite.invalidTitle')}</h1>
        <ErrorText error={lookup.error} />
        <p>{t('invite.invalidHint')}</p>
        <p className="actions">
          <Link className="button" to="/">
            {t('invite.home')}
          </Link>
        </p>
      </section>
    );
  }

  const info = lookup.state === 'valid' ? lookup.info : null;
  return (
    <section className="card narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('invite.title')}</h1>
      {(lookup.state === 'checking' || user === undefined) && (
        <p role="status">{t('invite.checking')}</p>
      )}
      {info && (
        <div data-testid="invite-meeting">
          <p>{t('invite.invitedTo', { title: info.meetingTitle, role: t(`role.${info.role}`) })}</p>
          <p>
            {t('mail.inviteDateLabel')}:{' '}
            {info.startsAt !== null ? (
              <time dateTime={new Date(info.startsAt).toISOString()}>
                {formatDateTime(i18n.language, info.startsAt)}
              </time>
            ) : (
              t('home.notScheduled')
            )}
          </p>
        </div>
      )}
      {lookup.state === 'failed' && <ErrorText error={lookup.error} />}
      {user === null && lookup.state !== 'checking' && (
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
      {user && canAccept && error === null && <p role="status">{t('invite.accepting')}</p>}
      <ErrorText error={error} />
    </section>
  );
}
