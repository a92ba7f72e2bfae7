import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readMeeting, readQueue, REQUEST_KINDS, type QueueEntry } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { useAnnounce } from '../../ui/Announcer.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useDragReorder } from '../../ui/useDragReorder.js';
import { useSettled } from '../../ui/useSettled.js';
import { canWithdraw } from '../meeting/permissions.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';
import { BudgetList } from '../rules/BudgetList.js';
import { SpeakingRulesSection } from '../rules/SpeakingRulesSection.js';
import { AddSpeakerForm } from './AddSpeakerForm.js';
import { ExtendControls } from './ExtendControls.js';
import { PreInscriptions } from './PreInscriptions.js';
import { SpeakerTimer } from './SpeakerTimer.js';
import { SpokenRecord } from './SpokenRecord.js';
import { queueView, repliesTo } from './queueView.js';
import { useQueueAnnouncements } from './useQueueAnnouncements.js';

/**
 * How long "Give the floor to the next" stays inert after the floor changed:
 * the second click of a double click (100–250 ms) must not end the turn the
 * first one just gave.
 */
const SETTLE_MS = 800;

/**
 * The speaker queue: who has the floor with a large countdown, then the
 * waiting list of the item under discussion with positions and kind badges.
 * Participants ask for the floor and withdraw; a chair grants (next or
 * chosen), reorders (drag or the move buttons), removes, pauses/resumes/
 * extends, opens and closes the list and adds in-room speakers.
 *
 * Every command names what the chair saw (the entry granted, the speaker
 * ended), so the server refuses it as stale if that changed; each control
 * is busy while its command is in flight and shows its refusal beside it.
 */
