import { useTranslation } from 'react-i18next';
import { readRemovedRecommendations, readVisibleAgenda } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { useAnnounce } from '../../ui/Announcer.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';

/**
 * The chair's list of removed recommendations (kept with their text by the
 * server), each with Restore. Shown only when there is something to restore.
 */
export function RemovedRecommendations() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const announce = useAnnounce();
  const removed = useDocValue(doc, readRemovedRecommendations);
  const agenda = useDocValue(doc, readVisibleAgenda);
  const control = useCommand();
  if (removed.length === 0) return null;
  return (
    <details className="removed-recs" data-testid="removed-recs">
      <summary>{t('recs.removedTitle', { count: removed.length })}</summary>
      <ul>
        {removed.map((r) => (
          <li key={r.id}>
            <span className="removed-title">{r.title}</span>{' '}
            <span className="muted small">
              {agenda.find((i) => i.id === r.agendaItemId)?.title}
            </span>{' '}
            <button
              type="button"
              aria-label={t('recs.restoreLabel', { title: r.title })}
              aria-disabled={control.pending}
              onClick={() =>
                void control.send({ type: 'rec.restore', recId: r.id }).then((ok) => {
                  if (ok) announce(t('recs.restored', { title: r.title }));
                })
              }
            >
              {t('recs.restore')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorText error={control.error} />
    </details>
  );
}
