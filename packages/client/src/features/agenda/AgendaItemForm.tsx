import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The fields of an agenda item a chair edits. */
export interface AgendaDraft {
  title: string;
  plannedMinutes: number;
  description: string;
}

/** Props of {@link AgendaItemForm}. */
export interface AgendaItemFormProps {
  initial?: AgendaDraft;
  /** Accessible name of the form, e.g. "New agenda item". */
  label: string;
  submitLabel: string;
  onSubmit(draft: AgendaDraft): Promise<boolean>;
  onCancel?: () => void;
}

/** Add or edit an agenda item: title, planned minutes, description. */
export function AgendaItemForm({
  initial,
  label,
  submitLabel,
  onSubmit,
  onCancel,
}: AgendaItemFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [minutes, setMinutes] = useState(String(initial?.plannedMinutes ?? 15));
  const [description, setDescription] = useState(initial?.description ?? '');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await onSubmit({
      title: title.trim(),
      plannedMinutes: Math.max(0, Math.round(Number(minutes) || 0)),
      description,
    });
    setBusy(false);
    if (ok && !initial) {
      setTitle('');
      setDescription('');
    }
  };

  return (
    <form className="agenda-form" aria-label={label} onSubmit={(e) => void submit(e)}>
      <label className="grow">
        {t('agenda.itemTitle')}
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="narrow-field">
        {t('agenda.plannedMinutes')}
        <input
          type="number"
          min={0}
          max={1440}
          step={1}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </label>
      <label className="full">
        {t('agenda.description')}
        <textarea
          rows={2}
          maxLength={4000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <div className="actions full">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('agenda.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
