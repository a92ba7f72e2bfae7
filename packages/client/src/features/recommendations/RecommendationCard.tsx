import { memo, useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, readMeeting, type Recommendation } from '@kenes/shared';
import { RecommendationText } from '../../editor/RecommendationText.js';
import { colourFor } from '../../editor/colourFor.js';
import { CommentsPanel } from '../comments/CommentsPanel.js';
import { ConsensusPanel } from '../consensus/ConsensusPanel.js';
import { RecStatusSelect } from '../consensus/RecStatusSelect.js';
import { formatTime } from '../../i18n/format.js';
import { canRename } from '../meeting/permissions.js';
import { useRoom } from '../meeting/RoomContext.js';
import { endorsementOf } from './endorsement.js';
import { RemoveRecommendation } from './RemoveRecommendation.js';
import { useFragment } from './useFragment.js';
import { UnsentCopyPanel } from './UnsentCopyPanel.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';
import { suggesterLabel } from './suggesterLabel.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { useNearScreen } from '../../ui/useNearScreen.js';
import type { Person } from './usePeople.js';

/**
 * One recommendation: title (rename), status badge (a chair sets it),
 * proposer, endorsements with "endorse for <my organisation>", and its live
 * text. Memoised: the room's own state changes (connection, presence) do
 * not redraw every card.
 */
