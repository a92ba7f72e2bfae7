import { useTranslation } from 'react-i18next';
import { POSITION_KINDS, type RecordedPosition } from '@kenes/shared';

/**
 * The positions frozen when a recommendation was agreed, as the minutes and
 * the outcome page show them: each organisation, its kind of position, and a
 * reservation or objection in full. Nothing for a text not agreed.
 */
export function AgreedPositions({ positions }: { positions: RecordedPosition[] | undefined }) {
  const { t } = useTranslation();
  if (!Array.isArray(positions)) return null;
  const shown = positions.filter((p) => (POSITION_KINDS as readonly string[]).includes(p.kind));
  return (
    <div className="agreed-positions" data-testid="agreed-positions">
      <p className="label">{t('consensus.positionsAtAgreement')}</p>
      {shown.length === 0 ? (
        <p className="muted small">{t('consensus.noPositionsAtAgreement')}</p>
      ) : (
        <ul>
          {shown.map((p, i) => (
            <li key={`${i}:${p.organisation}`} data-kind={p.kind}>
              {p.organisation} ({t(`orgType.${p.orgType}`)}):{' '}
              <strong>{t(`consensus.kind.${p.kind}`)}</strong>
              {p.text && <> — {p.text}</>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
