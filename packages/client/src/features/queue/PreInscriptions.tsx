import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readMeeting, readQueue, readVisibleAgenda } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { canWithdraw } from '../meeting/permissions.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';
import { laterItemLists } from './preInscription.js';

/**
 * Requests for the floor made in advance for a later agenda item. A member
 * who may ask for the floor picks an item not yet started and asks; the
 * request waits on that item (and is on its list when the chair starts it).
 * Everyone sees who waits for which item ("waiting for item 3"); the author
 * withdraws, the chair removes.
 */
export function PreInscriptions() {
  const { t } = useTranslation();
  const { doc, perms, user } = useRoom();
  const meeting = useDocValue(doc, readMeeting);
  const agenda = useDocValue(doc, readVisibleAgenda);
  const queue = useDocValue(doc, readQueue);
  const ask = useCommand();
  const rows = useCommand();
  const selectId = useId();
  const lists = laterItemLists(agenda, queue, meeting);
  const open = lists;
  const [choice, setChoice] = useState('');
  const chosen = open.find((l) => l.item.id === choice) ?? open[0] ?? null;
  if (meeting.status === 'closed') return null;
  const mineOn = (itemId: string) =>
    queue.some(
      (e) =>
        e.status === 'waiting' &&
        e.agendaItemId === itemId &&
        e.userId === user.id &&
        e.kind === 'speak',
    );
  const closed = !meeting.listOpen && !perms.runQueue;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (chosen === null) return;
    await ask.send({ type: 'queue.request', kind: 'speak', agendaItemId: chosen.item.id });
  };

  const waitingLists = lists.filter((l) => l.waiting.length > 0);
  if (waitingLists.length === 0 && (!perms.requestFloor || open.length === 0)) return null;
  return (
    <section
      className="pre-inscriptions"
      aria-labelledby="pre-title"
      data-testid="pre-inscriptions"
    >
      <h3 id="pre-title" className="label">
        {t('rules.preTitle')}
      </h3>
      {waitingLists.map((l) => (
        <div key={l.item.id} data-testid="pre-item" data-item-id={l.item.id}>
          <h4 className="small" id={`pre-${l.item.id}`}>
            {t('rules.preWaitingFor', { number: l.number, title: l.item.title })}
          </h4>
          <ol aria-labelledby={`pre-${l.item.id}`}>
            {l.waiting.map((entry) => (
              <li key={entry.id} data-testid="pre-entry">
                <span className="name">{entry.name}</span>{' '}
                <span className="org small muted">{entry.organisation}</span>{' '}
                {canWithdraw(perms.role, user.id, entry) && (
                  <button
                    type="button"
                    aria-disabled={rows.pending}
                    onClick={() => void rows.send({ type: 'queue.withdraw', entryId: entry.id })}
                  >
                    {t('queue.withdraw')}
                  </button>
                )}
                {perms.runQueue && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('queue.removeEntry', { name: entry.name })}
                    aria-disabled={rows.pending}
                    onClick={() => void rows.send({ type: 'queue.remove', entryId: entry.id })}
                  >
                    {t('queue.remove')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
      <ErrorText error={rows.error} />
      {perms.requestFloor && chosen !== null && (
        <form
          className="inline-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('rules.preAsk')}
        >
          <label htmlFor={selectId} className="grow">
            {t('rules.preAsk')}
            <select
              id={selectId}
              value={chosen.item.id}
              onChange={(e) => setChoice(e.target.value)}
            >
              {open.map((l) => (
                <option key={l.item.id} value={l.item.id}>
                  {t('rules.preItemOption', { number: l.number, title: l.item.title })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            disabled={closed || mineOn(chosen.item.id)}
            aria-disabled={ask.pending}
            data-testid="pre-submit"
          >
            {t('rules.preSubmit')}
          </button>
        </form>
      )}
      {perms.requestFloor && chosen !== null && <p className="hint small">{t('rules.preHint')}</p>}
      <ErrorText error={ask.error} />
    </section>
  );
}
