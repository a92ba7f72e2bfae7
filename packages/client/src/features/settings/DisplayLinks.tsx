import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DISPLAY_LABEL_MAX,
  ErrorCode,
  MAX_LIVE_DISPLAY_LINKS,
  type DisplayLink,
  type DisplayLinkCreated,
} from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { ApiError } from '../../api/client.js';
import { displayLinksApi } from '../../api/displayLinks.js';
import { formatDateTime } from '../../i18n/format.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useSubmit } from '../../ui/useSubmit.js';
import { ListTable } from '../../ui/ListTable.js';
import { CopyableLink, copyText } from './CopyableLink.js';

/**
 * Settings section: a chair makes links for the hall PC's display (no
 * account needed, nothing else opened), sees each link's maker, creation and
 * last use, and revokes one — which closes the display at once. A new link's
 * address is shown once, to copy; only its hash is kept.
 */
export function DisplayLinks({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const links = useMemo(() => displayLinksApi(api), [api]);
  const [list, setList] = useState<DisplayLink[]>([]);
  const [made, setMade] = useState<DisplayLinkCreated | null>(null);
  const [label, setLabel] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<DisplayLink | null>(null);

  const load = useCallback(() => {
    links.list(meetingId).then(setList, setError);
  }, [links, meetingId, setError]);
  useEffect(load, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setCopied(false);
    // One request at a time: a double click must not make two links.
    await run(
      async () => {
        setMade(await links.create(meetingId, label.trim()));
        setLabel('');
      },
      // Another chair took the last place meanwhile: the reloaded list says it is full.
      (err) => err instanceof ApiError && err.code === ErrorCode.displayLinkLimit,
    );
    load();
  };

  const revoke = async (link: DisplayLink) => {
    setError(null);
    try {
      await links.revoke(meetingId, link.id);
      if (made?.link.id === link.id) setMade(null);
    } catch (err) {
      setError(err);
    }
    load();
  };

  const copy = async (url: string) => {
    if (await copyText(url)) setCopied(true);
  };

  const name = (l: DisplayLink) =>
    l.label || t('displayLinks.unnamed', { date: formatDateTime(i18n.language, l.createdAt) });
  const full = list.length >= MAX_LIVE_DISPLAY_LINKS;

  return (
    <section className="card" aria-labelledby="display-links-title" data-testid="display-links">
      <h2 id="display-links-title">{t('displayLinks.title')}</h2>
      <p className="hint">{t('displayLinks.explain')}</p>
      <ErrorText error={error} />
      <form className="grid-form" onSubmit={(e) => void create(e)}>
        <label>
          {t('displayLinks.label')}
          <input
            name="display-label"
            value={label}
            maxLength={DISPLAY_LABEL_MAX}
            placeholder={t('displayLinks.labelPlaceholder')}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || full}>
          {t('displayLinks.create')}
        </button>
      </form>
      {full && <p className="hint">{t('displayLinks.full', { max: MAX_LIVE_DISPLAY_LINKS })}</p>}
      {made && (
        <div className="display-link-made" data-testid="display-link-made">
          <CopyableLink
            label={t('displayLinks.address', { name: name(made.link) })}
            url={made.url}
            testId="display-link-url"
            copied={copied}
            onCopy={() => void copy(made.url)}
          />
          <p className="hint">{t('displayLinks.once')}</p>
        </div>
      )}
      <ListTable
        labelledBy="display-links-title"
        columns={[
          t('displayLinks.colName'),
          t('displayLinks.colCreated'),
          t('displayLinks.colLastUsed'),
          t('settings.colActions'),
        ]}
        items={list}
        empty={t('displayLinks.none')}
        row={(l) => (
          <tr key={l.id} data-testid="display-link-row">
            <td className="wrap-anywhere">{name(l)}</td>
            <td>
              {t('displayLinks.createdBy', {
                name: l.createdByName,
                date: formatDateTime(i18n.language, l.createdAt),
              })}
            </td>
            <td data-testid="display-link-used">
              {l.lastUsedAt === null ? (
                t('displayLinks.neverUsed')
              ) : (
                <time dateTime={new Date(l.lastUsedAt).toISOString()}>
                  {formatDateTime(i18n.language, l.lastUsedAt)}
                </time>
              )}
            </td>
            <td>
              <button
                type="button"
                className="danger"
                aria-label={t('displayLinks.revokeNamed', { name: name(l) })}
                onClick={() => setRevoking(l)}
              >
                {t('settings.revoke')}
              </button>
            </td>
          </tr>
        )}
      />
      {revoking && (
        <ConfirmDialog
          title={t('displayLinks.revokeTitle')}
          choices={[{ value: 'revoke', label: t('settings.revoke'), tone: 'danger' }]}
          cancelLabel={t('displayLinks.keep')}
          onClose={(choice) => {
            const link = revoking;
            setRevoking(null);
            if (choice === 'revoke') void revoke(link);
          }}
        >
          {t('displayLinks.revokeBody', { name: name(revoking) })}
        </ConfirmDialog>
      )}
    </section>
  );
}
