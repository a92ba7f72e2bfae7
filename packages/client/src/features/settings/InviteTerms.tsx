import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@kenes/shared';

/** What an invitation grants and for how long, as typed (numbers stay text until sent). */
export interface InviteTerms {
  role: Role;
  /** Empty: no limit. */
  maxUses: string;
  hours: string;
}

/** The limits to send for `terms`: uses rounded and at least 1, hours only when positive. */
export function inviteLimits(terms: InviteTerms): { maxUses?: number; expiresInHours?: number } {
  const uses = terms.maxUses === '' ? undefined : Math.max(1, Math.round(Number(terms.maxUses)));
  const hours = Number(terms.hours) > 0 ? Number(terms.hours) : undefined;
  return {
    ...(uses !== undefined ? { maxUses: uses } : {}),
    ...(hours !== undefined ? { expiresInHours: hours } : {}),
  };
}

/** The form fields of {@link InviteTerms}: role, uses, lifetime in hours (`names`: their form names). */
export function InviteTermsFields({
  value,
  onChange,
  names,
}: {
  value: InviteTerms;
  onChange: (next: InviteTerms) => void;
  names: { role: string; maxUses?: string; hours?: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('settings.inviteRole')}
        <select
          name={names.role}
          value={value.role}
          onChange={(e) => onChange({ ...value, role: e.target.value as Role })}
        >
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
          name={names.maxUses}
          min={1}
          value={value.maxUses}
          onChange={(e) => onChange({ ...value, maxUses: e.target.value })}
        />
      </label>
      <label>
        {t('settings.expiresInHours')}
        <input
          type="number"
          name={names.hours}
          min={1}
          max={8760}
          value={value.hours}
          onChange={(e) => onChange({ ...value, hours: e.target.value })}
        />
      </label>
    </>
  );
}
