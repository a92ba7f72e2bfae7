import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, ROLES, type Language, type Role } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { isLanguage } from '../../i18n/i18n.js';
import { ErrorText } from '../../ui/ErrorText.js';

const NATIVE_NAME: Record<Language, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

/**
 * The chair gives an address (and the role, uses and lifetime, as for a
 * link); the server creates the invitation and e-mails its link. The link is
 * never shown here: only the person mailed receives it.
 */
export function InviteByEmail({ meetingId, onSent }: { meetingId: string; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('participant');
  const [maxUses, setMaxUses] = useState('1');
  const [hours, setHours] = useState('168');
  const [language, setLanguage] = useState<Language>(
    isLanguage(i18n.language) ? i18n.language : 'en',
  );
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSentTo(null);
    try {
      const uses = maxUses === '' ? undefined : Math.max(1, Math.round(Number(maxUses)));
      const h = Number(hours) > 0 ? Number(hours) : undefined;
      const invite = await api.emailInvite(meetingId, {
        email,
        role,
        language,
        ...(uses !== undefined ? { maxUses: uses } : {}),
        ...(h !== undefined ? { expiresInHours: h } : {}),
      });
      setSentTo(invite.emailedTo ?? email);
      setEmail('');
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="invite-email">
      <h3 id="invite-email-title">{t('mail.sendTitle')}</h3>
      <form
        className="grid-form"
        aria-labelledby="invite-email-title"
        onSubmit={(e) => void submit(e)}
      >
        <label className="full">
          {t('mail.sendEmail')}
          <input
            type="email"
            name="inviteEmail"
            autoComplete="off"
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('settings.inviteRole')}
          <select name="inviteRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.maxUses')}
          <input
            type="number"
            name="inviteMaxUses"
            min={1}
            value={maxUses}
            onChange={(e) => setMaxUses(e.target.value)}
          />
        </label>
        <label>
          {t('settings.expiresInHours')}
          <input
            type="number"
            name="inviteHours"
            min={1}
            max={8760}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </label>
        <label>
          {t('mail.sendLanguage')}
          <select
            name="inviteLanguage"
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {NATIVE_NAME[l]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('auth.working') : t('mail.sendSubmit')}
        </button>
      </form>
      <ErrorText error={error} />
      {sentTo !== null && (
        <p role="status" className="wrap-anywhere" data-testid="invite-sent">
          {t('mail.sent', { email: sentTo })}
        </p>
      )}
    </div>
  );
}
