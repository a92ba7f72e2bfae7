import { useTranslation } from 'react-i18next';
import { readMeeting, readQueue, REQUEST_KINDS, type QueueEntry } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { useAnnounce } from '../../ui/Announcer.js';
import { useDragReorder } from '../../ui/useDragReorder.js';
import { canWithdraw } from '../meeting/permissions.js';
import { useRoom } from '../meeting/RoomContext.js';
import { AddSpeakerForm } from './AddSpeakerForm.js';
import { SpeakerTimer } from './SpeakerTimer.js';
import { queueView } from './queueView.js';
import { useQueueAnnouncements } from './useQueueAnnouncements.js';

/** One extension of the speaking time, seconds. */
const EXTEND_SECONDS = 60;

/**
 * The speaker queue: who has the floor with a large countdown, then the
 * waiting list with positions and kind badges. Participants ask for the
 * floor and withdraw; a chair grants (next or chosen), reorders (drag or the
 * move buttons), removes, pauses/resumes/extends, opens and closes the list
 * and adds in-room speakers.
 */
export function QueuePanel() {
  const { t } = useTranslation();
  const { doc, perms, run, user, clockOffset } = useRoom();
  const announce = useAnnounce();
  const meeting = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  const view = queueView(queue, meeting);
  const { speaking, waiting } = view;
  useQueueAnnouncements(view, user.id, clockOffset);

  const move = async (entry: QueueEntry, toIndex: number) => {
    if (toIndex < 0 || toIndex >= waiting.length) return;
    const ok = await run({ type: 'queue.move', entryId: entry.id, toIndex });
    if (ok) announce(t('queue.moved', { name: entry.name, position: toIndex + 1 }));
  };
  const dragRow = useDragReorder((id, toIndex) => {
    const entry = waiting.find((e) => e.id === id);
    if (entry) void move(entry, toIndex);
  });
  const noItem = meeting.currentItemId === null;

  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <span className={`badge ${meeting.listOpen ? 'open' : 'closed'}`} data-testid="list-state">
          {meeting.listOpen ? t('queue.listOpen') : t('queue.listClosed')}
        </span>
      </div>

      <div className="speaker" aria-labelledby="speaker-title" role="group">
        <h3 id="speaker-title" className="label">
          {t('queue.nowSpeaking')}
        </h3>
        {speaking ? (
          <>
            <p className="speaker-name" data-testid="current-speaker">
              <span className="clamp-3" title={speaking.name}>
                {speaking.name}
              </span>
              <span className="speaker-org clamp-2" title={speaking.organisation}>
                {speaking.organisation}
              </span>
              {speaking.kind !== 'speak' && (
                <span className={`badge kind-${speaking.kind}`}>
                  {t(`queue.kind.${speaking.kind}`)}
                </span>
              )}
            </p>
            <SpeakerTimer entry={speaking} clockOffset={clockOffset} />
            {perms.runQueue && (
              <div className="row-actions">
                {speaking.runningSince !== null ? (
                  <button
                    type="button"
                    onClick={() => void run({ type: 'queue.timer', action: 'pause' })}
                  >
                    {t('queue.pause')}
                  </button>
                ) : (
                  <button
                    type="button"
                    onClick={() => void run({ type: 'queue.timer', action: 'resume' })}
                  >
                    {t('queue.resume')}
                  </button>
                )}
                <button
                  type="button"
                  title={t('queue.extendLabel')}
                  onClick={() =>
                    void run({ type: 'queue.timer', action: 'extend', seconds: EXTEND_SECONDS })
                  }
                >
                  {t('queue.extend')}
                </button>
                <button type="button" onClick={() => void run({ type: 'queue.finish' })}>
                  {t('queue.finish')}
                </button>
              </div>
            )}
          </>
        ) : (
          <p className="muted">{t('queue.nobody')}</p>
        )}
      </div>

      {perms.runQueue && (
        <div className="row-actions">
          <button
            type="button"
            className="primary"
            disabled={waiting.length === 0}
            onClick={() => void run({ type: 'queue.grant' })}
          >
            {t('queue.grantNext')}
          </button>
          <button
            type="button"
            onClick={() => void run({ type: 'meeting.queueSettings', listOpen: !meeting.listOpen })}
          >
            {meeting.listOpen ? t('queue.closeList') : t('queue.openList')}
          </button>
        </div>
      )}

      <h3 className="label">{t('queue.waiting')}</h3>
      {waiting.length === 0 && <p className="muted">{t('queue.emptyWaiting')}</p>}
      <ol className="waiting-list" data-testid="waiting-list">
        {waiting.map((entry, index) => {
          const mine = entry.userId === user.id;
          return (
            <li
              key={entry.id}
              className="waiting-entry"
              data-kind={entry.kind}
              data-mine={mine}
              {...(perms.runQueue ? dragRow(entry.id, index) : {})}
            >
              <span className="position" aria-label={t('queue.position', { position: index + 1 })}>
                {index + 1}
              </span>
              <span className="who">
                <span className="name clamp-2" title={entry.name}>
                  {entry.name}
                  {mine && <span className="badge you">{t('queue.you')}</span>}
                </span>
                <span className="org clamp-2" title={entry.organisation}>
                  {entry.organisation}
                  {entry.userId === null && ` · ${t('queue.inRoom')}`}
                </span>
              </span>
              {entry.kind !== 'speak' && (
                <span className={`badge kind-${entry.kind}`}>{t(`queue.kind.${entry.kind}`)}</span>
              )}
              <span className="row-actions">
                {canWithdraw(perms.role, user.id, entry) && (
                  <button
                    type="button"
                    onClick={() => void run({ type: 'queue.withdraw', entryId: entry.id })}
                  >
                    {t('queue.withdraw')}
                  </button>
                )}
                {perms.runQueue && (
                  <>
                    <button
                      type="button"
                      aria-label={t('queue.grantTo', { name: entry.name })}
                      onClick={() => void run({ type: 'queue.grant', entryId: entry.id })}
                    >
                      {t('queue.grant')}
                    </button>
                    <button
                      type="button"
                      className="icon"
                      disabled={index === 0}
                      aria-label={t('queue.moveUp', { name: entry.name })}
                      onClick={() => void move(entry, index - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon"
                      disabled={index === waiting.length - 1}
                      aria-label={t('queue.moveDown', { name: entry.name })}
                      onClick={() => void move(entry, index + 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('queue.removeEntry', { name: entry.name })}
                      onClick={() => void run({ type: 'queue.remove', entryId: entry.id })}
                    >
                      {t('queue.remove')}
                    </button>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>

      {noItem && <p className="muted">{t('queue.noCurrentItem')}</p>}
      {perms.requestFloor && !noItem && (
        <div role="group" aria-label={t('queue.requestGroup')} className="request-buttons">
          {REQUEST_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className={kind === 'speak' ? 'primary' : undefined}
              disabled={!meeting.listOpen && kind !== 'point_of_order' && !perms.runQueue}
              onClick={() => void run({ type: 'queue.request', kind })}
            >
              {t(`queue.request.${kind}`)}
            </button>
          ))}
        </div>
      )}
      {perms.runQueue && !noItem && <AddSpeakerForm />}
    </section>
  );
}
