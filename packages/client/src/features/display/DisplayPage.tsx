import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { readMeeting, readQueue, readVisibleAgenda } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { useMeetingDoc } from '../../sync/useMeetingDoc.js';
import { useServerClock } from '../../sync/useServerClock.js';
import { ConnectionStatusLine } from '../meeting/ConnectionStatusLine.js';
import { SpeakerTimer } from '../queue/SpeakerTimer.js';
import { queueView } from '../queue/queueView.js';

/**
 * Route `/meetings/:id/display`: the hall's big screen — current agenda
 * item, who speaks with the countdown, the next three. Read only for every
 * role (no editor, no commands), so opening it never writes.
 */
export function DisplayPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <Display key={id} meetingId={id} />}</RequireAuth>;
}

function Display({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { doc, status, closeInfo } = useMeetingDoc(meetingId);
  const clockOffset = useServerClock(api);
  const meeting = useDocValue(doc, readMeeting);
  const agenda = useDocValue(doc, readVisibleAgenda);
  const queue = useDocValue(doc, readQueue);
  const { speaking, waiting } = queueView(queue, meeting);
  const item = agenda.find((i) => i.id === meeting.currentItemId) ?? null;

  return (
    <div className="display">
      <header className="display-head">
        <h1>{meeting.title}</h1>
        <ConnectionStatusLine status={status} closeInfo={closeInfo} />
        <Link className="display-exit" to={`/meetings/${encodeURIComponent(meetingId)}`}>
          {t('display.exit')}
        </Link>
      </header>
      <section aria-labelledby="display-item">
        <h2 id="display-item" className="label">
          {t('display.currentItem')}
        </h2>
        <p className="display-item" data-testid="display-item">
          {item ? item.title : t('display.noItem')}
        </p>
      </section>
      <section aria-labelledby="display-speaker" className="display-speaker">
        <h2 id="display-speaker" className="label">
          {t('queue.nowSpeaking')}
        </h2>
        {speaking ? (
          <>
            <p className="display-name" data-testid="current-speaker">
              {speaking.name}
              <span className="speaker-org">{speaking.organisation}</span>
            </p>
            <SpeakerTimer entry={speaking} clockOffset={clockOffset} size="display" />
          </>
        ) : (
          <p className="display-name muted">{t('queue.nobody')}</p>
        )}
      </section>
      <section aria-labelledby="display-next">
        <h2 id="display-next" className="label">
          {t('display.next')}
        </h2>
        {waiting.length === 0 ? (
          <p className="muted">{t('display.nobodyNext')}</p>
        ) : (
          <ol className="display-next">
            {waiting.slice(0, 3).map((e) => (
              <li key={e.id}>
                <span className="name">{e.name}</span> <span className="org">{e.organisation}</span>
                {e.kind !== 'speak' && (
                  <span className={`badge kind-${e.kind}`}>{t(`queue.kind.${e.kind}`)}</span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
