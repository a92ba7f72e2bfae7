import type { Language, OutcomeDocument, OutcomeScope } from '@kenes/shared';

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

/** What an "agreed only" export says under its title, so a reader knows the drafts were left out. */
const AGREED_ONLY_NOTE: Readonly<Record<Language, string>> = {
  en: 'Agreed recommendations only.',
  ru: 'Только согласованные рекомендации.',
  kk: 'Тек келісілген ұсынымдар.',
};

/** The note an export of `scope` prints under its title, or null for every recommendation. */
export function scopeNote(scope: OutcomeScope | undefined, lang: Language): string | null {
  return scope === 'agreed' ? AGREED_ONLY_NOTE[lang] : null;
}
