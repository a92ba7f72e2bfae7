import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrgType, type Member } from '@kenes/shared';
import { OrgTypeOptions } from '../../ui/OrgTypeOptions.js';

/**
 * A member's organisation in this meeting, which only a chair changes (the
 * member's own profile no longer does once they joined): shown as text with
 * a Change button that opens a small inline form.
 */
export function MemberOrganisation({
  member,
  onSave,
}: {
  member: Member;
  /** Sends the change; resolves when done (the list reloads). */
  onSave: (organisation: string, orgType: OrgType) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [organisation, setOrganisation] = useState(member.organisation);
  const [orgType, setOrgType] = useState<OrgType>(member.orgType);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await onSave(organisation.trim(), orgType);
    setEditing(false);
  };

  if (!editing) {
    return (
      <>
        <span className="wrap-anywhere" data-testid="member-organisation">
          {member.organisation}
        </span>{' '}
        <button
          type="button"
          className="link"
          aria-label={t('settings.changeOrganisation', { name: member.name })}
          onClick={() => {
            setOrganisation(member.organisation);
            setOrgType(member.orgType);
            setEditing(true);
          }}
        >
          {t('settings.change')}
        </button>
      </>
    );
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <input
        required
        maxLength={200}
        aria-label={t('settings.organisationOf', { name: member.name })}
        value={organisation}
        onChange={(e) => setOrganisation(e.target.value)}
      />
      <select
        aria-label={t('settings.orgTypeOf', { name: member.name })}
        value={orgType}
        onChange={(e) => setOrgType(e.target.value as OrgType)}
      >
        <OrgTypeOptions />
      </select>
      <button type="submit" className="primary">
        {t('settings.save')}
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        {t('settings.cancel')}
      </button>
    </form>
  );
}
