import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCode } from '@kenes/shared';
import { ApiError } from '../../api/client.js';
import { useApi } from '../../api/ApiContext.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { newPasswordProblem } from './profileForm.js';

/** Password bounds as the server checks them (`auth/passwords.ts`). */
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 256;

/**
 * Changes the password (`POST /api/me/password`): the current one is asked
 * for, the new one typed twice. The server ends every other session of the
 * account; this one stays, and `onChanged` lets the sessions list reload.
 */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'mismatch' | 'same' | 'wrongCurrent' | null>(null);
  const { busy, error, setError, run } = useSubmit();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setDone(false);
    const local = newPasswordProblem(next, repeat, current);
    setProblem(local);
    if (local) return;
    await run(
      async () => {
        await api.changePassword(current, next);
        setCurrent('');
        setNext('');
        setRepeat('');
        setDone(true);
        onChanged();
      },
      (err) => {
        if (!(err instanceof ApiError && err.code === ErrorCode.invalidCredentials)) return false;
        setProblem('wrongCurrent');
        return true;
      },
    );
  };

  return (
    <section className="card" aria-labelledby="profile-password">
      <h2 id="profile-password">{t('profile.password')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('profile.currentPassword')}
          <input
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            maxLength={PASSWORD_MAX}
            value={current}
            aria-invalid={problem === 'wrongCurrent' || undefined}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {t('profile.newPassword')}
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            aria-describedby="new-password-hint"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <label>
          {t('profile.repeatPassword')}
          <input
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX}
            aria-invalid={problem === 'mismatch' || undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        <p id="new-password-hint" className="hint small">
          {t('auth.passwordHint')} {t('profile.passwordEffect')}
        </p>
        {problem && (
          <p role="alert" className="error">
            {t(`profile.passwordProblem.${problem}`)}
          </p>
        )}
        <ErrorText error={error} />
        <div className="actions">
          <SubmitButton busy={busy} label={t('profile.changePassword')} />
          <span role="status" data-testid="password-changed">
            {done ? t('profile.passwordChanged') : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
