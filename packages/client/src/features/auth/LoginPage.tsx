import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { safeNext } from '../../auth/RequireAuth.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';

/** Route `/login?next=…`: sign in, then go back where the visitor was headed. */
export function LoginPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signup = `/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      signedIn(await api.login(email, password));
      void navigate(next, { replace: true });
    });
  };

  return (
    <section className="card narrow" aria-labelledby="login-title">
      <div className="sign-in-intro" data-testid="sign-in-intro">
        <p>{t('welcome.what')}</p>
        <p>
          {t('welcome.newHere')} <Link to={signup}>{t('welcome.createAccount')}</Link>{' '}
          {t('welcome.orInvite')}
        </p>
      </div>
      <h1 id="login-title">{t('auth.loginTitle')}</h1>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('auth.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorText error={error} />
        <SubmitButton busy={busy} label={t('auth.submitLogin')} />
      </form>
      <p>
        <Link to={`/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ''}`}>
          {t('mail.forgotLink')}
        </Link>
      </p>
      <p>
        {t('auth.noAccount')} <Link to={signup}>{t('auth.toSignup')}</Link>
      </p>
    </section>
  );
}
