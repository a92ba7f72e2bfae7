import { useTranslation } from 'react-i18next';
import type { SuggestingMode } from './editorProps.js';

/**
 * The suggesting-mode toggle above a text (issue 18), the same whether the
 * live editor is made yet or not.
 */
export function SuggestingToolbar({ suggesting }: { suggesting: SuggestingMode }) {
  const { t } = useTranslation();
  const on = suggesting.on || suggesting.forced;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('suggest.toolbar')}>
      <button
        type="button"
        aria-pressed={on}
        disabled={suggesting.forced}
        onClick={suggesting.onToggle}
        data-testid="suggesting-toggle"
      >
        {t('suggest.toggle')}
      </button>
      {suggesting.forced && (
        <span className="muted small" data-testid="suggestions-only-note">
          {t('suggest.forced')}
        </span>
      )}
    </div>
  );
}
