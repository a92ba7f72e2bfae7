import { useCallback } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type {
  Meeting,
  Member,
  RecommendationDiff,
  VersionDetail,
  VersionDiff,
  VersionMeta,
} from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { formatDateTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { DiffText } from './DiffText.js';
import { meetingPath } from './meetingLinks.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { RecStatus } from './RecommendationMeta.js';
import { useLoad } from './useLoad.js';

/**
 * Routes `/meetings/:id/versions` (the saved versions, newest first) and
 * `/meetings/:id/versions/:versionId` (one version read-only, and what
 * changed since it, per recommendation). Any member.
 */
export function VersionsPage() {
  const { versionId } = useParams();
  return (
    <MeetingSubpage title="versions.title">
      {(meeting) =>
        versionId ? (
          <VersionView key={versionId} meeting={meeting} versionId={versionId} />
        ) : (
          <VersionList meeting={meeting} />
        )
      }
    </MeetingSubpage>
  );
}

/** Names of the meeting's members by user id (empty when the list is not available). */
function useMemberNames(meetingId: string): Map<string, Member> {
  const api = useApi();
  const load = useCallback(() => api.members(meetingId), [api, meetingId]);
  const { data } = useLoad<Member[]>(load);
  return new Map((data ?? []).map((m) => [m.userId, m]));
}

function VersionList({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const load = useCallback(() => api.versions(meeting.id), [api, meeting.id]);
  const { data, error } = useLoad<VersionMeta[]>(load);
  const names = useMemberNames(meeting.id);
  if (data === null)
    return error !== null ? <ErrorText error={error} /> : <p role="status">{t('app.loading')}</p>;
  return (
    <section className="card" aria-labelledby="versions-list">
      <h2 id="versions-list">{t('versions.list')}</h2>
      {data.length === 0 ? (
        <p className="muted">{t('versions.empty')}</p>
      ) : (
        <table className="table" data-testid="versions-table">
          <thead>
            <tr>
              <th scope="col">{t('versions.colLabel')}</th>
              <th scope="col">{t('versions.colSaved')}</th>
              <th scope="col">{t('versions.colBy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  <Link to={`${meetingPath(meeting.id, 'versions')}/${encodeURIComponent(v.id)}`}>
                    {v.label}
                  </Link>
                </th>
                <td>{formatDateTime(i18n.language, v.createdAt)}</td>
                <td>{(v.createdBy && names.get(v.createdBy)?.name) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function VersionView({ meeting, versionId }: { meeting: Meeting; versionId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const loadDetail = useCallback(
    () => api.version(meeting.id, versionId),
    [api, meeting.id, versionId],
  );
  const loadDiff = useCallback(
    () => api.versionDiff(meeting.id, versionId),
    [api, meeting.id, versionId],
  );
  const detail = useLoad<VersionDetail>(loadDetail);
  const diff = useLoad<VersionDiff>(loadDiff);
  const error = detail.error ?? diff.error;
  if (detail.data === null || diff.data === null)
    return error !== null ? <ErrorText error={error} /> : <p role="status">{t('app.loading')}</p>;
  const { version, content } = detail.data;
  const { summary } = diff.data;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={meetingPath(meeting.id, 'versions')}>{t('versions.backToList')}</Link>
      </p>
      <section className="card" aria-labelledby="version-head">
        <h2 id="version-head" data-testid="version-label">
          {version.label}
        </h2>
        <p className="muted">
          {t('versions.savedAt', { time: formatDateTime(i18n.language, version.createdAt) })}
        </p>
        <p className="note">{t('versions.readOnly')}</p>
      </section>

      <section className="card" aria-labelledby="version-diff" data-testid="version-diff">
        <h2 id="version-diff">{t('versions.changesSince')}</h2>
        <p>{t('versions.summary', summary)}</p>
        <p className="muted small diff-legend">
          <ins className="diff-added">{t('versions.legendAdded')}</ins>{' '}
          <del className="diff-removed">{t('versions.legendRemoved')}</del>
        </p>
        {diff.data.recommendations.map((r) => (
          <RecDiff key={r.id} rec={r} />
        ))}
      </section>

      <section className="card" aria-labelledby="version-content">
        <h2 id="version-content">{t('versions.contentAsSaved')}</h2>
        {content.recommendations.length === 0 && <p className="muted">{t('recs.empty')}</p>}
        {content.recommendations.map((r) => (
          <article key={r.id} className="rec" data-testid="version-rec">
            <h3 className="rec-title">
              {r.title} <RecStatus status={r.status} />
            </h3>
            <p className="muted small">
              {t('recs.proposedBy', { name: r.proposerName, organisation: r.proposerOrganisation })}
            </p>
            <p className="plain-text">{r.text || t('recs.emptyText')}</p>
          </article>
        ))}
      </section>
    </div>
  );
}

function RecDiff({ rec }: { rec: RecommendationDiff }) {
  const { t } = useTranslation();
  return (
    <article className="rec rec-diff" data-change={rec.change} data-testid="rec-diff">
      <h3 className="rec-title">
        {rec.title}{' '}
        <span className={`badge change-${rec.change}`}>{t(`versions.change.${rec.change}`)}</span>
      </h3>
      {rec.titleBefore !== null && rec.titleBefore !== rec.title && (
        <p className="small">{t('versions.titleWas', { title: rec.titleBefore })}</p>
      )}
      {rec.statusBefore !== null &&
        rec.statusAfter !== null &&
        rec.statusBefore !== rec.statusAfter && (
          <p className="small">
            {t('versions.statusChanged', {
              before: t(`recs.status.${rec.statusBefore}`),
              after: t(`recs.status.${rec.statusAfter}`),
            })}
          </p>
        )}
      {rec.change !== 'unchanged' && (
        <p className="muted small">
          {t('versions.chars', { added: rec.addedChars, removed: rec.removedChars })}
        </p>
      )}
      {rec.segments.length > 0 && <DiffText segments={rec.segments} />}
    </article>
  );
}
