import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  readAgenda,
  readMeeting,
  readQueue,
  readRecommendations,
  readRemovedRecommendations,
  type AgendaItem,
  type Command,
} from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { ConfirmDialog, type ConfirmChoice } from '../../ui/ConfirmDialog.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';
import { queueView } from '../queue/queueView.js';

/** Props of {@link AgendaItemActions}. */
export interface AgendaItemActionsProps {
  item: AgendaItem;
  index: number;
  count: number;
  onEdit: () => void;
  onMove: (toIndex: number) => void;
  /** Called after the item was removed (to move focus somewhere that stays). */
  onRemoved: () => void;
}

type Question = 'start' | 'complete' | 'remove';
type Answer = 'move' | 'end' | 'remove';

/**
 * A chair's buttons on one agenda item. Starting or completing an item never
 * ends a running turn or the waiting requests silently: when either exists
 * the chair is asked (naming the speaker), and chooses to move the requests
 * on or end them. Removing asks too, and is offered only for an item that
 * was never discussed and holds no recommendations or requests (the server
 * refuses the others: removing never orphans anything). A refusal shows here.
 */
export function AgendaItemActions({
  item,
  index,
  count,
  onEdit,
  onMove,
  onRemoved,
}: AgendaItemActionsProps) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const meeting = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  const agenda = useDocValue(doc, readAgenda);
  const recs = useDocValue(doc, readRecommendations);
  const removedRecs = useDocValue(doc, readRemovedRecommendations);
  const control = useCommand();
  const [question, setQuestion] = useState<Question | null>(null);

  const { speaking, waiting } = queueView(queue, meeting);
  const needsAnswer = speaking !== null || waiting.length > 0;
  // Where `move` sends the waiting requests: the item started, or the next pending one.
  const activeAt = agenda.findIndex((i) => i.id === meeting.currentItemId);
  const nextPending = agenda.slice(activeAt + 1).find((i) => i.status === 'pending') ?? null;
  const moveTarget = question === 'start' ? item : nextPending;
  const removable =
    item.status !== 'active' &&
    item.startedAt === null &&
    ![...recs, ...removedRecs].some((r) => r.agendaItemId === item.id) &&
    // Requests waiting on an item not yet started (made in advance) end with it, once confirmed;
    // a turn that had the floor keeps its item.
    !queue.some((e) => e.agendaItemId === item.id && e.grantedAt !== null);
  const waitingOnItem = queue.filter(
    (e) => e.agendaItemId === item.id && e.grantedAt === null,
  ).length;

  const send = async (command: Command) => {
    const ok = await control.send(command);
    if (ok && command.type === 'agenda.remove') onRemoved();
  };
  const ask = (q: Question) => {
    control.clear();
    if (q === 'remove' || needsAnswer) setQuestion(q);
    else void send(q === 'start' ? { type: 'agenda.start', itemId: item.id } : completeCommand());
  };
  function completeCommand(answer?: Answer): Command {
    return { type: 'agenda.complete', itemId: item.id, ...ending(answer) };
  }
  function ending(answer?: Answer) {
    return {
      ...(speaking !== null ? { endCurrentTurn: true } : {}),
      ...(waiting.length > 0 && (answer === 'move' || answer === 'end')
        ? { waitingRequests: answer }
        : {}),
    };
  }
  const answer = (a: Answer | null) => {
    const q = question;
    setQuestion(null);
    if (a === null || q === null) return;
    if (q === 'remove')
      void send({
        type: 'agenda.remove',
        itemId: item.id,
        ...(waitingOnItem > 0 ? { waitingRequests: 'end' as const } : {}),
      });
    else if (q === 'start') void send({ type: 'agenda.start', itemId: item.id, ...ending(a) });
    else void send(completeCommand(a));
  };

  const verb = question === 'start' ? 'Start' : 'Complete';
  const choices: ConfirmChoice<Answer>[] =
    question === 'remove'
      ? [{ value: 'remove', label: t('agenda.removeConfirm'), tone: 'danger' }]
      : waiting.length > 0
        ? [
            ...(moveTarget
              ? [
                  {
                    value: 'move' as const,
                    label: t(`agenda.moveAnd${verb}`, { next: moveTarget.title }),
                    tone: 'primary' as const,
                  },
                ]
              : []),
            { value: 'end', label: t(`agenda.endAnd${verb}`), tone: 'danger' },
          ]
        : [{ value: 'end', label: t(`agenda.endTurnAnd${verb}`), tone: 'danger' }];

  return (
    <>
      <div className="row-actions">
        {item.status !== 'active' && (
          <button type="button" aria-disabled={control.pending} onClick={() => ask('start')}>
            {t('agenda.start')}
          </button>
        )}
        {item.status === 'active' && (
          <button type="button" aria-disabled={control.pending} onClick={() => ask('complete')}>
            {t('agenda.complete')}
          </button>
        )}
        <button
          type="button"
          onClick={onEdit}
          aria-label={t('agenda.editItem', { title: item.title })}
        >
          {t('agenda.edit')}
        </button>
        <button
          type="button"
          className="icon"
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
          aria-label={t('agenda.moveUp', { title: item.title })}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
          aria-label={t('agenda.moveDown', { title: item.title })}
        >
          ↓
        </button>
        {removable && (
          <button
            type="button"
            className="danger"
            aria-label={t('agenda.removeItem', { title: item.title })}
            aria-disabled={control.pending}
            onClick={() => ask('remove')}
          >
            {t('agenda.remove')}
          </button>
        )}
      </div>
      <ErrorText error={control.error} />
      {question !== null && (
        <ConfirmDialog
          title={
            question === 'remove'
              ? t('agenda.confirmRemoveTitle', { title: item.title })
              : question === 'start'
                ? t('agenda.confirmStartTitle', { title: item.title })
                : t('agenda.confirmCompleteTitle', { title: item.title })
          }
          choices={choices}
          cancelLabel={t('agenda.cancel')}
          onClose={answer}
        >
          {question === 'remove' ? (
            <>
              <p>{t('agenda.confirmRemoveBody')}</p>
              {waitingOnItem > 0 && <p>{t('rules.removeItemWaiting', { count: waitingOnItem })}</p>}
            </>
          ) : (
            <>
              {speaking && (
                <p data-testid="confirm-speaker">
                  {t('agenda.confirmSpeaker', {
                    name: speaking.name,
                    organisation: speaking.organisation,
                  })}
                </p>
              )}
              {waiting.length > 0 && (
                <p>
                  {t('agenda.confirmWaiting', { count: waiting.length })}{' '}
                  {!moveTarget && t('agenda.confirmNoNext')}
                </p>
              )}
            </>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