export function QueuePanel() {
  const { t } = useTranslation();
  const { doc, perms, user, clockOffset } = useRoom();
  const announce = useAnnounce();
  const meeting = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  const view = queueView(queue, meeting);
  const { speaking, waiting } = view;
  useQueueAnnouncements(view, user.id, clockOffset);

  const floor = useCommand();
  const turn = useCommand();
  const list = useCommand();
  const request = useCommand();
  const rows = useCommand();
  const [errorRow, setErrorRow] = useState<string | null>(null);
  const settled = useSettled(speaking?.id ?? null, SETTLE_MS);

  const grantNextRef = useRef<HTMLButtonElement>(null);
  const speakerTitleRef = useRef<HTMLHeadingElement>(null);
  const waitingTitleRef = useRef<HTMLHeadingElement>(null);
  const rowRefs = useRef(new Map<string, HTMLLIElement>());

  const speakingId = speaking?.id ?? null;
  const next = waiting[0] ?? null;
  const noItem = meeting.currentItemId === null;
  // Controls that just appeared or changed meaning under the pointer (the floor moved: the
  // speaker block grew, the list shifted) ignore clicks until settled, so the second click of
  // a double click lands on nothing, whatever is now under it.
  const grantNextBusy = floor.pending || !settled;
  const turnBusy = turn.pending || !settled;
  const sendTurn = (command: Parameters<typeof turn.send>[0]) => {
    if (!turnBusy) void turn.send(command);
  };

  const grantNext = async () => {
    if (grantNextBusy || next === null) return;
    await floor.send({ type: 'queue.grant', entryId: next.id, speakingEntryId: speakingId });
  };

  // Where focus goes once an ended turn has left the screen. The command's answer and the
  // document's update travel apart (HTTP and the socket): focusing on the answer alone lost
  // focus to <body> whenever the update re-rendered the queue after it. So focus waits for
  // the render in which the speaker is gone.
  const focusAfterTurn = useRef<'grant' | 'speaker' | null>(null);
  const speakingShown = useRef<string | null>(speakingId);
  const focusTarget = (target: 'grant' | 'speaker') =>
    (target === 'grant' ? grantNextRef.current : speakerTitleRef.current)?.focus();
  useEffect(() => {
    speakingShown.current = speakingId;
    const target = focusAfterTurn.current;
    if (target === null || speakingId !== null) return;
    focusAfterTurn.current = null;
    (target === 'grant' ? grantNextRef.current : speakerTitleRef.current)?.focus();
  }, [speakingId]);

  const finish = async () => {
    if (speaking === null || turnBusy) return;
    const ok = await turn.send({ type: 'queue.finish', entryId: speaking.id });
    // The speaker block empties: keep focus in the queue, on what a chair does next
    // (the next grant, or the speaker heading when nobody waits).
    if (!ok) return;
    const target = next !== null ? 'grant' : 'speaker';
    if (speakingShown.current === null) focusTarget(target);
    else focusAfterTurn.current = target;
  };

  /** Focus after a row leaves the list: the next row, else the previous, else the list's title. */
  const focusAfterLeaving = (index: number) => {
    const target = waiting[index + 1] ?? waiting[index - 1];
    const row = target ? rowRefs.current.get(target.id) : undefined;
    (row?.querySelector('button') ?? waitingTitleRef.current)?.focus();
  };

  const rowCommand = async (entry: QueueEntry, index: number, kind: 'withdraw' | 'remove') => {
    setErrorRow(entry.id);
    const ok = await rows.send(
      kind === 'withdraw'
        ? { type: 'queue.withdraw', entryId: entry.id }
        : { type: 'queue.remove', entryId: entry.id },
    );
    if (ok) focusAfterLeaving(index);
  };

  const move = async (entry: QueueEntry, toIndex: number) => {
    if (toIndex < 0 || toIndex >= waiting.length) return;
    setErrorRow(entry.id);
    const ok = await rows.send({ type: 'queue.move', entryId: entry.id, toIndex });
    if (ok) announce(t('queue.moved', { name: entry.name, position: toIndex + 1 }));
  };
  const dragRow = useDragReorder((id, toIndex) => {
    const entry = waiting.find((e) => e.id === id);
    if (entry) void move(entry, toIndex);
  });

  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title">{t('queue.title')}</h2>
        {!noItem && (
          <span
            className={`badge ${meeting.listOpen ? 'open' : 'closed'}`}
            data-testid="list-state"
          >
            {meeting.listOpen ? t('queue.listOpen') : t('queue.listClosed')}
          </span>
        )}
      </div>

      <div className="speaker" aria-labelledby="speaker-title" role="group">
        <h3 id="speaker-title" className="label" ref={speakerTitleRef} tabIndex={-1}>
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
            <ReplyNote queue={queue} entry={speaking} />
            <SpeakerTimer entry={speaking} clockOffset={clockOffset} />
            {perms.runQueue && (
              <>
                <div className="row-actions">
                  {speaking.runningSince !== null ? (
                    <button
                      type="button"
                      aria-disabled={turnBusy}
                      onClick={() =>
                        sendTurn({
                          type: 'queue.timer',
                          action: 'pause',
                          entryId: speaking.id,
                        })
                      }
                    >
                      {t('queue.pause')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      aria-disabled={turnBusy}
                      onClick={() =>
                        sendTurn({
                          type: 'queue.timer',
                          action: 'resume',
                          entryId: speaking.id,
                        })
                      }
                    >
                      {t('queue.resume')}
                    </button>
                  )}
                  <button type="button" aria-disabled={turnBusy} onClick={() => void finish()}>
                    {t('queue.finish')}
                  </button>
                </div>
                <ExtendControls
                  busy={turnBusy}
                  onExtend={(seconds) =>
                    sendTurn({
                      type: 'queue.timer',
                      action: 'extend',
                      seconds,
                      entryId: speaking.id,
                    })
                  }
                />
                <ErrorText error={turn.error} />
              </>
            )}
          </>
        ) : (
          <p className="muted">{t('queue.nobody')}</p>
        )}
      </div>

      {perms.runQueue && !noItem && (
        <>
          <div className="row-actions">
            <button
              ref={grantNextRef}
              type="button"
              className="primary"
              data-testid="grant-next"
              disabled={next === null}
              aria-disabled={grantNextBusy || next === null}
              onClick={() => void grantNext()}
            >
              {t('queue.grantNext')}
            </button>
            <button
              type="button"
              aria-disabled={list.pending}
              onClick={() =>
                void list.send({ type: 'meeting.queueSettings', listOpen: !meeting.listOpen })
              }
            >
              {meeting.listOpen ? t('queue.closeList') : t('queue.openList')}
            </button>
          </div>
          <ErrorText error={floor.error ?? list.error} />
        </>
      )}

      <h3 className="label" ref={waitingTitleRef} tabIndex={-1}>
        {t('queue.waiting')}
      </h3>
      {waiting.length === 0 && !noItem && <p className="muted">{t('queue.emptyWaiting')}</p>}
      <ol className="waiting-list" data-testid="waiting-list">
        {waiting.map((entry, index) => {
          const mine = entry.userId === user.id;
          return (
            <li
              key={entry.id}
              ref={(el) => {
                if (el) rowRefs.current.set(entry.id, el);
                else rowRefs.current.delete(entry.id);
              }}
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
                <ReplyNote queue={queue} entry={entry} />
              </span>
              {entry.kind !== 'speak' && (
                <span className={`badge kind-${entry.kind}`}>{t(`queue.kind.${entry.kind}`)}</span>
              )}
              <span className="row-actions">
                {canWithdraw(perms.role, user.id, entry) && (
                  <button
                    type="button"
                    aria-disabled={rows.pending}
                    onClick={() => void rowCommand(entry, index, 'withdraw')}
                  >
                    {t('queue.withdraw')}
                  </button>
                )}
                {perms.runQueue && (
                  <>
                    <button
                      type="button"
                      aria-label={t('queue.grantTo', { name: entry.name })}
                      aria-disabled={grantNextBusy}
                      onClick={() => {
                        if (grantNextBusy) return;
                        void floor.send({
                          type: 'queue.grant',
                          entryId: entry.id,
                          speakingEntryId: speakingId,
                        });
                      }}
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
                      aria-disabled={rows.pending}
                      onClick={() => void rowCommand(entry, index, 'remove')}
                    >
                      {t('queue.remove')}
                    </button>
                  </>
                )}
              </span>
              {errorRow === entry.id && <ErrorText error={rows.error} />}
            </li>
          );
        })}
      </ol>
      <SpokenRecord queue={queue} meeting={meeting} />
      {errorRow !== null && !waiting.some((e) => e.id === errorRow) && (
        <ErrorText error={rows.error} />
      )}

      {noItem && <p className="muted">{t('queue.noCurrentItem')}</p>}
      {perms.requestFloor && !noItem && (
        <div role="group" aria-label={t('queue.requestGroup')} className="request-buttons">
          {REQUEST_KINDS.map((kind) => {
            const closed = !meeting.listOpen && kind !== 'point_of_order' && !perms.runQueue;
            // A reply answers the speaker: none while nobody has the floor, nor to oneself.
            const noSpeaker =
              kind === 'reply' && (speaking === null || speaking.userId === user.id);
            // Mirrors the server: one waiting request of each kind per person.
            const already = waiting.some((e) => e.userId === user.id && e.kind === kind);
            return (
              <button
                key={kind}
                type="button"
                className={kind === 'speak' ? 'primary' : undefined}
                disabled={closed || noSpeaker || already}
                title={noSpeaker ? t('queue.replyNeedsSpeaker') : undefined}
                aria-disabled={request.pending}
                onClick={() => void request.send({ type: 'queue.request', kind })}
              >
                {t(`queue.request.${kind}`)}
              </button>
            );
          })}
          <ErrorText error={request.error} />
        </div>
      )}
      {perms.runQueue && !noItem && <AddSpeakerForm />}
      <PreInscriptions />
      {perms.runQueue && <BudgetList />}
      {perms.setQueueRules && <SpeakingRulesSection />}
    </section>
  );
}

/** "Reply to X" under a reply (or "was a reply to X" once it lapsed into a plain request). */
function ReplyNote({ queue, entry }: { queue: readonly QueueEntry[]; entry: QueueEntry }) {
  const { t } = useTranslation();
  const name = repliesTo(queue, entry);
  if (name === null) return null;
  return (
    <span className="reply-to small muted" data-testid="reply-to">
      {entry.kind === 'reply' ? t('queue.replyTo', { name }) : t('queue.replyLapsed', { name })}
    </span>
  );
}
