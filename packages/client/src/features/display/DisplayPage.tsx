import type * as Y from 'yjs';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { readMeeting, readQueue, readVisibleAgenda } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { useMeetingDoc } from '../../sync/useMeetingDoc.js';
import { useServerClock } from '../../sync/useServerClock.js';
import type { ConnectionStatus } from '../../sync/connectionStatus.js';
import { DisplayConsensus } from '../consensus/DisplayConsensus.js';
import { SpeakerTimer } from '../queue/SpeakerTimer.js';
import { DisplayBudgets } from '../rules/DisplayBudgets.js';
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
  return <RequireAuth>{() => <MemberDisplay key={id} meetingId={id} />}</RequireAuth>;
}

/** A signed-in member's display: their session syncs the doc and reads the clock. */
function MemberDisplay({ meetingId }: { meetingId: string }) {
  const api = useApi();
  const { doc, status } = useMeetingDoc(meetingId);
  const clockOffset = useServerClock(api);
  return <Display meetingId={meetingId} doc={doc} status={status} clockOffset={clockOffset} />;
}

/** Props of {@link Display}. */
export interface DisplayProps {
  meetingId: string;
  doc: Y.Doc;
  status: ConnectionStatus;
  /** Server clock offset in ms, for the countdown. */
  clockOffset: number;
  /**
   * A hall display opened with a display link (`/display`): no way out to
   * the room and no connection line (the kiosk page has its own, quieter).
   */
  kiosk?: boolean;
}

/** The hall's big screen for one meeting's doc; who syncs it is the caller's business. */
export function Display({ meetingId, doc, status, clockOffset, kiosk = false }: DisplayProps) {
  const { t } = useTranslation();
  const meeting = useDocValue(doc, readMeeting);
  const agenda = useDocValue(doc, readVisibleAgenda);
  const queue = useDocValue(doc, readQueue);
  const { speaking, waiting } = queueView(queue, meeting);
  const closed = meeting.status === 'closed';
  const item = closed ? null : (agenda.find((i) => i.id === meeting.currentItemId) ?? null);
  const state = displayState(meeting);

  return (
    <div className="display" data-meeting-status={meeting.status} data-kiosk={kiosk}>
      <header className="display-head">
        <h1>{meeting.title}</h1>
        {!kiosk && (
          <Link className="display-exit" to={`/meetings/${encodeURIComponent(meetingId)}`}>
            {t('display.exit')}
          </Link>
        )}
      </header>
      {!kiosk && (
        <p className="display-connection" role="status" data-status={status}>
          {status === 'offline' ? t('display.reconnecting') : ''}
        </p>
      )}
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
      {!closed && <DisplayBudgets doc={doc} clockOffset={clockOffset} />}
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
