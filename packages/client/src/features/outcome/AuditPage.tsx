import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_TYPES, type AuditEntry } from '@kenes/shared';
import type { Meeting, Member } from '../../api/types.js';
import { useApi } from '../../api/ApiContext.js';
import { formatDateTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { MeetingSubpage } from './MeetingSubpage.js';
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
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [action, setAction] = useState('');
  const [userId, setUserId] = useState('');
  const loadMembers = useCallback(() => api.members(meeting.id), [api, meeting.id]);
  const members = useLoad<Member[]>(loadMembers).data ?? [];
  const names = new Map(members.map((m) => [m.userId, m]));
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
        <div className="card table-wrap">
          <table className="table audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.colWhen')}</th>
                <th scope="col">{t('audit.colWho')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colResult')}</th>
                <th scope="col">{t('audit.colDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td>{formatDateTime(i18n.language, e.at)}</td>
                  <td>
                    {(e.userId !== null && names.get(e.userId)?.name) || t('audit.unknownUser')}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.result === 'ok' ? (
                      <span className="badge open">{t('audit.ok')}</span>
                    ) : (
                      <span className="badge closed">{t('audit.refused', { code: e.result })}</span>
                    )}
                  </td>
                  <td className="payload">
                    <code>{e.payload}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
