import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_KINDS, type OrgType, type RequestKind } from '@kenes/shared';
import { useRoom } from '../meeting/RoomContext.js';
import { OrgTypeOptions } from '../../ui/OrgTypeOptions.js';

/** The chair adds someone in the room who has no device: name, organisation, kind. */
export function AddSpeakerForm() {
  const { t } = useTranslation();
  const { run } = useRoom();
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [orgType, setOrgType] = useState<OrgType>('government');
  const [kind, setKind] = useState<RequestKind>('speak');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run({
      type: 'queue.addSpeaker',
      name: name.trim(),
      organisation: organisation.trim(),
      orgType,
      kind,
    });
    if (ok) {
      setName('');
      setOrganisation('');
    }
  };

  return (
    <details className="add-speaker">
      <summary>{t('queue.addSpeaker')}</summary>
      <form
        className="grid-form"
        aria-label={t('queue.addSpeaker')}
        onSubmit={(e) => void submit(e)}
      >
        <label>
          {t('queue.addSpeakerName')}
          <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('queue.addSpeakerOrg')}
          <input
            required
            maxLength={200}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
          />
        </label>
        <label>
          {t('queue.addSpeakerOrgType')}
          <select value={orgType} onChange={(e) => setOrgType(e.target.value as OrgType)}>
            <OrgTypeOptions />
          </select>
        </label>
        <label>
          {t('queue.addSpeakerKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`queue.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('queue.addSpeakerSubmit')}
        </button>
      </form>
    </details>
  );
}
