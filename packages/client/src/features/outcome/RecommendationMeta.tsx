import { useTranslation } from 'react-i18next';
import type { Endorser, RecommendationStatus } from '@kenes/shared';

/** A recommendation's status badge. */
export function RecStatus({ status }: { status: RecommendationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge rec-${status}`} data-testid="rec-status">
      {t(`recs.status.${status}`)}
    </span>
  );
}

/** "Proposed by …" and the endorsing organisations. */
export function RecommendationMeta({
  proposerName,
  proposerOrganisation,
  endorsements,
}: {
  proposerName: string;
  proposerOrganisation: string;
  endorsements: Endorser[];
}) {
  const { t } = useTranslation();
  return (
    <div className="rec-meta">
      <p className="muted">
        {t('recs.proposedBy', { name: proposerName, organisation: proposerOrganisation })}
      </p>
      <p className="muted">
        {t('recs.endorsedBy')}:{' '}
        {endorsements.length === 0
          ? t('recs.noEndorsements')
          : endorsements.map((e) => e.organisation).join(', ')}
      </p>
    </div>
  );
}
