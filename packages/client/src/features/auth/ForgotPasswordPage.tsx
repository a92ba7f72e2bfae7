import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';

/**
 * Route `/forgot-password?email=…`: asks the server to mail a reset link.
 * The answer is the same whether or not the address has an account, and the
 * page says so in those words.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.forgotPassword(email);
      setSentTo(email.trim());
    });
  };

  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('mail.forgotTitle')}</h1>
      {sentTo !== null ? (
        <p role="status" data-testid="forgot-sent" className="wrap-anywhere">
          {t('mail.forgotSent', { email: sentTo })}
        </p>
      ) : (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <p id="forgot-intro">{t('mail.forgotIntro')}</p>
          <label>
            {t('auth.email')}
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              maxLength={254}
              aria-describedby="forgot-intro"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <ErrorText error={error} />
          <SubmitButton busy={busy} label={t('mail.forgotSubmit')} />
        </form>
      )}
      <p>
        <Link to="/login">{t('mail.backToLogin')}</Link>
      </p>
    </section>
  );
}