export const RecommendationCard = memo(function RecommendationCard({
  rec,
  person,
}: {
  rec: Recommendation;
  /** Who a suggester is, from the server's member records. */
  person: (userId: string) => Person | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { doc, perms, user, run, awareness, meetingId, clockOffset } = useRoom();
  const meeting = useDocValue(doc, readMeeting);
  const [suggestingOn, setSuggestingOn] = useState(false);
  // Suggestions only binds participants; the chair always edits directly (the guard agrees).
  const forced = perms.role === 'participant' && (meeting.suggestionsOnly || rec.suggestionsOnly);
  const describe = useCallback(
    (id: string, at: number | null) => ({
      label: suggesterLabel(t, i18n.language, person(id), at),
      colour: colourFor(id),
    }),
    [person, t, i18n.language],
  );
  // A new suggestion's time is the server's (the guard refuses one far from its clock).
  const serverNow = useCallback(() => Date.now() + clockOffset, [clockOffset]);
  const fragment = useFragment(doc, rec.id);
  // The guard refuses text edits once the meeting is closed: `perms` follows the document's
  // status, so the editor turns read-only the moment it says so, instead of taking keystrokes
  // the server will refuse. An agreed text is locked by the server too, for everyone.
  const agreed = rec.status === 'agreed';
  const writable = perms.editText && !agreed;
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(rec.title);
  // My organisation is the meeting's (the room's user carries it and its key); compared as the
  // server compares it.
  const mineEndorsed = endorsementOf(rec.endorsements, user) !== undefined;
  const chair = perms.role === 'chair';
  const mayDecide =
    !perms.closed &&
    !agreed &&
    (chair || (rec.proposerDecides && rec.proposerId === user.id && writable));
  const titleId = `rec-${rec.id}-title`;
  // Far from the screen a card shows its title and text only; the rest (panels, buttons) comes
  // when it is near, or in idle time: a meeting with hundreds of cards opens fast.
  const article = useRef<HTMLElement>(null);
  const [near] = useNearScreen(article);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run({ type: 'rec.rename', recId: rec.id, title: title.trim() });
    if (ok) setRenaming(false);
  };

  return (
    <article
      ref={article}
      className="rec"
      aria-labelledby={titleId}
      data-status={rec.status}
      data-testid="recommendation"
    >
      <header className="rec-head">
        {renaming ? (
          <form className="inline-form" onSubmit={(e) => void rename(e)}>
            <label className="grow">
              <span className="visually-hidden">{t('recs.renameLabel', { title: rec.title })}</span>
              <input
                required
                maxLength={200}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </label>
            <button type="submit" className="primary">
              {t('recs.save')}
            </button>
            <button type="button" onClick={() => setRenaming(false)}>
              {t('recs.cancel')}
            </button>
          </form>
        ) : (
          <h3 id={titleId} className="rec-title">
            {rec.title}
          </h3>
        )}
        <span className={`badge rec-${rec.status}`} data-testid="rec-status">
          {t(`recs.status.${rec.status}`)}
        </span>
      </header>
      <p className="muted small">
        {t('recs.proposedBy', { name: rec.proposerName, organisation: rec.proposerOrganisation })}
      </p>

      {fragment ? (
        <RecommendationText
          fragment={fragment}
          editable={writable}
          awareness={awareness}
          user={{
            id: user.id,
            name: user.name,
            organisation: user.organisation,
            orgType: user.orgType,
            role: perms.role,
            color: colourFor(user.id),
          }}
          label={
            writable
              ? t('recs.textLabel', { title: rec.title })
              : t('recs.readOnlyText', { title: rec.title })
          }
          suggesting={{
            on: suggestingOn,
            forced,
            onToggle: () => setSuggestingOn((v) => !v),
            describe,
            now: serverNow,
          }}
        />
      ) : (
        <p className="muted">{t('recs.emptyText')}</p>
      )}
      {agreed && (
        <p className="note small" data-testid="agreed-note">
          {rec.agreedAt === null
            ? t('recs.status.agreed')
            : t('agreed.lockedAt', { time: formatTime(i18n.language, rec.agreedAt) })}
        </p>
      )}
      {perms.closed && can(perms.role, 'text.edit') && (
        <p className="note small" data-testid="text-locked-note">
          {t('recs.lockedClosed')}
        </p>
      )}
      {near && (
        <>
          <UnsentCopyPanel
            userId={user.id}
            meetingId={meetingId}
            recId={rec.id}
            title={rec.title}
          />
          <SuggestionsPanel
            recId={rec.id}
            title={rec.title}
            person={person}
            mayDecide={mayDecide}
          />
          {chair && !perms.closed && (
            <div className="suggestion-settings">
              <label>
                <input
                  type="checkbox"
                  checked={rec.suggestionsOnly}
                  data-testid="rec-suggestions-only"
                  onChange={(e) =>
                    void run({
                      type: 'rec.suggestionSettings',
                      recId: rec.id,
                      suggestionsOnly: e.target.checked,
                    })
                  }
                />
                {t('suggest.recOnly')}
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={rec.proposerDecides}
                  onChange={(e) =>
                    void run({
                      type: 'rec.suggestionSettings',
                      recId: rec.id,
                      proposerDecides: e.target.checked,
                    })
                  }
                />
                {t('suggest.proposerDecides')}
              </label>
            </div>
          )}
          <CommentsPanel rec={rec} />

          <div className="endorsements">
            <span className="label">{t('recs.endorsedBy')}</span>
            {rec.endorsements.length === 0 ? (
              <span className="muted small">{t('recs.noEndorsements')}</span>
            ) : (
              <ul className="chips">
                {rec.endorsements.map((e) => (
                  <li
                    key={`${e.organisation}:${e.userId}`}
                    className="chip"
                    data-testid="endorsement"
                    // The chair sees who endorsed for each organisation.
                    title={
                      chair ? t('recs.endorsedByPerson', { name: e.name ?? e.userId }) : undefined
                    }
                  >
                    {e.organisation}
                    {chair && (
                      <span className="muted small" data-testid="endorser">
                        {' · '}
                        {e.name ?? e.userId}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>

          <ConsensusPanel rec={rec} />

          {!perms.readOnly && (
            <div className="row-actions">
              {perms.endorse &&
                (mineEndorsed ? (
                  <button
                    type="button"
                    onClick={() => void run({ type: 'rec.unendorse', recId: rec.id })}
                  >
                    <span className="clamp-2" title={user.organisation}>
                      {t('recs.unendorse', { organisation: user.organisation })}
                    </span>
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void run({ type: 'rec.endorse', recId: rec.id })}
                  >
                    <span className="clamp-2" title={user.organisation}>
                      {t('recs.endorse', { organisation: user.organisation })}
                    </span>
                  </button>
                ))}
              {canRename(perms, user.id, rec) && !renaming && (
                <button
                  type="button"
                  onClick={() => {
                    setTitle(rec.title);
                    setRenaming(true);
                  }}
                >
                  {t('recs.rename')}
                </button>
              )}
              {perms.setRecommendationStatus && <RecStatusSelect rec={rec} />}
              {perms.removeRecommendation && <RemoveRecommendation rec={rec} />}
            </div>
          )}
        </>
      )}
    </article>
  );
});
