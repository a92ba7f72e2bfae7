import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import {
  budgetUsage,
  readMeeting,
  readQueue,
  type BudgetUsage,
  type TimeBudget,
} from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { useNow } from '../../ui/useNow.js';

/**
 * The meeting's time budgets and their use now, live: re-computed every
 * second while a speaker's clock runs (a budget covering the speaker runs
 * down with it), and on every document change. Server time via `clockOffset`.
 */
export function useBudgetUsage(doc: Y.Doc, clockOffset: number): BudgetUsage[] {
  const { budgets } = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  const running =
    budgets.length > 0 && queue.some((e) => e.status === 'speaking' && e.runningSince !== null);
  const now = useNow(running, 1000);
  return budgetUsage(budgets, queue, now + clockOffset);
}

/** A budget's name as people read it: the type's translated name, or the organisation's. */
export function useBudgetName(): (budget: TimeBudget) => string {
  const { t } = useTranslation();
  return (budget) => (budget.scope === 'orgType' ? t(`orgType.${budget.target}`) : budget.target);
}
