import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { OUTCOME_SCOPES, type Meeting, type Outcome, type OutcomeScope } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { ExportLinks } from './ExportLinks.js';
import { MeetingSubpage } from './MeetingSubpage.js';
import { AgreedPositions } from '../consensus/AgreedPositions.js';
import { RecommendationMeta, RecStatus } from './RecommendationMeta.js';
import { RichBlocks } from './RichBlocks.js';
import { useLoad } from './useLoad.js';

/**
 * Route `/meetings/:id/outcome`: the outcome document — recommendations
 * grouped by agenda item with status, proposer, endorsements and full text.
 * The print stylesheet (`@media print` in styles.css) hides the navigation
 * and buttons and breaks pages between items, for "Print → Save as PDF".
 * `?scope=agreed` shows (and exports) the agreed recommendations only.
 */
export function OutcomePage() {
  return (
    <MeetingSubpage title="outcome.title">
      {(meeting) => <OutcomeView meeting={meeting} />}
    </MeetingSubpage>
  );
}

function OutcomeView({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const fromUrl: OutcomeScope = params.get('scope') === 'agreed' ? 'agreed' : 'all';
  // The radio follows the click at once: the router applies the new URL in a
  // transition, and a controlled input showed the old choice until then.
  const [scope, setScope] = useState<OutcomeScope>(fromUrl);
  // The URL changed by other means (back, forward): the radio follows it.
  const [urlSeen, setUrlSeen] = useState(fromUrl);
  if (urlSeen !== fromUrl) {
    setUrlSeen(fromUrl);
    setScope(fromUrl);
  }
  const load = useCallback(
    () => api.outcome(meeting.id, lang, scope),
    [api, meeting.id, lang, scope],
  );
  const { data, error } = useLoad<Outcome>(load);
  if (data === null)
    return error !== null ? <ErrorText error={error} /> : <p role="status">{t('app.loading')}</p>;
  const count = data.sections.reduce((n, s) => n + s.recommendations.length, 0);
  return (
    <div className="outcome">
      <ErrorText error={error} />
      <div className="outcome-tools no-print">
        <fieldset className="segmented" data-testid="outcome-scope">
          <legend>{t('agreed.scope')}</legend>
          {OUTCOME_SCOPES.map((s) => (
            <label key={s}>
              <input
                type="radio"
                name="outcome-scope"
                value={s}
                checked={scope === s}
                onChange={() => {
                  setScope(s);
                  setParams(s === 'all' ? {} : { scope: s }, { replace: true });
                }}
              />
              {t(s === 'all' ? 'agreed.scopeAll' : 'agreed.scopeAgreed')}
            </label>
          ))}
        </fieldset>
        <ExportLinks meetingId={meeting.id} role={meeting.role} doc="outcome" scope={scope} />
        <button type="button" onClick={() => window.print()}>
          {t('outcome.print')}
        </button>
      </div>
      <article className="outcome-doc card" data-testid="outcome-doc">
        <p className="outcome-doc-title">{data.title || meeting.title}</p>
        <p className="muted">
          {t('outcome.summary', { count })} · {t(`meetingStatus.${data.status}`)}
        </p>
        {scope === 'agreed' && (
          <p className="note" data-testid="outcome-scope-note">
            {t('agreed.onlyNote')}
          </p>
        )}
        {count === 0 && <p>{t('outcome.empty')}</p>}
        {data.sections.map((section) => (
          <section
            key={section.item?.id ?? 'none'}
            className="outcome-section"
            aria-labelledby={`sec-${section.item?.id ?? 'none'}`}
          >
            <h2 id={`sec-${section.item?.id ?? 'none'}`}>
              {section.item?.title ?? t('outcome.noItem')}
            </h2>
            {section.recommendations.map((rec) => (
              <article key={rec.id} className="outcome-rec" data-testid="outcome-rec">
                <h3>
                  {rec.title} <RecStatus status={rec.status} />
                </h3>
                <RecommendationMeta {...rec} />
                <AgreedPositions positions={rec.agreedPositions} />
                <div className="rich-text">
                  {rec.blocks.length === 0 ? (
                    <p className="muted">{t('recs.emptyText')}</p>
                  ) : (
                    <RichBlocks blocks={rec.blocks} />
                  )}
                </div>
              </article>
            ))}
          </section>
        ))}
      </article>
    </div>
  );
}
