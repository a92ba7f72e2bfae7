import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsentCopies, type UnsentCopy } from '../../sync/unsentCopies.js';

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
 * server refused (the meeting had closed, the role changed). The edits
 * themselves were dropped from the document, so they can never land later
 * by surprise; each copy is the author's to take away (select or Copy) or
 * discard. Nobody else sees it.
 */
export function UnsentCopyPanel({ userId, meetingId, recId, title }: UnsentCopyPanelProps) {
  const { copies, dismiss } = useUnsentCopies(userId, meetingId, recId);
  if (copies.length === 0) return null;
  return (
    <>
      {copies.map((copy) => (
        <KeptCopy
          key={copy.at}
          copy={copy}
          title={title || copy.title}
          onDiscard={() => dismiss(copy.at)}
        />
      ))}
    </>
  );
}

function KeptCopy({
  copy,
  title,
  onDiscard,
}: {
  copy: UnsentCopy;
  title: string;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const headingId = `unsent-${copy.recId}-${copy.at}`;
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
        aria-label={t('recs.unsent.label', { title })}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="row-actions">
        <button type="button" onClick={() => void copyText()}>
          {copied ? t('recs.unsent.copied') : t('recs.unsent.copy')}
        </button>
        <button type="button" onClick={onDiscard}>
          {t('recs.unsent.discard')}
        </button>
      </div>
    </section>
  );
}
