import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readMeeting, readRecommendations, readVisibleAgenda } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { useRoom } from '../meeting/RoomContext.js';
import { RecommendationCard } from './RecommendationCard.js';
import { RemovedRecommendations } from './RemovedRecommendations.js';
import { usePeople } from './usePeople.js';

/**
 * The recommendations of the item under discussion (or of every item, with
 * the toggle), and a form to propose one.
 */
export function RecommendationsPanel() {
  const { t } = useTranslation();
  const { doc, perms, run, meetingId } = useRoom();
  const person = usePeople(meetingId);
  const meeting = useDocValue(doc, readMeeting);
  const agenda = useDocValue(doc, readVisibleAgenda);
  const recs = useDocValue(doc, readRecommendations);
  const [showAll, setShowAll] = useState(false);
  const [title, setTitle] = useState('');
  const [itemChoice, setItemChoice] = useState('');
  const current = agenda.find((i) => i.id === meeting.currentItemId) ?? null;
  const itemId = itemChoice || current?.id || agenda[0]?.id || '';
  const all = showAll || current === null;
  const shown = all ? recs : recs.filter((r) => r.agendaItemId === current.id);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (itemId === '') return;
    const ok = await run({ type: 'rec.create', agendaItemId: itemId, title: title.trim() });
    if (ok) setTitle('');
  };

  const groups = all
    ? agenda
        .map((item) => ({ item, recs: shown.filter((r) => r.agendaItemId === item.id) }))
        .filter((g) => g.recs.length > 0)
    : [{ item: current, recs: shown }];

  return (
    <section className="panel recs" aria-labelledby="recs-title">
      <div className="panel-head">
        <h2 id="recs-title">
          {all ? t('recs.all') : t('recs.forItem', { item: current?.title ?? '' })}
        </h2>
        {current !== null && (
          <button type="button" aria-pressed={showAll} onClick={() => setShowAll((s) => !s)}>
            {showAll ? t('recs.showCurrent') : t('recs.showAll')}
          </button>
        )}
      </div>
      {perms.role === 'chair' && !perms.closed && (
        <div className="suggestion-settings">
          <label>
            <input
              type="checkbox"
              checked={meeting.suggestionsOnly}
              data-testid="meeting-suggestions-only"
              onChange={(e) => void run({ type: 'meeting.suggestionsOnly', on: e.target.checked })}
            />
            {t('suggest.meetingOnly')}
          </label>
        </div>
      )}
      {meeting.suggestionsOnly && perms.role !== 'chair' && (
        <p className="note small">{t('suggest.meetingOnlyNote')}</p>
      )}
      {shown.length === 0 && (
        <p className="muted">
          {current === null && !showAll && recs.length === 0 ? t('recs.noItem') : t('recs.empty')}
        </p>
      )}
      {groups.map(({ item, recs: list }) => (
        <div key={item?.id ?? 'current'} className="rec-group">
          {all && item && <h3 className="group-title">{item.title}</h3>}
          {list.map((r) => (
            <RecommendationCard key={r.id} rec={r} person={person} />
          ))}
        </div>
      ))}
      {perms.removeRecommendation && <RemovedRecommendations />}
      {perms.proposeRecommendation && agenda.length > 0 && (
        <form
          className="grid-form propose"
          aria-labelledby="propose-title"
          onSubmit={(e) => void create(e)}
        >
          <h3 id="propose-title" className="full">
            {t('recs.propose')}
          </h3>
          <label className="grow">
            {t('recs.newTitle')}
            <input
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            {t('recs.agendaItem')}
            <select value={itemId} onChange={(e) => setItemChoice(e.target.value)}>
              {agenda.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t('recs.create')}
          </button>
        </form>
      )}
    </section>
  );
}
