import { useTranslation } from 'react-i18next';
import { useRoom } from '../meeting/RoomContext.js';
import { budgetText } from './budgetText.js';
import { useBudgetName, useBudgetUsage, useBudgetsRunning } from './useBudgetUsage.js';
import './rules.css';

/**
 * The time budgets in the chair's queue panel: each one's time left, live,
 * the one covering the speaker marked, and a used-up budget as a warning
 * (word and colour) — a warning only: nobody is cut off automatically.
 * Nothing shows when the meeting has no budgets.
 */
export function BudgetList() {
  const { doc } = useRoom();
  const running = useBudgetsRunning(doc);
  return <BudgetListNow key={String(running)} running={running} />;
}

function BudgetListNow({ running }: { running: boolean }) {
  const { t } = useTranslation();
  const { doc, clockOffset } = useRoom();
  const usage = useBudgetUsage(doc, clockOffset, running);
  const name = useBudgetName();
  if (usage.length === 0) return null;
  return (
    <section className="budgets" aria-labelledby="budgets-title" data-testid="budgets">
      <h3 id="budgets-title" className="label">
        {t('rules.budgetsTitle')}
      </h3>
      <ul className="budget-list">
        {usage.map((u, i) => (
          <li
            key={i}
            className="budget"
            data-testid="budget"
            data-exhausted={u.exhausted}
            data-current={u.current}
          >
            <span className="budget-name">
              {name(u.budget)}
              {u.current && <span className="badge">{t('rules.budgetSpeakingNow')}</span>}
            </span>
            <span className="budget-time" data-testid="budget-time">
              {u.exhausted && <span aria-hidden="true">⚠ </span>}
              {budgetText(t, u)}
            </span>
            <span className="budget-bar" aria-hidden="true">
              <span
                style={{
                  width: `${Math.min(100, (u.usedMs / (u.budget.seconds * 1000)) * 100)}%`,
                }}
              />
            </span>
          </li>
        ))}
      </ul>
      <p className="hint small">{t('rules.budgetNoCut')}</p>
    </section>
  );
}
