import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_STATUSES, readMeeting, readQueue, type MeetingStatus } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { queueView } from '../queue/queueView.js';
import { useRoom } from './RoomContext.js';
import { useCommand } from './useCommand.js';

/**
 * The chair's meeting-status picker. Closing while someone has the floor ends
 * that turn, so it is never done silently: the chair is asked first, naming
 * the speaker (the server refuses the close without `endCurrentTurn`, too).
 * A refusal shows next to the picker.
 */
export function MeetingStatusControl() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const meeting = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  const control = useCommand();
  const [asking, setAsking] = useState(false);
  const { speaking } = queueView(queue, meeting);

  const choose = (status: MeetingStatus) => {
    control.clear();
    if (status === 'closed' && speaking !== null) setAsking(true);
    else void control.send({ type: 'meeting.setStatus', status });
  };
  const answer = (choice: 'close' | null) => {
    setAsking(false);
    if (choice === 'close')
      void control.send({ type: 'meeting.setStatus', status: 'closed', endCurrentTurn: true });
  };

  return (
    <>
      <label className="inline">
        {t('room.setStatus')}
        <select
          value={meeting.status}
          aria-disabled={control.pending}
          onChange={(e) => choose(e.target.value as MeetingStatus)}
        >
          {MEETING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`meetingStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorText error={control.error} />
      {asking && speaking !== null && (
        <ConfirmDialog
          title={t('room.confirmCloseTitle')}
          choices={[{ value: 'close', label: t('room.endTurnAndClose'), tone: 'danger' }]}
          cancelLabel={t('agenda.cancel')}
          onClose={answer}
        >
          <p data-testid="confirm-speaker">
            {t('agenda.confirmSpeaker', {
              name: speaking.name,
              organisation: speaking.organisation,
            })}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
