import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_POSITION_TEXT,
  POSITION_KINDS,
  positionNeedsText,
  type Position,
  type PositionKind,
  type Recommendation,
} from '@kenes/shared';
import { useAnnounce } from '../../ui/Announcer.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';

/**
 * My organisation's position on a recommendation: four choices, a reason for
 * a reservation or objection, record and withdraw. Another member of my
 * organisation may change it meanwhile: the form follows the document unless
 * I am editing it.
 */
export function PositionForm({ rec, mine }: { rec: Recommendation; mine: Position | undefined }) {
  const { t } = useTranslation();
  const { user } = useRoom();
  const announce = useAnnounce();
  const control = useCommand();
  // What I am editing; null: the form shows the recorded position, following it live
  // when a colleague changes it.
  const [draft, setDraft] = useState<{ kind: PositionKind | null; text: string } | null>(null);
  const kind = draft ? draft.kind : (mine?.kind ?? null);
  const text = draft ? draft.text : (mine?.text ?? '');
  const textId = useId();

  const needsText = kind !== null && positionNeedsText(kind);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (kind === null) return;
    const ok = await control.send(
      needsText
        ? { type: 'position.set', recId: rec.id, kind, text: text.trim() }
        : { type: 'position.set', recId: rec.id, kind },
    );
    if (ok) {
      setDraft(null);
      announce(t('consensus.recorded', { organisation: user.organisation }));
    }
  };
  const withdraw = async () => {
    const ok = await control.send({ type: 'position.clear', recId: rec.id });
    if (ok) {
      setDraft(null);
      announce(t('consensus.withdrawn', { organisation: user.organisation }));
    }
  };

  return (
    <form className="position-form" onSubmit={(e) => void submit(e)} data-testid="position-form">
      <fieldset>
        <legend>
          <span className="clamp-2" title={user.organisation}>
            {t('consensus.yourPosition', { organisation: user.organisation })}
          </span>
        </legend>
        <div className="position-choices">
          {POSITION_KINDS.map((k) => (
            <label key={k} className="inline">
              <input
                type="radio"
                name={`position-${rec.id}`}
                value={k}
                checked={kind === k}
                onChange={() => setDraft({ kind: k, text })}
              />
              {t(`consensus.kind.${k}`)}
            </label>
          ))}
        </div>
        {needsText && (
          <label htmlFor={textId} className="position-text">
            <span>
              {t(kind === 'objects' ? 'consensus.objectionText' : 'consensus.reservationText')}
            </span>
            <textarea
              id={textId}
              required
              maxLength={MAX_POSITION_TEXT}
              rows={2}
              value={text}
              onChange={(e) => setDraft({ kind, text: e.target.value })}
            />
          </label>
        )}
        <div className="row-actions">
          <button
            type="submit"
            className="primary"
            aria-disabled={control.pending || kind === null}
            disabled={kind === null}
          >
            {t('consensus.record')}
          </button>
          {mine && (
            <button type="button" aria-disabled={control.pending} onClick={() => void withdraw()}>
              {t('consensus.withdraw')}
            </button>
          )}
        </div>
        <ErrorText error={control.error} />
      </fieldset>
    </form>
  );
}
