import { useTranslation } from 'react-i18next';

/** A form's primary submit button: disabled and saying "Working…" while the form is busy. */
export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="primary" disabled={busy}>
      {busy ? t('auth.working') : label}
    </button>
  );
}
