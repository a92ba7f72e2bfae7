import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { POSITION_KINDS, can, consensusSummary, type Recommendation } from '@kenes/shared';
import { usePresence } from '../../sync/usePresence.js';
import { useRoom } from '../meeting/RoomContext.js';
import { positionOf } from './myPosition.js';
import { PositionForm } from './PositionForm.js';
import { presentOrganisations, usePositions } from './usePositions.js';

/**
 * The positions on one recommendation, live: a summary line (counts, who
 * present has none) that opens onto the positions grouped by organisation
 * type, with the reservations and objections in full, the organisations
 * present without one, and (for chairs) who set each. Members who may take a
 * position get their organisation's form while the text is open.
 */
export function ConsensusPanel({ rec }: { rec: Recommendation }) {
  const { t } = useTranslation();
  const { doc, awareness, user, perms } = useRoom();
  const positions = usePositions(doc, rec.id);
  const present = usePresence(awareness);
  const summary = useMemo(
    () => consensusSummary(positions, presentOrganisations(present)),
    [positions, present],
  );
  const chair = perms.role === 'chair';
  const open = rec.status !== 'agreed' && rec.status !== 'withdrawn';
  const mayTake = open && !perms.readOnly && !perms.closed && can(perms.role, 'position.set');
  const headingId = `rec-${rec.id}-positions`;
  const { counts } = summary;

  return (
    <details className="consensus" data-testid="consensus-panel">
      <summary>
        <span id={headingId} className="label">
          {t('consensus.heading')}
        </span>{' '}
        <span className="muted small" data-testid="consensus-counts">
          {POSITION_KINDS.some((k) => counts[k] > 0)
            ? POSITION_KINDS.filter((k) => counts[k] > 0)
                .map((k) => `${t(`consensus.kind.${k}`)}: ${counts[k]}`)
                .join(' · ')
            : t('consensus.noneShort')}
          {summary.missing.length > 0 &&
            ` · ${t('consensus.notYetCount', { count: summary.missing.length })}`}
        </span>
      </summary>
      <section aria-labelledby={headingId} className="consensus-body">
        {summary.groups.length === 0 ? (
          <p className="muted small">{t('consensus.none')}</p>
        ) : (
          summary.groups.map((g) => (
            <div key={g.orgType} className="consensus-group" data-testid="consensus-group">
              <h4>{t(`orgType.${g.orgType}`)}</h4>
              <ul>
                {g.positions.map((p) => (
                  <li key={p.key} data-testid="position" data-kind={p.kind}>
                    <span className="org clamp-2" title={p.organisation}>
                      {p.organisation}
                    </span>{' '}
                    <span className={`badge position-${p.kind}`}>
                      {t(`consensus.kind.${p.kind}`)}
                    </span>
                    {p.text && <q className="position-reason">{p.text}</q>}
                    {chair && (
                      <span className="muted small" data-testid="position-setter">
                        {' '}
                        {t('consensus.setBy', { name: p.name })}
                      </span>
                    )}
                  </li>
                ))}
                {g.missing.map((o) => (
                  <li key={`missing:${o.organisation}`} data-testid="position-missing">
                    <span className="org clamp-2" title={o.organisation}>
                      {o.organisation}
                    </span>{' '}
                    <span className="muted small">{t('consensus.notYet')}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
        {!open && positions.length > 0 && (
          <p className="note small">
            {t(rec.status === 'agreed' ? 'consensus.finalAgreed' : 'consensus.finalWithdrawn')}
          </p>
        )}
        {mayTake && <PositionForm rec={rec} mine={positionOf(positions, user)} />}
      </section>
    </details>
  );
}
