import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { type Language, type OrgType } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { safeNext } from '../../auth/RequireAuth.js';
import { isLanguage } from '../../i18n/i18n.js';
import { LanguageOptions } from '../../i18n/LanguagePicker.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { GenderField } from '../profile/GenderField.js';
import { NO_GENDER, genderOfChoice, type GenderChoice } from '../profile/profileForm.js';
import { OrgTypeOptions } from '../../ui/OrgTypeOptions.js';

/** Route `/signup?next=…`: create an account (signed in at once), then go on. */
export function SignupPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form, setForm] = useState({
    email: '',
    password: '',
    name: '',
    organisation: '',
    // No silent default: the type must be chosen (the select is required).
    orgType: '' as OrgType | '',
    language: (isLanguage(i18n.language) ? i18n.language : 'en') as Language,
    gender: NO_GENDER as GenderChoice,
  });
  const { busy, error, run } = useSubmit();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { orgType, gender, ...rest } = form;
    if (orgType === '') return; // the required select stops the form before this
    await run(async () => {
      signedIn(await api.signup({ ...rest, orgType, gender: genderOfChoice(gender) ?? null }));
      void navigate(next, { replace: true });
    });
  };

  return (
    <section className="card narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t('auth.signupTitle')}</h1>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('auth.name')}
          <input
            name="name"
            autoComplete="name"
            required
            maxLength={120}
            value={form.name}
            onChange={set('name')}
          />
        </label>
        <label>
          {t('auth.organisation')}
          <input
            name="organisation"
            autoComplete="organization"
            required
            maxLength={200}
            value={form.organisation}
            onChange={set('organisation')}
          />
        </label>
        <label>
          {t('auth.orgType')}
          <select name="orgType" required value={form.orgType} onChange={set('orgType')}>
            <option value="" disabled>
              {t('profile.chooseOrgType')}
            </option>
            <OrgTypeOptions />
          </select>
        </label>
        <label>
          {t('auth.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={form.email}
            onChange={set('email')}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={12}
            aria-describedby="password-hint"
            value={form.password}
            onChange={set('password')}
          />
        </label>
        <p id="password-hint" className="hint">
          {t('auth.passwordHint')}
        </p>
        <label>
          {t('auth.preferredLanguage')}
          <select name="language" value={form.language} onChange={set('language')}>
            <LanguageOptions />
          </select>
        </label>
        <GenderField
          value={form.gender}
          onChange={(gender) => setForm((f) => ({ ...f, gender }))}
        />
        <ErrorText error={error} />
        <SubmitButton busy={busy} label={t('auth.submitSignup')} />
      </form>
      <p>
        {t('auth.haveAccount')}{' '}
        <Link to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>
          {t('auth.toLogin')}
        </Link>
      </p>
    </section>
  );
}
