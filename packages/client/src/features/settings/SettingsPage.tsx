import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ROLES, can, type Role, type Meeting, type Member, type User } from '@kenes/shared';
import type { InviteCreated, InviteListItem } from '../../api/types.js';
import { useApi } from '../../api/ApiContext.js';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { formatDateTime } from '../../i18n/format.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { ListTable } from '../../ui/ListTable.js';
import { useMeetingInfo } from '../meeting/useMeetingInfo.js';
import { MemberOrganisation } from './MemberOrganisation.js';
import { InviteByEmail } from './InviteByEmail.js';
import { DisplayLinks } from './DisplayLinks.js';
import { InviteTermsFields, inviteLimits, type InviteTerms } from './InviteTerms.js';
import { CopyableLink, copyText } from './CopyableLink.js';

/** Route `/meetings/:id/settings`: a chair manages members, roles and invitation links. */
export function SettingsPage() {
  const { id = '' } = useParams();
  return (
    <RequireAuth>{(user) => <SettingsGate key={id} meetingId={id} user={user} />}</RequireAuth>
  );
}

function SettingsGate({ meetingId, user }: { meetingId: string; user: User }) {
  const { t } = useTranslation();
  const { meeting, error } = useMeetingInfo(meetingId);
  if (error !== null) return <ErrorText error={error} />;
  if (meeting === null) return <p role="status">{t('app.loading')}</p>;
  if (!can(meeting.role, 'members.manage'))
    return <p className="card narrow">{t('settings.chairOnly')}</p>;
  return <Settings meeting={meeting} user={user} />;
}

function Settings({ meeting, user }: { meeting: Meeting; user: User }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [invites, setInvites] = useState<InviteCreated[]>([]);
  const [links, setLinks] = useState<InviteListItem[]>([]);
  const [terms, setTerms] = useState<InviteTerms>({
    role: 'participant',
    maxUses: '',
    hours: '168',
  });
  const [copied, setCopied] = useState<string | null>(null);

  const load = useCallback(() => {
    api.members(meeting.id).then(setMembers, setError);
    api.invites(meeting.id).then(setLinks, setError);
  }, [api, meeting.id]);
  useEffect(load, [load]);

  const act = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
    } catch (err) {
      setError(err);
    }
    load();
  };

  const createInvite = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { maxUses, expiresInHours } = inviteLimits(terms);
      const invite = await api.createInvite(meeting.id, terms.role, maxUses, expiresInHours);
      setInvites((list) => [invite, ...list]);
    } catch (err) {
      setError(err);
    }
    load();
  };

  const copy = async (url: string) => {
    if (await copyText(url)) setCopied(url);
  };

  return (
    <div className="settings">
      <nav aria-label={t('settings.backToRoom')}>
        <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>← {t('settings.backToRoom')}</Link>
      </nav>
      <h1>
        {t('settings.title')}: {meeting.title}
      </h1>
      <ErrorText error={error} />
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('settings.members')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('settings.colName')}</th>
              <th scope="col">{t('settings.colOrganisation')}</th>
              <th scope="col">{t('settings.colRole')}</th>
              <th scope="col">{t('settings.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="wrap-anywhere">{m.name}</td>
                <td>
                  <MemberOrganisation
                    member={m}
                    onSave={(organisation, orgType) =>
                      act(api.setMemberOrganisation(meeting.id, m.userId, organisation, orgType))
                    }
                  />
                </td>
                <td>
                  <select
                    aria-label={t('settings.changeRole', { name: m.name })}
                    value={m.role}
                    onChange={(e) =>
                      void act(api.setMemberRole(meeting.id, m.userId, e.target.value as Role))
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {m.userId !== user.id && (
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('settings.removeMember', { name: m.name })}
                      onClick={() => void act(api.removeMember(meeting.id, m.userId))}
                    >
                      {t('settings.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="invites-title">
        <h2 id="invites-title">{t('settings.invites')}</h2>
        <form className="grid-form" onSubmit={(e) => void createInvite(e)}>
          <InviteTermsFields value={terms} onChange={setTerms} names={{ role: 'role' }} />
          <button type="submit" className="primary">
            {t('settings.createInvite')}
          </button>
        </form>
        {invites.length > 0 && <p className="hint">{t('settings.inviteNote')}</p>}
        <ul className="invite-list">
          {invites.map((inv) => (
            <li key={inv.token} data-testid="invite" data-role={inv.role}>
              <CopyableLink
                label={t('settings.inviteLink', { role: t(`role.${inv.role}`) })}
                url={inv.url}
                testId="invite-url"
                copied={copied === inv.url}
                onCopy={() => void copy(inv.url)}
              />
            </li>
          ))}
        </ul>
        <InviteByEmail meetingId={meeting.id} onSent={load} />
        <h3 id="invite-links-title">{t('settings.invitesList')}</h3>
        <ListTable
          labelledBy="invite-links-title"
          columns={[
            t('settings.colInviteRole'),
            t('mail.colSentTo'),
            t('settings.colUses'),
            t('settings.colExpires'),
            t('settings.colStatus'),
            t('settings.colActions'),
          ]}
          items={links}
          empty={t('settings.noInvites')}
          row={(l) => (
            <tr key={l.id} data-testid="invite-row" data-status={l.status}>
              <td>{t(`role.${l.role}`)}</td>
              <td className="wrap-anywhere">{l.emailedTo ?? t('mail.notEmailed')}</td>
              <td>
                {l.maxUses === null
                  ? t('settings.usesUnlimited', { uses: l.uses })
                  : t('settings.usesOf', { uses: l.uses, max: l.maxUses })}
              </td>
              <td>
                {l.expiresAt !== null && (
                  <time dateTime={new Date(l.expiresAt).toISOString()}>
                    {formatDateTime(i18n.language, l.expiresAt)}
                  </time>
                )}
              </td>
              <td>{t(`settings.inviteStatus.${l.status}`)}</td>
              <td>
                {l.status === 'valid' && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('settings.revokeInvite', {
                      role: t(`role.${l.role}`),
                      date: formatDateTime(i18n.language, l.createdAt),
                    })}
                    onClick={() => void act(api.revokeInvite(meeting.id, l.id))}
                  >
                    {t('settings.revoke')}
                  </button>
                )}
              </td>
            </tr>
          )}
        />
      </section>
      <DisplayLinks meetingId={meeting.id} />
    </div>
  );
}
