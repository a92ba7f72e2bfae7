import { useCallback, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  can,
  type Meeting,
  type Member,
  type RecommendationDiff,
  type VersionDetail,
  type VersionDiff,
  type VersionMeta,
} from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { formatDateTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { DiffText } from './DiffText.js';
import { meetingPath } from './meetingLinks.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { RecStatus } from './RecommendationMeta.js';
import { useLoad } from './useLoad.js';
import { versionTitle } from './versionTitle.js';
import { useAnnounce } from '../../ui/Announcer.js';

/**
 * Routes `/meetings/:id/versions` (the saved versions, newest first, and a
 * form to compare any two) and `/meetings/:id/versions/:versionId[?to=id]`
 * (one version read-only, and what changed from it to now or to the version
 * `to`, per recommendation; the chair may restore it). Any member reads.
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
    <div className="stack">
      {data.length > 0 && <CompareForm meeting={meeting} versions={data} />}
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
                      {versionTitle(t, v)}
                    </Link>
                    {v.kind !== 'manual' && (
                      <span className="muted small" data-testid="version-auto">
                        {' · '}
                        {t('agreed.kindAuto')}
                      </span>
                    )}
                  </th>
                  <td>{formatDateTime(i18n.language, v.createdAt)}</td>
                  <td>{(v.createdBy && names.get(v.createdBy)?.name) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** Picks any two versions (or a version and the current text) and opens their comparison. */
function CompareForm({ meeting, versions }: { meeting: Meeting; versions: VersionMeta[] }) {
  const { t, i18n } = useTranslation();
  const option = (v: VersionMeta) =>
    // Two versions may share a label: the time tells them apart.
    `${versionTitle(t, v)} (${formatDateTime(i18n.language, v.createdAt)})`;
  const navigate = useNavigate();
  // Default: the newest but one against the newest (or the current text when there is one).
  const [from, setFrom] = useState(versions[1]?.id ?? versions[0]?.id ?? '');
  const [to, setTo] = useState(versions.length > 1 ? (versions[0]?.id ?? '') : '');
  const same = from === to;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (same || from === '') return;
    const path = `${meetingPath(meeting.id, 'versions')}/${encodeURIComponent(from)}`;
    void navigate(to === '' ? path : `${path}?to=${encodeURIComponent(to)}`);
  };
  return (
    <section className="card" aria-labelledby="versions-compare">
      <h2 id="versions-compare">{t('agreed.compare')}</h2>
      <form className="compare-form" onSubmit={submit} data-testid="compare-form">
        <label>
          {t('agreed.compareFrom')}
          <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {option(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('agreed.compareTo')}
          <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
            <option value="">{t('agreed.current')}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {option(v)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={same}>
          {t('agreed.compareSubmit')}
        </button>
      </form>
      {same && <p className="muted small">{t('agreed.sameVersion')}</p>}
    </section>
  );
}

function VersionView({ meeting, versionId }: { meeting: Meeting; versionId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [params] = useSearchParams();
  const to = params.get('to') ?? undefined;
  const loadDetail = useCallback(
    () => api.version(meeting.id, versionId),
    [api, meeting.id, versionId],
  );
  const loadDiff = useCallback(
    () => api.versionDiff(meeting.id, versionId, to),
    [api, meeting.id, versionId, to],
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
          {versionTitle(t, version)}
        </h2>
        <p className="muted">
          {t('versions.savedAt', { time: formatDateTime(i18n.language, version.createdAt) })}
        </p>
        <p className="note">{t('versions.readOnly')}</p>
        {can(meeting.role, 'version.restore') && meeting.status !== 'closed' && (
          <RestoreVersion meeting={meeting} version={version} onRestored={() => diff.reload()} />
        )}
      </section>

      <section className="card" aria-labelledby="version-diff" data-testid="version-diff">
        <h2 id="version-diff">
          {diff.data.to
            ? t('agreed.changesTo', { label: versionTitle(t, diff.data.to) })
            : t('versions.changesSince')}
        </h2>
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

/**
 * The chair's "Restore this version": a confirmation that says what is and is
 * not rolled back, then the `version.restore` command (the server saves the
 * current state as a version first).
 */
function RestoreVersion({
  meeting,
  version,
  onRestored,
}: {
  meeting: Meeting;
  version: VersionMeta;
  onRestored: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  // One request at a time: a double click lands before React re-renders the disabled button.
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState(false);
  const label = versionTitle(t, version);
  const restore = () =>
    run(async () => {
      await api.command(meeting.id, { type: 'version.restore', versionId: version.id });
      setConfirming(false);
      setDone(true);
      announce(t('agreed.restored', { label }));
      onRestored();
    });
  return (
    <div className="restore-version no-print">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} data-testid="restore-version">
          {t('agreed.restore')}
        </button>
      ) : (
        <div className="confirm" role="group" aria-labelledby="restore-confirm">
          <p id="restore-confirm">{t('agreed.restoreConfirm', { label })}</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void restore()}
            data-testid="restore-confirm"
          >
            {t('agreed.restoreSubmit')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('agreed.cancel')}
          </button>
        </div>
      )}
      {done && (
        <p className="small" role="status" data-testid="restored">
          {t('agreed.restored', { label })}
        </p>
      )}
      <ErrorText error={error} />
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
