import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isGender, type Language, type OrgType } from '@kenes/shared';
import type { User } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { useAuth } from '../../auth/AuthContext.js';
import { LanguageOptions } from '../../i18n/LanguagePicker.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { GenderField } from './GenderField.js';
import { fieldsOf, profilePatch, type ProfileFields } from './profileForm.js';
import { OrgTypeOptions } from '../../ui/OrgTypeOptions.js';

/**
 * The account's name, organisation and its type, gender and language
 * (`PATCH /api/me`, only the fields changed). The organisation here is what
 * meetings joined from now on copy; a meeting already joined keeps its own,
 * which only its chair changes — the form says so. A double click sends once
 * (the button is disabled while saving, and the second patch would be empty).
 */
export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const api = useApi();
  const { accountChanged } = useAuth();
  // Only what was typed here: the rest follows the account, which can change
  // meanwhile (the banner's language picker saves the language to it).
  const [edits, setEdits] = useState<Partial<ProfileFields>>({});
  const fields: ProfileFields = { ...fieldsOf(user), ...edits };
  const { busy, error, setError, run } = useSubmit();
  const [saved, setSaved] = useState<'saved' | 'unchanged' | null>(null);
  const set = <K extends keyof ProfileFields>(k: K, v: ProfileFields[K]) => {
    setSaved(null);
    setEdits((f) => ({ ...f, [k]: v }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const patch = profilePatch(user, fields);
    setError(null);
    if (patch === null) {
      setSaved('unchanged');
      return;
    }
    await run(async () => {
      const updated = await api.updateMe(patch);
      accountChanged(updated);
      setEdits({});
      setSaved('saved');
    });
  };

  return (
    <section className="card" aria-labelledby="profile-details">
      <h2 id="profile-details">{t('profile.details')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <p className="hint">
          {t('profile.email')}: <span className="wrap-anywhere">{user.email}</span>
        </p>
        <label>
          {t('auth.name')}
          <input
            name="name"
            autoComplete="name"
            required
            maxLength={120}
            value={fields.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
        <label>
          {t('auth.organisation')}
          <input
            name="organisation"
            autoComplete="organization"
            required
            maxLength={200}
            aria-describedby="organisation-note"
            value={fields.organisation}
            onChange={(e) => set('organisation', e.target.value)}
          />
        </label>
        <label>
          {t('auth.orgType')}
          <select
            name="orgType"
            aria-describedby="organisation-note"
            value={fields.orgType}
            onChange={(e) => set('orgType', e.target.value as OrgType)}
          >
            <OrgTypeOptions />
          </select>
        </label>
        <p id="organisation-note" className="note">
          {t('profile.organisationNote')}
        </p>
        <GenderField
          value={fields.gender}
          onChange={(g) => set('gender', g)}
          kept={user.gender !== null && !isGender(user.gender) ? user.gender : null}
        />
        <label>
          {t('auth.preferredLanguage')}
          <select
            name="language"
            value={fields.language}
            onChange={(e) => set('language', e.target.value as Language)}
          >
            <LanguageOptions />
          </select>
        </label>
        <ErrorText error={error} />
        <div className="actions">
          <SubmitButton busy={busy} label={t('profile.save')} />
          <span role="status" data-testid="profile-saved">
            {saved === 'saved'
              ? t('profile.saved')
              : saved === 'unchanged'
                ? t('profile.unchanged')
                : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
