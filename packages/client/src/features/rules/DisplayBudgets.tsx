import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { budgetText } from './budgetText.js';
import { useBudgetName, useBudgetUsage, useBudgetsRunning } from './useBudgetUsage.js';
import './rules.css';

/**
 * The time budgets on the hall's display: each one's time left, live, the
 * one covering the speaker marked. Not a live region (it ticks, like the
 * timer). Nothing shows when the meeting has no budgets.
 */
export function DisplayBudgets({ doc, clockOffset }: { doc: Y.Doc; clockOffset: number }) {
  const running = useBudgetsRunning(doc);
  return (
    <DisplayBudgetsNow
      key={String(running)}
      doc={doc}
      clockOffset={clockOffset}
      running={running}
    />
  );
}

function DisplayBudgetsNow({
  doc,
  clockOffset,
  running,
}: {
  doc: Y.Doc;
  clockOffset: number;
  running: boolean;
}) {
  const { t } = useTranslation();
  const usage = useBudgetUsage(doc, clockOffset, running);
  const name = useBudgetName();
  if (usage.length === 0) return null;
  return (
    <section aria-labelledby="display-budgets" className="display-budgets">
      <h2 id="display-budgets" className="label">
        {t('rules.budgetsTitle')}
      </h2>
      <ul data-testid="display-budgets">
        {usage.map((u, i) => (
          <li key={i} data-exhausted={u.exhausted} data-current={u.current}>
            <span className="budget-name">{name(u.budget)}</span>{' '}
            <span className="budget-time" data-testid="display-budget-time">
              {u.exhausted && <span aria-hidden="true">⚠ </span>}
              {budgetText(t, u)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
