import { useTranslation } from 'react-i18next';
import { speakingElapsedMs, type MeetingInfo, type QueueEntry } from '@kenes/shared';
import { formatDuration } from '../../i18n/format.js';

/**
 * The record of the item under discussion: who has already spoken on it and
 * for how long (the queue keeps ended turns as the record; the minutes and
 * statistics read the same entries). Between items, nothing is shown.
 */
export function SpokenRecord({
  queue,
  meeting,
}: {
  queue: readonly QueueEntry[];
  meeting: MeetingInfo;
}) {
  const { t, i18n } = useTranslation();
  const item = meeting.currentItemId;
  const heard =
    item === null
      ? []
      : queue.filter((e) => e.status === 'done' && e.agendaItemId === item && e.grantedAt !== null);
  if (heard.length === 0) return null;
  return (
    <>
      <h3 className="label">{t('spokenRecord.title', { count: heard.length })}</h3>
      <ol className="spoken-record" data-testid="spoken-record">
        {heard.map((e) => (
          <li key={e.id} className="spoken-entry">
            <span className="who">
              <span className="name clamp-2" title={e.name}>
                {e.name}
              </span>
              <span className="org clamp-2 small muted" title={e.organisation}>
                {e.organisation}
              </span>
            </span>
            {e.kind !== 'speak' && (
              <span className={`badge kind-${e.kind}`}>{t(`queue.kind.${e.kind}`)}</span>
            )}
            <span className="spoken-duration" data-testid="spoken-duration">
              {formatDuration(i18n.language, speakingElapsedMs(e, e.endedAt ?? 0))}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
