import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Intervention,
  Meeting,
  Minutes,
  MinutesRecommendation,
  OrganisationSuggestions,
} from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { formatDateTime, formatDuration, formatMinutes, formatTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { ExportLinks } from './ExportLinks.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { AgreedPositions } from '../consensus/AgreedPositions.js';
import { RecommendationMeta, RecStatus } from './RecommendationMeta.js';
import { useLoad } from './useLoad.js';

/** Route `/meetings/:id/minutes`: the minutes generated from the document and the audit log. */
export function MinutesPage() {
  return (
    <MeetingSubpage title="minutes.title">
      {(meeting) => <MinutesView meeting={meeting} />}
    </MeetingSubpage>
  );
}

function MinutesView({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const load = useCallback(() => api.minutes(meeting.id), [api, meeting.id]);
  const { data, error } = useLoad<Minutes>(load);
  const lang = i18n.language;
  if (data === null)
    return error !== null ? <ErrorText error={error} /> : <p role="status">{t('app.loading')}</p>;
  const { totals } = data;
  return (
    <div className="minutes stack">
      <ErrorText error={error} />
      <section className="card" aria-labelledby="minutes-summary">
        <h2 id="minutes-summary">{t('minutes.summary')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('minutes.status')}</dt>
            <dd>{t(`meetingStatus.${data.status}`)}</dd>
          </div>
          {data.openedAt !== null && (
            <div>
              <dt>{t('minutes.opened')}</dt>
              <dd>{formatDateTime(lang, data.openedAt)}</dd>
            </div>
          )}
          {data.closedAt !== null && (
            <div>
              <dt>{t('minutes.closed')}</dt>
              <dd>{formatDateTime(lang, data.closedAt)}</dd>
            </div>
          )}
          <div>
            <dt>{t('minutes.planned')}</dt>
            <dd>{formatMinutes(lang, totals.plannedMinutes)}</dd>
          </div>
          <div>
            <dt>{t('minutes.actual')}</dt>
            <dd>{formatDuration(lang, totals.actualMs)}</dd>
          </div>
          <div>
            <dt>{t('minutes.interventions')}</dt>
            <dd>{totals.interventions}</dd>
          </div>
          <div>
            <dt>{t('minutes.speakingTime')}</dt>
            <dd>{formatDuration(lang, totals.speakingMs)}</dd>
          </div>
        </dl>
        <p className="muted small">
          {t('minutes.generatedAt', { time: formatDateTime(lang, data.generatedAt) })}
        </p>
        <ExportLinks meetingId={meeting.id} role={meeting.role} doc="minutes" />
      </section>
      {data.items.length === 0 && <p className="card">{t('minutes.noItems')}</p>}
      {data.items.map((item, i) => (
        <section
          key={item.id}
          className="card minutes-item"
          aria-labelledby={`item-${item.id}`}
          data-testid="minutes-item"
        >
          <h2 id={`item-${item.id}`}>
            <span className="agenda-number">{i + 1}.</span> {item.title}
            <span className="badge">{t(`agenda.itemStatus.${item.status}`)}</span>
          </h2>
          {item.description && <p className="muted">{item.description}</p>}
          <p className="agenda-times">
            <span>
              {t('agenda.planned', { duration: formatMinutes(lang, item.plannedMinutes) })}
            </span>
            <span
              className={
                item.actualMs !== null && item.actualMs > item.plannedMinutes * 60_000
                  ? 'over'
                  : undefined
              }
            >
              {item.actualMs === null
                ? t('minutes.notStarted')
                : t('minutes.actualTime', { duration: formatDuration(lang, item.actualMs) })}
            </span>
            <span>
              {t('minutes.speakingTimeOf', { duration: formatDuration(lang, item.speakingMs) })}
            </span>
          </p>
          <Interventions list={item.interventions} headingId={`item-${item.id}-int`} />
          <Recommendations list={item.recommendations} />
        </section>
      ))}
      {(data.outsideAgenda.interventions.length > 0 ||
        data.outsideAgenda.recommendations.length > 0) && (
        <section className="card" aria-labelledby="outside-agenda">
          <h2 id="outside-agenda">{t('minutes.outsideAgenda')}</h2>
          <Interventions list={data.outsideAgenda.interventions} headingId="outside-int" />
          <Recommendations list={data.outsideAgenda.recommendations} />
        </section>
      )}
      {data.suggestions.length > 0 && <SuggestionCounts list={data.suggestions} />}
    </div>
  );
}

/** Suggestions made, accepted, rejected and pending per organisation (issue 18). */
function SuggestionCounts({ list }: { list: OrganisationSuggestions[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="minutes-suggestions">
      <h2 id="minutes-suggestions">{t('minutes.suggestions')}</h2>
      <p className="muted small">{t('minutes.suggestionsNote')}</p>
      <div className="table-wrap">
        <table
          className="table"
          aria-labelledby="minutes-suggestions"
          data-testid="suggestion-counts"
        >
          <thead>
            <tr>
              <th scope="col">{t('minutes.colOrganisation')}</th>
              {COUNT_COLUMNS.map(([, label]) => (
                <th key={label} scope="col" className="num">
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.organisation ?? ''} data-testid="suggestion-count">
                <th scope="row" className="wrap-anywhere">
                  {r.organisation ?? <em>{t('minutes.unknownOrganisation')}</em>}
                </th>
                {COUNT_COLUMNS.map(([count]) => (
                  <td key={count} className="num">
                    {r[count]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The count columns of the suggestions table: the field and its heading. */
const COUNT_COLUMNS = [
  ['made', 'minutes.colMade'],
  ['accepted', 'minutes.colAccepted'],
  ['rejected', 'minutes.colRejected'],
  ['pending', 'minutes.colPending'],
] as const;

function Interventions({ list, headingId }: { list: Intervention[]; headingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <h3 id={headingId}>{t('minutes.interventions')}</h3>
      {list.length === 0 ? (
        <p className="muted">{t('minutes.noInterventions')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby={headingId} data-testid="interventions">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('minutes.colSpeaker')}</th>
                <th scope="col">{t('minutes.colOrganisation')}</th>
                <th scope="col">{t('minutes.colKind')}</th>
                <th scope="col">{t('minutes.colAt')}</th>
                <th scope="col">{t('minutes.colDuration')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((iv, n) => (
                <tr key={iv.entryId} data-testid="intervention">
                  <td>{n + 1}</td>
                  <th scope="row" className="wrap-anywhere">
                    {iv.speaker}
                    {iv.userId === null && (
                      <span className="muted small"> ({t('queue.inRoom')})</span>
                    )}
                  </th>
                  <td className="wrap-anywhere">
                    {iv.organisation}
                    <span className="muted small"> · {t(`orgType.${iv.orgType}`)}</span>
                  </td>
                  <td>{t(`queue.kind.${iv.kind}`)}</td>
                  <td>{formatTime(lang, iv.grantedAt)}</td>
                  <td>
                    {formatDuration(lang, iv.durationMs)}
                    {iv.status !== 'done' && (
                      <span className="muted small"> ({t(`minutes.ivStatus.${iv.status}`)})</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Recommendations({ list }: { list: MinutesRecommendation[] }) {
  const { t } = useTranslation();
  if (list.length === 0) return null;
  return (
    <>
      <h3>{t('minutes.recommendations')}</h3>
      <ul className="plain-list">
        {list.map((r) => (
          <li key={r.id} className="rec" data-testid="minutes-rec">
            <p className="rec-title">
              <strong>{r.title}</strong> <RecStatus status={r.status} />
            </p>
            <RecommendationMeta {...r} />
            <AgreedPositions positions={r.agreedPositions} />
          </li>
        ))}
      </ul>
    </>
  );
}
