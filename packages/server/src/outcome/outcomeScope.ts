import type { OutcomeDocument, OutcomeScope } from '@kenes/shared';

/**
 * The outcome document limited to a scope: `all` as it is, `agreed` with only
 * the agreed recommendations (sections left empty are dropped). Pure; the
 * outcome page and the Markdown and Word exports use it alike.
 *
 * @example scopeOutcome(readOutcome(doc), 'agreed')
 */
export function scopeOutcome(outcome: OutcomeDocument, scope: OutcomeScope): OutcomeDocument {
  if (scope === 'all') return outcome;
  return {
    ...outcome,
    sections: outcome.sections
      .map((s) => ({
        ...s,
        recommendations: s.recommendations.filter((r) => r.status === 'agreed'),
      }))
      .filter((s) => s.recommendations.length > 0),
  };
}
