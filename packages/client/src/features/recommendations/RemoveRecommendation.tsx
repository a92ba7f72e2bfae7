import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recommendation } from '@kenes/shared';
import { useAnnounce } from '../../ui/Announcer.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';
import { fragmentWords } from './fragmentWords.js';
import { useFragment } from './useFragment.js';

/**
 * The chair's Delete on a recommendation: asks first, naming what goes (the
 * title, how much text, who endorsed it) and that it can be restored; the
 * server keeps it with its text in the room's "removed" list.
 */
export function RemoveRecommendation({ rec }: { rec: Recommendation }) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const announce = useAnnounce();
  const fragment = useFragment(doc, rec.id);
  const control = useCommand();
  const [asking, setAsking] = useState(false);
  const close = async (choice: 'remove' | null) => {
    setAsking(false);
    if (choice === null) return;
    const ok = await control.send({ type: 'rec.remove', recId: rec.id });
    if (ok) announce(t('recs.removed', { title: rec.title }));
  };
  return (
    <>
      <button
        type="button"
        className="danger"
        aria-label={t('recs.removeLabel', { title: rec.title })}
        aria-disabled={control.pending}
        onClick={() => {
          control.clear();
          setAsking(true);
        }}
      >
        {t('recs.remove')}
      </button>
      <ErrorText error={control.error} />
      {asking && (
        <ConfirmDialog
          title={t('recs.confirmRemoveTitle', { title: rec.title })}
          choices={[{ value: 'remove', label: t('recs.removeConfirm'), tone: 'danger' }]}
          cancelLabel={t('recs.cancel')}
          onClose={(c) => void close(c)}
        >
          <p>{t('recs.confirmRemoveBody', { words: fragmentWords(fragment) })}</p>
          {rec.endorsements.length > 0 && (
            <p>
              {t('recs.confirmRemoveEndorsed', {
                organisations: rec.endorsements.map((e) => e.organisation).join(', '),
              })}
            </p>
          )}
          <p>{t('recs.confirmRemoveUndo')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
