import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { isLanguage } from '../../i18n/i18n.js';
import { LanguageOptions } from '../../i18n/LanguagePicker.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { SubmitButton } from '../../ui/SubmitButton.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { InviteTermsFields, inviteLimits, type InviteTerms } from './InviteTerms.js';

/**
 * The chair gives an address (and the role, uses and lifetime, as for a
 * link); the server creates the invitation and e-mails its link. The link is
 * never shown here: only the person mailed receives it.
 */
export function InviteByEmail({ meetingId, onSent }: { meetingId: string; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const [terms, setTerms] = useState<InviteTerms>({
    role: 'participant',
    maxUses: '1',
    hours: '168',
  });
  const [language, setLanguage] = useState<Language>(
    isLanguage(i18n.language) ? i18n.language : 'en',
  );
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      setSentTo(null);
      const invite = await api.emailInvite(meetingId, {
        email,
        role: terms.role,
        language,
        ...inviteLimits(terms),
      });
      setSentTo(invite.emailedTo ?? email);
      setEmail('');
      onSent();
    });
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
        <InviteTermsFields
          value={terms}
          onChange={setTerms}
          names={{ role: 'inviteRole', maxUses: 'inviteMaxUses', hours: 'inviteHours' }}
        />
        <label>
          {t('mail.sendLanguage')}
          <select
            name="inviteLanguage"
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
          >
            <LanguageOptions />
          </select>
        </label>
        <SubmitButton busy={busy} label={t('mail.sendSubmit')} />
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
