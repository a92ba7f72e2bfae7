import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  POSITION_KINDS,
  consensusSummary,
  readPositions,
  readRecommendations,
  type ConsensusSummary,
} from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';

/** At most this many recommendations on the hall's screen. */
const SHOWN = 3;

interface Line {
  id: string;
  title: string;
  summary: ConsensusSummary;
}

/**
 * The consensus summary on the hall's display: for the recommendations of the
 * item under discussion that are still being negotiated (draft, discussed),
 * the count of each kind of position. Read only; names no person.
 */
export function DisplayConsensus({ doc, itemId }: { doc: Y.Doc; itemId: string }) {
  const { t } = useTranslation();
  const read = useMemo(
    () =>
      (d: Y.Doc): Line[] =>
        readRecommendations(d)
          .filter(
            (r) => r.agendaItemId === itemId && (r.status === 'draft' || r.status === 'discussed'),
          )
          .slice(-SHOWN)
          .map((r) => ({
            id: r.id,
            title: r.title,
            summary: consensusSummary(readPositions(d, r.id), []),
          })),
    [itemId],
  );
  const lines = useDocValue(doc, read);
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="display-consensus" className="display-consensus">
      <h2 id="display-consensus" className="label">
        {t('consensus.heading')}
      </h2>
      <ul aria-live="polite" data-testid="display-consensus">
        {lines.map((l) => (
          <li key={l.id}>
            <span className="display-consensus-title">{l.title}</span>
            {' — '}
            <span className="display-consensus-counts">
              {POSITION_KINDS.some((k) => l.summary.counts[k] > 0)
                ? POSITION_KINDS.filter((k) => l.summary.counts[k] > 0)
                    .map((k) => `${t(`consensus.kind.${k}`)}: ${l.summary.counts[k]}`)
                    .join(' · ')
                : t('consensus.noneShort')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
