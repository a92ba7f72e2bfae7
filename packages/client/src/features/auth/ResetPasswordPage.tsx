import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { ResetLinkInfo } from '../../api/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';

/** Error codes that mean the reset link itself no longer works. */
const DEAD_LINK = new Set(['reset_unknown', 'reset_used', 'reset_expired']);

type Lookup =
  | { state: 'checking' }
  | { state: 'valid'; info: ResetLinkInfo }
  | { state: 'dead'; error: unknown }
  | { state: 'failed'; error: unknown };

/**
 * Route `/reset-password/:token`: asks the server first whether the link
 * still works, so a used, expired or made-up link says so at once; a working
 * one takes a new password, which signs the account out everywhere else and
 * in here.
 */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [lookup, setLookup] = useState<Lookup>({ state: 'checking' });
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  useEffect(() => {
    let live = true;
    api.resetLinkInfo(token).then(
      (info) => live && setLookup({ state: 'valid', info }),
      (err: unknown) =>
        live &&
        setLookup({
          state: err instanceof ApiError && DEAD_LINK.has(err.code) ? 'dead' : 'failed',
          error: err,
        }),
    );
    return () => {
      live = false;
    };
  }, [api, token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(
      async () => {
        signedIn(await api.resetPassword(token, password));
        void navigate('/', { replace: true });
      },
      (err) => {
        // A link that died meanwhile: the page says so instead of the form.
        if (!(err instanceof ApiError && DEAD_LINK.has(err.code))) return false;
        setLookup({ state: 'dead', error: err });
        return true;
      },
    );
  };

  if (lookup.state === 'dead') {
    return (
      <section className="card narrow" aria-labelledby="reset-title" data-testid="reset-invalid">
        <h1 id="reset-title">{t('mail.resetInvalidTitle')}</h1>
        <ErrorText error={lookup.error} />
        <p className="actions">
          <Link className="button primary" to="/forgot-password">
            {t('mail.resetAskAgain')}
          </Link>
          <Link className="button" to="/login">
            {t('mail.backToLogin')}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('mail.resetTitle')}</h1>
      {lookup.state === 'checking' && <p role="status">{t('mail.resetChecking')}</p>}
      {lookup.state === 'failed' && <ErrorText error={lookup.error} />}
      {lookup.state === 'valid' && (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <p className="wrap-anywhere" data-testid="reset-account">
            {t('mail.resetFor', { email: lookup.info.email })}
          </p>
          {/* For password managers: which account the new password belongs to. */}
          <input
            type="email"
            name="username"
            autoComplete="username"
            value={lookup.info.email}
            readOnly
            hidden
          />
          <label>
            {t('mail.newPassword')}
            <input
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={12}
              maxLength={256}
              aria-describedby="reset-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <p id="reset-hint" className="hint">
            {t('auth.passwordHint')} {t('mail.resetNote')}
          </p>
          <ErrorText error={error} />
          <SubmitButton busy={busy} label={t('mail.resetSubmit')} />
        </form>
      )}
    </section>
  );
}
