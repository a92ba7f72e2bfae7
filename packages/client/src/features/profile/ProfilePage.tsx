import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { PasswordForm } from './PasswordForm.js';
import { ProfileForm } from './ProfileForm.js';
import { SessionsList } from './SessionsList.js';

/** Route `/me`: the signed-in account's profile, password and sessions. */
export function ProfilePage() {
  const { t } = useTranslation();
  const [changes, setChanges] = useState(0);
  return (
    <RequireAuth>
      {(user) => (
        <div className="profile">
          <h1>{t('profile.title')}</h1>
          <ProfileForm user={user} />
          <PasswordForm onChanged={() => setChanges((n) => n + 1)} />
          <SessionsList reload={changes} />
        </div>
      )}
    </RequireAuth>
  );
}
