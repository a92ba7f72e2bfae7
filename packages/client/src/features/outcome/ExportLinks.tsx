import { useTranslation } from 'react-i18next';
import { can, type OutcomeScope, type Role } from '@kenes/shared';
import { exportUrl } from '../../api/client.js';

/** The browser's IANA time zone, for the clock times printed in an export. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Download links (Markdown, Word; for the outcome also Word with the pending
 * suggestions as tracked changes) for one document, in the current UI
 * language and the browser's time zone. Plain links with `download`, so the
 * browser saves the attachment under the server's file name.
 */
export function ExportLinks({
  meetingId,
  role,
  doc,
  scope = 'all',
}: {
  meetingId: string;
  role: Role;
  doc: 'outcome' | 'minutes';
  /** Outcome only: which recommendations the files hold. */
  scope?: OutcomeScope;
}) {
  const { t, i18n } = useTranslation();
  if (!can(role, 'export')) return null;
  const opts = { doc, lang: i18n.language, timeZone: browserTimeZone(), scope };
  return (
    <div className="export-links no-print" role="group" aria-label={t('after.export')}>
      <span className="label">{t('after.export')}</span>
      <a
        className="button"
        href={exportUrl(meetingId, { ...opts, format: 'md' })}
        download
        data-testid={`export-${doc}-md`}
      >
        {t('after.exportMarkdown')}
      </a>
      <a
        className="button"
        href={exportUrl(meetingId, { ...opts, format: 'docx' })}
        download
        data-testid={`export-${doc}-docx`}
      >
        {t('after.exportWord')}
      </a>
      {doc === 'outcome' && (
        <a
          className="button"
          href={exportUrl(meetingId, { ...opts, format: 'docx', tracked: true })}
          download
          data-testid="export-outcome-docx-tracked"
          title={t('after.exportWordTrackedHint')}
        >
          {t('after.exportWordTracked')}
        </a>
      )}
    </div>
  );
}
