import { useTranslation } from 'react-i18next';
import type { DiffSegment } from '@kenes/shared';

/**
 * A word diff as text: added runs in `<ins>` (green, underlined), removed in
 * `<del>` (red, struck), each wrapped in visually hidden "added:"/"removed:"
 * labels so the change is announced, not only coloured. Line breaks of the
 * plain text (blocks) are kept by `white-space: pre-wrap`.
 */
export function DiffText({ segments }: { segments: readonly DiffSegment[] }) {
  const { t } = useTranslation();
  return (
    <p className="diff-text" data-testid="diff-text">
      {segments.map((s, i) =>
        s.op === 'equal' ? (
          <span key={i}>{s.text}</span>
        ) : s.op === 'added' ? (
          <ins key={i} className="diff-added">
            <span className="visually-hidden">{t('versions.addedStart')}</span>
            {s.text}
            <span className="visually-hidden">{t('versions.changeEnd')}</span>
          </ins>
        ) : (
          <del key={i} className="diff-removed">
            <span className="visually-hidden">{t('versions.removedStart')}</span>
            {s.text}
            <span className="visually-hidden">{t('versions.changeEnd')}</span>
          </del>
        ),
      )}
    </p>
  );
}
