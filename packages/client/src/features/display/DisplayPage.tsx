import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { readMeeting, readQueue, readVisibleAgenda } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { useMeetingDoc } from '../../sync/useMeetingDoc.js';
import { useServerClock } from '../../sync/useServerClock.js';
import { DisplayConsensus } from '../consensus/DisplayConsensus.js';
import { SpeakerTimer } from '../queue/SpeakerTimer.js';
import { queueView } from '../queue/queueView.js';
import { displayState } from './displayState.js';

/**
 * Route `/meetings/:id/display`: the hall's big screen — the meeting's state
 * (not started, the item under discussion or none, adjourned, closed), who
 * speaks with the countdown and the kind of turn (a point of order shows as
 * one), whether the list is closed, and the next three of the current item.
 * Read only for every role (no editor, no commands), so opening it never
 * writes. Nothing on it is for the operator: the way out is a link that
 * appears only when focused, the connection only when it is lost. The
 * changing parts are polite live regions, so a screen reader follows them.
 */
export function DisplayPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <Display key={id} meetingId={id} />}</RequireAuth>;
}

function Display({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { doc, status } = useMeetingDoc(meetingId);
  const clockOffset = useServerClock(api);
  const meeting = useDocValue(doc, readMeeting);
  const agenda = useDocValue(doc, readVisibleAgenda);
  const queue = useDocValue(doc, readQueue);
  const { speaking, waiting } = queueView(queue, meeting);
  const closed = meeting.status === 'closed';
  const item = closed ? null : (agenda.find((i) => i.id === meeting.currentItemId) ?? null);
  const state = displayState(meeting);

  return (
    <div className="display" data-meeting-status={meeting.status}>
      <header className="display-head">
        <h1>{meeting.title}</h1>
        <Link className="display-exit" to={`/meetings/${encodeURIComponent(meetingId)}`}>
          {t('display.exit')}
        </Link>
      </header>
      <p className="display-connection" role="status" data-status={status}>
        {status === 'offline' ? t('display.reconnecting') : ''}
      </p>
      <section aria-labelledby="display-item">
        <h2 id="display-item" className="label">
          {/* Not started, adjourned or closed without an item: what shows is the meeting's state. */}
          {item || state === 'noItem' ? t('display.currentItem') : t('room.status')}
        </h2>
        <div aria-live="polite" aria-atomic="true">
          {item && (
            <p className="display-item" data-testid="display-item">
              {item.title}
            </p>
          )}
          {state && (
            <p className={`display-state state-${state}`} data-testid="display-state">
              {t(`display.${state}`)}
            </p>
          )}
        </div>
      </section>
      {!closed && (
        <section aria-labelledby="display-speaker" className="display-speaker">
          <h2 id="display-speaker" className="label">
            {t('queue.nowSpeaking')}
          </h2>
          <div aria-live="polite" aria-atomic="true">
            {speaking ? (
              <p className="display-name" data-testid="current-speaker">
                {speaking.name}
                <span className="speaker-org">{speaking.organisation}</span>
                {speaking.kind !== 'speak' && (
                  <span className={`badge kind-${speaking.kind}`} data-testid="speaker-kind">
                    {t(`queue.kind.${speaking.kind}`)}
                  </span>
                )}
              </p>
            ) : (
              <p className="display-name muted">{t('queue.nobody')}</p>
            )}
          </div>
          {speaking && <SpeakerTimer entry={speaking} clockOffset={clockOffset} size="display" />}
        </section>
      )}
      {item && (
        <section aria-labelledby="display-next">
          <h2 id="display-next" className="label">
            {t('display.next')}
          </h2>
          {!meeting.listOpen && (
            <p className="display-list-closed" data-testid="display-list-closed">
              {t('display.listClosed')}
            </p>
          )}
          <div aria-live="polite" aria-atomic="true">
            {waiting.length === 0 ? (
              <p className="muted">{t('display.nobodyNext')}</p>
            ) : (
              <ol className="display-next" data-testid="display-next">
                {waiting.slice(0, 3).map((e) => (
                  <li key={e.id}>
                    <span className="name">{e.name}</span>{' '}
                    <span className="org">{e.organisation}</span>
                    {e.kind !== 'speak' && (
                      <span className={`badge kind-${e.kind}`}>{t(`queue.kind.${e.kind}`)}</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </section>
      )}
      {item && <DisplayConsensus doc={doc} itemId={item.id} />}
    </div>
  );
}
