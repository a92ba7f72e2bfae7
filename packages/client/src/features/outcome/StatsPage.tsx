import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isGender, type Meeting, type SpeakingStats } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { BarChart, StatsTable } from './BarChart.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { genderChart, toChart, type ChartData } from './statsChart.js';
import { useLoad } from './useLoad.js';

/** How often the figures refresh while the meeting is in session, ms. */
export const STATS_REFRESH_MS = 4000;

/** Route `/meetings/:id/stats`: speaking-time statistics, live during the meeting. */
export function StatsPage() {
  return (
    <MeetingSubpage title="stats.title">
      {(meeting) => <StatsView meeting={meeting} />}
    </MeetingSubpage>
  );
}

function StatsView({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const load = useCallback(() => api.stats(meeting.id), [api, meeting.id]);
  // Refresh until the meeting is closed (it may open after this page did); a closed meeting's figures do not move.
  const { data, error } = useLoad<SpeakingStats>(
    load,
    meeting.status === 'closed' ? null : STATS_REFRESH_MS,
  );
  const lang = i18n.language;
  if (data === null)
    return error !== null ? <ErrorText error={error} /> : <p role="status">{t('app.loading')}</p>;

  const byType = toChart(
    data.byOrgType,
    (b) => b.orgType,
    (b) => t(`orgType.${b.orgType}`),
    { keepOrder: true },
  );
  const byOrg = toChart(
    data.byOrganisation,
    (b) => b.organisation,
    (b) => b.organisation,
  );
  const byGender = genderChart(data, {
    group: (g) => (isGender(g) ? t(`gender.${g}`) : g),
    undeclared: t('stats.undeclared'),
  });
  return (
    <div className="stats stack" data-live={data.live}>
      <ErrorText error={error} />
      <section className="card" aria-labelledby="stats-total">
        <h2 id="stats-total">{t('stats.total')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('stats.colTime')}</dt>
            <dd data-testid="stats-total-time">{formatDuration(lang, data.total.durationMs)}</dd>
          </div>
          <div>
            <dt>{t('stats.colInterventions')}</dt>
            <dd data-testid="stats-total-count">{data.total.interventions}</dd>
          </div>
          <div>
            <dt>{t('stats.speakers')}</dt>
            <dd>{data.total.speakers}</dd>
          </div>
        </dl>
        <p className="muted small">
          {data.live ? t('stats.live') : t('stats.asOf', { time: formatTime(lang, data.at) })}
        </p>
      </section>
      <Breakdown id="by-type" title={t('stats.byOrgType')} data={byType} />
      <Breakdown id="by-org" title={t('stats.byOrganisation')} data={byOrg} />
      {byGender === null ? (
        <section className="card" aria-labelledby="by-gender">
          <h2 id="by-gender">{t('stats.byGender')}</h2>
          <p className="note" data-testid="gender-hidden">
            {t(
              data.genderHidden === 'small_group'
                ? 'stats.genderHiddenSmall'
                : 'stats.genderHidden',
            )}
          </p>
        </section>
      ) : (
        <Breakdown id="by-gender" title={t('stats.byGender')} data={byGender} />
      )}
    </div>
  );
}

function Breakdown({ id, title, data }: { id: string; title: string; data: ChartData }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id} data-testid={`breakdown-${id}`}>
      <h2 id={id}>{title}</h2>
      {data.rows.length === 0 ? (
        <p className="muted">{t('stats.noData')}</p>
      ) : (
        <div className="chart-and-table">
          <BarChart data={data} title={title} />
          <StatsTable data={data} caption={title} />
        </div>
      )}
    </section>
  );
}
