import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  listSuggestions,
  recommendationText,
  type CommandOf,
  type PendingSuggestion,
} from '@kenes/shared';
import type * as Y from 'yjs';
import { useDocValue } from '../../sync/useDocValue.js';
import { colourFor } from '../../editor/colourFor.js';
import { useOrganisationKey } from '../../ui/useOrganisationKey.js';
import { useRoom } from '../meeting/RoomContext.js';
import type { Person } from './usePeople.js';
import { suggesterLabel } from './suggesterLabel.js';

/** Props of {@link SuggestionsPanel}. */
export interface SuggestionsPanelProps {
  recId: string;
  title: string;
  /** Who a suggester is (server records). */
  person(userId: string): Person | undefined;
  /** The chair, or the proposer where the chair allows it. */
  mayDecide: boolean;
}

/**
 * The pending suggestions of one text, by organisation: what each proposes
 * (insert or delete which words) and who; for those who decide, accept and
 * reject — one suggestion, one organisation's, or all. Read from the
 * document, so every screen shows the same list the moment it changes.
 */
export function SuggestionsPanel({ recId, title, person, mayDecide }: SuggestionsPanelProps) {
  const { t, i18n } = useTranslation();
  const { doc, run } = useRoom();
  const read = useCallback(
    (d: Y.Doc) => {
      const f = recommendationText(d, recId);
      return f ? listSuggestions(f) : NONE;
    },
    [recId],
  );
  const suggestions = useDocValue(doc, read);
  const [busy, setBusy] = useState(false);
  // Grouped by organisation as the server keys them (the table loads once there is a suggestion).
  const keyOf = useOrganisationKey(suggestions.length > 0);
  if (suggestions.length === 0) return null;

  const decide = async (
    fields: { suggestionId?: string; organisation?: string },
    decision: 'accept' | 'reject',
  ) => {
    if (busy) return;
    setBusy(true);
    try {
      const command: CommandOf<'suggestion.decide'> = {
        type: 'suggestion.decide',
        recId,
        decision,
        ...fields,
      };
      await run(command);
    } finally {
      setBusy(false);
    }
  };
  const orgOf = (s: PendingSuggestion) => person(s.by)?.organisation ?? t('suggest.unknownOrg');
  const groups = new Map<string, { organisation: string; list: PendingSuggestion[] }>();
  for (const s of suggestions) {
    const organisation = orgOf(s);
    const key = keyOf(organisation);
    const g = groups.get(key) ?? { organisation, list: [] };
    g.list.push(s);
    groups.set(key, g);
  }

  return (
    <section
      className="suggestions"
      aria-label={t('suggest.panel', { title })}
      data-testid="suggestions"
    >
      <div className="suggestions-head">
        <h4>{t('suggest.pending', { count: suggestions.length })}</h4>
        {mayDecide && (
          <span className="actions">
            <button type="button" disabled={busy} onClick={() => void decide({}, 'accept')}>
              {t('suggest.acceptAll')}
            </button>
            <button type="button" disabled={busy} onClick={() => void decide({}, 'reject')}>
              {t('suggest.rejectAll')}
            </button>
          </span>
        )}
      </div>
      {[...groups.values()].map(({ organisation, list }) => (
        <div key={organisation} className="suggestion-group" data-testid="suggestion-group">
          <div className="suggestions-head">
            <h5>{organisation}</h5>
            {mayDecide && groups.size > 1 && (
              <span className="actions">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void decide({ organisation }, 'accept')}
                >
                  {t('suggest.acceptOrg', { organisation })}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void decide({ organisation }, 'reject')}
                >
                  {t('suggest.rejectOrg', { organisation })}
                </button>
              </span>
            )}
          </div>
          <ul className="suggestion-list">
            {list.map((s) => {
              const who = person(s.by);
              const what = s.kind === 'insertion' ? t('suggest.insert') : t('suggest.delete');
              return (
                <li
                  key={`${s.kind} ${s.id}`}
                  className="suggestion"
                  data-testid="suggestion"
                  data-kind={s.kind}
                  style={{ borderColor: colourFor(s.by) }}
                >
                  <span>
                    {what}{' '}
                    {s.kind === 'insertion' ? (
                      <ins className="suggestion-text">{s.text}</ins>
                    ) : (
                      <del className="suggestion-text">{s.text}</del>
                    )}
                  </span>
                  <span className="muted small" data-testid="suggestion-by">
                    {suggesterLabel(t, i18n.language, who, s.at)}
                  </span>
                  {mayDecide && (
                    <span className="actions">
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void decide({ suggestionId: s.id }, 'accept')}
                        aria-label={t('suggest.acceptOne', { what, text: s.text })}
                      >
                        {t('suggest.accept')}
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void decide({ suggestionId: s.id }, 'reject')}
                        aria-label={t('suggest.rejectOne', { what, text: s.text })}
                      >
                        {t('suggest.reject')}
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

const NONE: PendingSuggestion[] = [];
