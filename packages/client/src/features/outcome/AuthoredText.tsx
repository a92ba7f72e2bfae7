import { useTranslation } from 'react-i18next';
import type { RecommendationAuthorship } from '@kenes/shared';
import { markRuns, UNKNOWN_COLOUR, type LegendEntry } from './authorshipColours.js';

/**
 * A recommendation's text coloured by organisation. Each run carries its
 * colour, a `title` (organisation and author, on hover) and — where the
 * organisation changes — a visually hidden "Organisation:" label, so a
 * screen reader hears who wrote what without the colour.
 */
export function AuthoredText({
  rec,
  legend,
}: {
  rec: RecommendationAuthorship;
  legend: ReadonlyMap<string, LegendEntry>;
}) {
  const { t } = useTranslation();
  if (rec.blocks.length === 0) return <p className="muted">{t('recs.emptyText')}</p>;
  const marked = markRuns(rec.blocks);
  return (
    <div className="authored" data-testid="authored-text">
      {rec.blocks.map((block, bi) => {
        const Tag = block.type === 'heading' ? 'h4' : 'p';
        return (
          <Tag
            key={bi}
            className={`authored-block authored-${block.type}`}
            style={block.depth > 0 ? { marginLeft: `${block.depth * 1.5}rem` } : undefined}
          >
            {block.depth > 0 && <span aria-hidden="true">• </span>}
            {(marked[bi] ?? []).map((run, ri) => {
              const colour = legend.get(run.key) ?? UNKNOWN_COLOUR;
              const who = run.organisation ?? t('authorship.unknown');
              return (
                <span
                  key={ri}
                  className="run"
                  data-org={who}
                  title={run.name ? `${who} — ${run.name}` : who}
                  style={{ backgroundColor: colour.tint, borderBottomColor: colour.line }}
                >
                  {run.labelled && (
                    <span className="visually-hidden">
                      {t('authorship.runBy', { organisation: who })}{' '}
                    </span>
                  )}
                  {run.text}
                </span>
              );
            })}
          </Tag>
        );
      })}
    </div>
  );
}
