import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsentCopy } from '../../sync/unsentCopies.js';

/** Props of {@link UnsentCopyPanel}. */
export interface UnsentCopyPanelProps {
  userId: string;
  meetingId: string;
  recId: string;
  /** The recommendation's title now (the copy's own title may be older). */
  title: string;
}

/**
 * "Your unsent text": what this person typed into a recommendation that the
 * server refused (the meeting had closed, say). The edits themselves were
 * dropped from the document, so they can never land later by surprise; this
 * copy is the author's to take away (select or Copy) or discard. Nobody else
 * sees it.
 */
export function UnsentCopyPanel({ userId, meetingId, recId, title }: UnsentCopyPanelProps) {
  const { t } = useTranslation();
  const { copy, dismiss } = useUnsentCopy(userId, meetingId, recId);
  const [copied, setCopied] = useState(false);
  if (copy === null) return null;
  const headingId = `unsent-${recId}`;
  const copyText = async () => {
    try {
      await navigator.clipboard.writeText(copy.text);
      setCopied(true);
    } catch {
      // No clipboard permission: the text stays selectable in the box.
    }
  };
  return (
    <section className="unsent-copy" aria-labelledby={headingId} data-testid="unsent-copy">
      <h4 id={headingId}>{t('recs.unsent.title')}</h4>
      <p className="muted small">{t('recs.unsent.explain')}</p>
      <textarea
        readOnly
        value={copy.text}
        rows={Math.min(8, Math.max(2, copy.text.split('\n').length))}
        aria-label={t('recs.unsent.label', { title: title || copy.title })}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="row-actions">
        <button type="button" onClick={() => void copyText()}>
          {copied ? t('recs.unsent.copied') : t('recs.unsent.copy')}
        </button>
        <button type="button" onClick={dismiss}>
          {t('recs.unsent.discard')}
        </button>
      </div>
    </section>
  );
}
