import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMMAND_TYPES,
  type AuditEntry,
  type Minutes,
  type Meeting,
  type Member,
} from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { auditNames, describeAudit, type AuditNames } from './auditText.js';
import { useLoad } from './useLoad.js';

/** The action groups of the filter: command prefixes (`queue` of `queue.grant`). */
export const AUDIT_GROUPS = [...new Set(COMMAND_TYPES.map((c) => c.split('.')[0]!))];

/** How many rows the page asks for. */
const AUDIT_LIMIT = 200;

/** Route `/meetings/:id/audit`: the command log, for chairs (`audit.read`). */
export function AuditPage() {
  return (
    <MeetingSubpage title="audit.title" need="audit.read">
      {(meeting) => <AuditView meeting={meeting} />}
    </MeetingSubpage>
  );
}

function AuditView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const api = useApi();
  const [action, setAction] = useState('');
  const [userId, setUserId] = useState('');
  const loadMembers = useCallback(() => api.members(meeting.id), [api, meeting.id]);
  const members = useLoad<Member[]>(loadMembers).data ?? [];
  // The minutes name the speakers, items and recommendations the log refers to by id.
  const loadMinutes = useCallback(() => api.minutes(meeting.id), [api, meeting.id]);
  const minutes = useLoad<Minutes>(loadMinutes).data;
  const names = auditNames(members, minutes);
  const load = useCallback(
    () =>
      api.audit(meeting.id, {
        action: action || undefined,
        userId: userId || undefined,
        limit: AUDIT_LIMIT,
      }),
    [api, meeting.id, action, userId],
  );
  const { data, error, reload } = useLoad<AuditEntry[]>(load);
  return (
    <div className="stack">
      <form
        className="card filters no-print"
        aria-labelledby="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          reload();
        }}
      >
        <h2 id="audit-filters" className="visually-hidden">
          {t('audit.filters')}
        </h2>
        <label className="inline">
          {t('audit.filterAction')}
          <select
            value={action}
            onChange={(e) => setAction(e.target.value)}
            data-testid="audit-action"
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`audit.group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('audit.filterMember')}
          <select
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            data-testid="audit-member"
          >
            <option value="">{t('audit.allMembers')}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.organisation})
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('audit.refresh')}</button>
      </form>
      <ErrorText error={error} />
      {data === null ? (
        error === null && <p role="status">{t('app.loading')}</p>
      ) : data.length === 0 ? (
        <p className="card muted">{t('audit.empty')}</p>
      ) : (
        <AuditTable entries={data} names={names} />
      )}
    </div>
  );
}

/** Props of {@link AuditTable}. */
export interface AuditTableProps {
  entries: readonly AuditEntry[];
  names: AuditNames;
}

/**
 * The log as sentences in the UI language ("Dana gave the floor to …"),
 * refusals with their reason in words; the command as sent stays one click
 * away (`<details>`) for a chair who needs the exact record.
 */
export function AuditTable({ entries, names }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="card table-wrap">
      <table className="table audit-table" data-testid="audit-table">
        <caption className="visually-hidden">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.colWhen')}</th>
            <th scope="col">{t('audit.colWhat')}</th>
            <th scope="col">{t('audit.colResult')}</th>
            <th scope="col">{t('audit.colDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const said = describeAudit(e, names, t, (ms) => formatDuration(lang, ms));
            return (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td className="nowrap">{formatDateTime(lang, e.at)}</td>
                <td className="audit-what" data-testid="audit-what">
                  {said.text}
                </td>
                <td>
                  {said.refusal === null ? (
                    <span className="badge open">{t('audit.ok')}</span>
                  ) : (
                    <span className="badge closed">
                      {t('audit.refusedBecause', { reason: said.refusal })}
                      {e.count > 1 && ` ${t('audit.times', { count: e.count })}`}
                    </span>
                  )}
                </td>
                <td className="payload">
                  <details>
                    <summary>{t('audit.rawDetails')}</summary>
                    <code>{e.action}</code>
                    {e.result !== 'ok' && <code>{e.result}</code>}
                    <code>{e.payload}</code>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
