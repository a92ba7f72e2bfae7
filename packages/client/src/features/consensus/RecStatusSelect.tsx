import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECOMMENDATION_STATUSES,
  readPositions,
  type Recommendation,
  type RecommendationStatus,
} from '@kenes/shared';
import { ApiError } from '../../api/client.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';

/** The objecting organisations' names, read from the document now. */
function objectors(doc: Parameters<typeof readPositions>[0], recId: string): string[] {
  return readPositions(doc, recId)
    .filter((p) => p.kind === 'objects')
    .map((p) => p.organisation);
}

/**
 * The chair's status control of a recommendation. Agreeing a text while an
 * organisation objects asks first, naming the objectors; the server asks the
 * same (409 `confirmation_required`) when an objection arrived meanwhile, and
 * the question is then asked with the names as they are now.
 */
export function RecStatusSelect({ rec }: { rec: Recommendation }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const control = useCommand();
  const [asking, setAsking] = useState<string[] | null>(null);

  const send = async (status: RecommendationStatus, confirmObjections?: true) => {
    await control.send({
      type: 'rec.setStatus',
      recId: rec.id,
      status,
      ...(confirmObjections ? { confirmObjections } : {}),
    });
  };
  const choose = async (status: RecommendationStatus) => {
    control.clear();
    const names = status === 'agreed' ? objectors(doc, rec.id) : [];
    if (names.length > 0) {
      setAsking(names);
      return;
    }
    const ok = await control.send({ type: 'rec.setStatus', recId: rec.id, status });
    if (!ok && status === 'agreed') {
      // An objection may have come in between: ask with the names as they are now.
      const names = objectors(doc, rec.id);
      if (names.length > 0) {
        control.clear();
        setAsking(names);
      }
    }
  };
  const close = async (choice: 'agree' | null) => {
    setAsking(null);
    if (choice === 'agree') await send('agreed', true);
  };

  return (
    <>
      <label className="inline">
        <span className="visually-hidden">{t('recs.setStatus', { title: rec.title })}</span>
        <select
          value={rec.status}
          aria-disabled={control.pending}
          onChange={(e) => void choose(e.target.value as RecommendationStatus)}
        >
          {RECOMMENDATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`recs.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {!(control.error instanceof ApiError && control.error.code === 'confirmation_required') && (
        <ErrorText error={control.error} />
      )}
      {asking && (
        <ConfirmDialog
          title={t('consensus.confirmTitle', { title: rec.title })}
          choices={[{ value: 'agree', label: t('consensus.confirmAgree'), tone: 'danger' }]}
          cancelLabel={t('recs.cancel')}
          onClose={(c) => void close(c)}
        >
          <p data-testid="objecting-organisations">
            {t('consensus.confirmBody', { organisations: asking.join(', ') })}
          </p>
          <p>{t('consensus.confirmNote')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
