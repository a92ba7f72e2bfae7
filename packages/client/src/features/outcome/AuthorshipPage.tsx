import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting, RecommendationAuthorship } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { AuthoredText } from './AuthoredText.js';
import { authorshipLegend, orgKey, type LegendEntry } from './authorshipColours.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { useLoad } from './useLoad.js';

/** Route `/meetings/:id/authorship`: who wrote what, by organisation. */
export function AuthorshipPage() {
  return (
    <MeetingSubpage title="authorship.title">
      {(meeting) => <AuthorshipView meeting={meeting} />}
    </MeetingSubpage>
  );
}

function AuthorshipView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const api = useApi();
  const load = useCallback(() => api.authorship(meeting.id), [api, meeting.id]);
  const { data, error } = useLoad<RecommendationAuthorship[]>(load);
  const legend = useMemo(() => authorshipLegend(data ?? []), [data]);
  const byKey = useMemo(() => new Map(legend.map((e) => [e.key, e])), [legend]);
  if (data === null)
    return error !== null ? <ErrorText error={error} /> : <p role="status">{t('app.loading')}</p>;
  return (
    <div className="authorship stack">
      <ErrorText error={error} />
      <section className="card" aria-labelledby="legend">
        <h2 id="legend">{t('authorship.legend')}</h2>
        <p className="muted small">{t('authorship.explain')}</p>
        <Legend legend={legend} />
      </section>
      {data.length === 0 && <p className="card">{t('recs.empty')}</p>}
      {data.map((rec) => (
        <section
          key={rec.id}
          className="card"
          aria-labelledby={`auth-${rec.id}`}
          data-testid="authorship-rec"
        >
          <h2 id={`auth-${rec.id}`}>{rec.title}</h2>
          <AuthoredText rec={rec} legend={byKey} />
          {rec.organisations.length > 0 && (
            <table className="table compact">
              <caption className="visually-hidden">
                {t('authorship.charsCaption', { title: rec.title })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('authorship.colOrganisation')}</th>
                  <th scope="col">{t('authorship.colChars')}</th>
                </tr>
              </thead>
              <tbody>
                {rec.organisations.map((o) => {
                  const entry = byKey.get(orgKey(o.organisation));
                  return (
                    <tr key={orgKey(o.organisation)}>
                      <th scope="row">
                        {entry && <Swatch entry={entry} />}{' '}
                        {o.organisation ?? t('authorship.unknown')}
                      </th>
                      <td>{o.chars}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}

function Swatch({ entry }: { entry: LegendEntry }) {
  return (
    <span
      className="swatch"
      aria-hidden="true"
      style={{ backgroundColor: entry.tint, borderColor: entry.line }}
    />
  );
}

function Legend({ legend }: { legend: LegendEntry[] }) {
  const { t } = useTranslation();
  if (legend.length === 0) return <p className="muted">{t('authorship.noText')}</p>;
  return (
    <ul className="legend" data-testid="authorship-legend">
      {legend.map((e) => (
        <li key={e.key}>
          <Swatch entry={e} />
          <span className="legend-name">{e.organisation ?? t('authorship.unknown')}</span>
          {e.orgType && <span className="muted small"> · {t(`orgType.${e.orgType}`)}</span>}
          <span className="muted small"> · {t('authorship.charCount', { count: e.chars })}</span>
        </li>
      ))}
    </ul>
  );
}
