import { useTranslation } from 'react-i18next';
import { errorMessage } from './errorMessage.js';

/** An error shown as an alert (announced at once), or nothing. */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className="error">
      {errorMessage(t, error)}
    </p>
  );
}
