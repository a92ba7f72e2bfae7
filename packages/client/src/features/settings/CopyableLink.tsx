import { useTranslation } from 'react-i18next';

/**
 * Copies `text` to the clipboard; false when the browser refuses (an insecure
 * origin): the text is still selectable in its field.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A link to hand on: its read-only field (selected on focus), a Copy button, and "Copied". */
export function CopyableLink({
  label,
  url,
  testId,
  copied,
  onCopy,
}: {
  label: string;
  url: string;
  testId: string;
  copied: boolean;
  onCopy: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {label}
        <input readOnly value={url} onFocus={(e) => e.target.select()} data-testid={testId} />
      </label>
      <button type="button" onClick={onCopy}>
        {t('settings.copy')}
      </button>
      {copied && <span role="status">{t('settings.copied')}</span>}
    </>
  );
}
