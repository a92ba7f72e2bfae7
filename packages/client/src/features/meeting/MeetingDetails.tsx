import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandLimits, readMeeting, type MeetingInfo } from '@kenes/shared';
import { formatDateTime } from '../../i18n/format.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from './RoomContext.js';
import { useCommand } from './useCommand.js';

/** `YYYY-MM-DDTHH:mm` in local time, as a `datetime-local` input holds it. */
export function toLocalInput(epochMs: number | null): string {
  if (epochMs === null) return '';
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A `datetime-local` value as epoch ms (null when empty or not a date). */
export function fromLocalInput(value: string): number | null {
  if (value === '') return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** Longer than a short paragraph: more than 280 characters or 3 lines. */
function isLong(text: string): boolean {
  return text.length > 280 || text.split('\n').length > 3;
}

/**
 * The meeting's date and time, venue and description under its title, from
 * the document (so every member sees a change at once); for a chair, a button
 * that opens a form to change them and the title (`meeting.setDetails`).
 */
export function MeetingDetails({ fallbackStartsAt }: { fallbackStartsAt: number | null }) {
  const { t, i18n } = useTranslation();
  const { doc, perms } = useRoom();
  const info = useDocValue(doc, readMeeting);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Closing the form (saved or cancelled) puts focus back on the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  // Meetings created before their document held the date show the stored one.
  const startsAt = info.startsAt ?? fallbackStartsAt;
  const canEdit = perms.editDetails;
  return (
    <div className="meeting-details" data-testid="meeting-details">
      {(startsAt !== null || info.venue !== '') && (
        <p className="meeting-when">
          {startsAt !== null && (
            <time dateTime={new Date(startsAt).toISOString()} data-testid="meeting-starts-at">
              {formatDateTime(i18n.language, startsAt)}
            </time>
          )}
          {startsAt !== null && info.venue !== '' && ' · '}
          {info.venue !== '' && <span data-testid="meeting-venue">{info.venue}</span>}
        </p>
      )}
      {info.description !== '' &&
        (isLong(info.description) ? (
          // A long description (up to 4,000 characters) folds, so the room stays below it.
          <details className="meeting-description">
            <summary>{t('meetingDetails.about')}</summary>
            <p data-testid="meeting-description">{info.description}</p>
          </details>
        ) : (
          <p className="meeting-description" data-testid="meeting-description">
            {info.description}
          </p>
        ))}
      {canEdit && !editing && (
        <button type="button" ref={editButton} onClick={() => setEditing(true)}>
          {t('meetingDetails.edit')}
        </button>
      )}
      {canEdit && editing && (
        <DetailsForm info={info} startsAt={startsAt} onDone={() => setEditing(false)} />
      )}
    </div>
  );
}

function DetailsForm({
  info,
  startsAt,
  onDone,
}: {
  info: MeetingInfo;
  startsAt: number | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const save = useCommand();
  const [title, setTitle] = useState(info.title);
  const [when, setWhen] = useState(toLocalInput(startsAt));
  const [venue, setVenue] = useState(info.venue);
  const [description, setDescription] = useState(info.description);
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answer = await save.send({
      type: 'meeting.setDetails',
      title: title.trim(),
      startsAt: fromLocalInput(when),
      venue: venue.trim(),
      description: description.trim(),
    });
    if (answer) onDone();
  };

  return (
    <form
      className="stack details-form"
      aria-labelledby={headingId}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <h2 id={headingId}>{t('meetingDetails.title')}</h2>
      <label>
        {t('meetingDetails.name')}
        <input
          ref={firstField}
          name="title"
          required
          maxLength={CommandLimits.title}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label>
        {t('meetingDetails.startsAt')}
        <input
          type="datetime-local"
          name="startsAt"
          min="2000-01-01T00:00"
          max="2099-12-31T23:59"
          value={when}
          onChange={(e) => setWhen(e.target.value)}
        />
      </label>
      <label>
        {t('meetingDetails.venue')}
        <input
          name="venue"
          maxLength={CommandLimits.venue}
          value={venue}
          onChange={(e) => setVenue(e.target.value)}
        />
      </label>
      <label>
        {t('meetingDetails.description')}
        <textarea
          name="description"
          rows={3}
          maxLength={CommandLimits.description}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <ErrorText error={save.error} />
      <div className="row-actions">
        <button type="submit" className="primary" aria-disabled={save.pending}>
          {t('meetingDetails.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('meetingDetails.cancel')}
        </button>
      </div>
    </form>
  );
}
