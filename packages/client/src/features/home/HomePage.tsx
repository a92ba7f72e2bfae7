import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { formatDateTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useSubmit } from '../../ui/useSubmit.js';

/** The path of a meeting's room. */
export function meetingPath(meetingId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}`;
}

/**
 * Route `/`: the signed-in user's meetings (title, role, date) and a form to
 * create one, which leads straight into its room as chair.
 * The status column shows `status` from `GET /api/meetings` (a dash from a
 * server that does not send it).
 */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const { busy, error: createError, run } = useSubmit();

  useEffect(() => {
    let live = true;
    api.meetings().then(
      (list) => live && setMeetings(list),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      const when = startsAt === '' ? null : new Date(startsAt).getTime();
      const meeting = await api.createMeeting(title.trim(), Number.isNaN(when) ? null : when);
      void navigate(meetingPath(meeting.id));
    });
  };

  const sorted = [...(meetings ?? [])].sort(
    (a, b) => (b.startsAt ?? b.createdAt) - (a.startsAt ?? a.createdAt),
  );

  return (
    <div className="home">
      <section aria-labelledby="meetings-title" className="card">
        <h1 id="meetings-title">{t('home.title')}</h1>
        <ErrorText error={loadError} />
        {meetings === null && loadError === null && <p role="status">{t('app.loading')}</p>}
        {meetings !== null && meetings.length === 0 && <p>{t('home.empty')}</p>}
        {sorted.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('home.colTitle')}</th>
                <th scope="col">{t('home.colStatus')}</th>
                <th scope="col">{t('home.colRole')}</th>
                <th scope="col">{t('home.colDate')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={meetingPath(m.id)}>{m.title}</Link>
                  </td>
                  <td>
                    {m.status ? (
                      <span
                        className={`badge status-${m.status}`}
                        data-testid="meeting-status"
                        data-status={m.status}
                      >
                        {t(`meetingStatus.${m.status}`)}
                      </span>
                    ) : (
                      t('home.statusUnknown')
                    )}
                  </td>
                  <td>
                    <span className={`badge role-${m.role}`}>{t(`role.${m.role}`)}</span>
                  </td>
                  <td>
                    {m.startsAt !== null ? (
                      <time dateTime={new Date(m.startsAt).toISOString()}>
                        {formatDateTime(i18n.language, m.startsAt)}
                      </time>
                    ) : (
                      t('home.notScheduled')
                    )}
                    {m.venue !== '' && (
                      // The room shows it whole; the list keeps each row short.
                      <div className="muted meeting-venue clamp-2" title={m.venue}>
                        {m.venue}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="create-title" className="card">
        <h2 id="create-title">{t('home.createTitle')}</h2>
        <form className="stack" onSubmit={(e) => void create(e)}>
          <label>
            {t('home.meetingTitle')}
            <input
              name="title"
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            {t('home.startsAt')}
            <input
              type="datetime-local"
              name="startsAt"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
            />
          </label>
          <ErrorText error={createError} />
          <button type="submit" className="primary" disabled={busy}>
            {t('home.create')}
          </button>
        </form>
      </section>
    </div>
  );
}
