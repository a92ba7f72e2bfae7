import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readMeeting, readVisibleAgenda, type AgendaItem } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { useNow } from '../../ui/useNow.js';
import { useAnnounce } from '../../ui/Announcer.js';
import { useDragReorder } from '../../ui/useDragReorder.js';
import { formatDuration, formatMinutes } from '../../i18n/format.js';
import { useRoom } from '../meeting/RoomContext.js';
import { AgendaItemActions } from './AgendaItemActions.js';
import { AgendaItemForm, type AgendaDraft } from './AgendaItemForm.js';

/** Time an item has run: from start to end, or to now while it is active. */
export function agendaElapsedMs(item: AgendaItem, serverNow: number): number | null {
  if (item.startedAt === null) return null;
  return Math.max(0, (item.endedAt ?? serverNow) - item.startedAt);
}

/**
 * The agenda: items in order with planned and elapsed time, the current one
 * highlighted. A chair adds, edits, reorders (drag, or the move buttons from
 * the keyboard), starts, completes and removes items ({@link AgendaItemActions}:
 * asked first whenever that would end a turn, requests or an item).
 */
export function AgendaPanel() {
  const { t, i18n } = useTranslation();
  const { doc, perms, run, clockOffset } = useRoom();
  const announce = useAnnounce();
  const items = useDocValue(doc, readVisibleAgenda);
  const meeting = useDocValue(doc, readMeeting);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const anyActive = items.some((i) => i.status === 'active');
  const now = useNow(anyActive, 1000) + clockOffset;
  const lang = i18n.language;

  const move = async (item: AgendaItem, toIndex: number) => {
    if (toIndex < 0 || toIndex >= items.length) return;
    const ok = await run({ type: 'agenda.move', itemId: item.id, toIndex });
    if (ok) announce(t('agenda.moved', { title: item.title, position: toIndex + 1 }));
  };
  const dragRow = useDragReorder((id, toIndex) => {
    const item = items.find((i) => i.id === id);
    if (item) void move(item, toIndex);
  });

  const add = async (d: AgendaDraft) => {
    const ok = await run({
      type: 'agenda.add',
      title: d.title,
      plannedMinutes: d.plannedMinutes,
      ...(d.description ? { description: d.description } : {}),
    });
    return ok !== null;
  };
  const update = (item: AgendaItem) => async (d: AgendaDraft) => {
    const ok = await run({
      type: 'agenda.update',
      itemId: item.id,
      title: d.title,
      plannedMinutes: d.plannedMinutes,
      description: d.description,
    });
    if (ok) setEditing(null);
    return ok !== null;
  };

  return (
    <section className="panel agenda" aria-labelledby="agenda-title">
      <h2 id="agenda-title" ref={titleRef} tabIndex={-1}>
        {t('agenda.title')}
      </h2>
      {items.length === 0 && <p className="muted">{t('agenda.empty')}</p>}
      <ol className="agenda-list">
        {items.map((item, index) => {
          const current = item.id === meeting.currentItemId || item.status === 'active';
          const elapsed = agendaElapsedMs(item, now);
          const over =
            elapsed !== null && item.plannedMinutes > 0 && elapsed > item.plannedMinutes * 60_000;
          return (
            <li
              key={item.id}
              className="agenda-item"
              data-status={item.status}
              data-current={current}
              aria-current={current ? 'step' : undefined}
              {...(perms.manageAgenda ? dragRow(item.id, index) : {})}
            >
              {editing === item.id ? (
                <AgendaItemForm
                  initial={item}
                  label={t('agenda.editItem', { title: item.title })}
                  submitLabel={t('agenda.save')}
                  onSubmit={update(item)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <div className="agenda-head">
                    {perms.manageAgenda && (
                      <span
                        className="drag-handle"
                        aria-hidden="true"
                        title={t('agenda.dragHandle', { title: item.title })}
                      >
                        ⠿
                      </span>
                    )}
                    <span className="agenda-number" aria-hidden="true">
                      {index + 1}.
                    </span>
                    <h3 className="agenda-title">{item.title}</h3>
                    {current && <span className="badge current">{t('agenda.current')}</span>}
                    {!current && item.status === 'done' && (
                      <span className="badge done">{t('agenda.itemStatus.done')}</span>
                    )}
                  </div>
                  {item.description && <p className="agenda-description">{item.description}</p>}
                  <p className="agenda-times">
                    <span>
                      {t('agenda.planned', { duration: formatMinutes(lang, item.plannedMinutes) })}
                    </span>
                    {elapsed !== null && (
                      <span className={over ? 'over' : undefined}>
                        {t('agenda.elapsed', { duration: formatDuration(lang, elapsed) })}
                      </span>
                    )}
                  </p>
                  {perms.manageAgenda && (
                    <AgendaItemActions
                      item={item}
                      index={index}
                      count={items.length}
                      onEdit={() => setEditing(item.id)}
                      onMove={(toIndex) => void move(item, toIndex)}
                      onRemoved={() => titleRef.current?.focus()}
                    />
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {perms.manageAgenda &&
        (adding ? (
          <AgendaItemForm
            label={t('agenda.addTitle')}
            submitLabel={t('agenda.add')}
            onSubmit={add}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            + {t('agenda.add')}
          </button>
        ))}
    </section>
  );
}
