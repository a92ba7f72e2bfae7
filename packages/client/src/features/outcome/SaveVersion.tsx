import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CommandLimits } from '@kenes/shared';
import { useAnnounce } from '../../ui/Announcer.js';
import { useRoom } from '../meeting/RoomContext.js';
import { meetingPath } from './meetingLinks.js';

/**
 * The chair's "Save version" action in the room header: a label, then the
 * `version.save` command. A refusal lands in the room's alert line.
 */
export function SaveVersion() {
  const { t } = useTranslation();
  const { run, meetingId } = useRoom();
  const announce = useAnnounce();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '') return;
    setBusy(true);
    const ok = await run({ type: 'version.save', label: trimmed });
    setBusy(false);
    if (ok !== null) {
      setSaved(trimmed);
      setLabel('');
      announce(t('versions.saved', { label: trimmed }));
    }
  };
  return (
    <details className="save-version">
      <summary>{t('versions.save')}</summary>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <label className="grow">
          {t('versions.label')}
          <input
            value={label}
            maxLength={CommandLimits.label}
            required
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || label.trim() === ''}>
          {t('versions.saveSubmit')}
        </button>
      </form>
      {saved !== null && (
        <p className="small" data-testid="version-saved">
          {t('versions.saved', { label: saved })}{' '}
          <Link to={meetingPath(meetingId, 'versions')}>{t('versions.list')}</Link>
        </p>
      )}
    </details>
  );
}
