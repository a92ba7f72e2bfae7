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
import { useOrganisationKey } from '../../ui/useOrganisationKey.js';

/**
 * True while a speaker's clock runs in a meeting with budgets: the budgets
 * then change every second. Components showing budgets key their ticking
 * part on it, so the clock starts afresh (not from when they mounted) when
 * a turn begins.
 */
export function useBudgetsRunning(doc: Y.Doc): boolean {
  const { budgets } = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  return (
    budgets.length > 0 && queue.some((e) => e.status === 'speaking' && e.runningSince !== null)
  );
}

/**
 * The meeting's time budgets and their use now, live: re-computed every
 * second while `running` (see {@link useBudgetsRunning}), and on every
 * document change. Server time via `clockOffset`.
 */
export function useBudgetUsage(doc: Y.Doc, clockOffset: number, running: boolean): BudgetUsage[] {
  const { budgets } = useDocValue(doc, readMeeting);
  const queue = useDocValue(doc, readQueue);
  const now = useNow(running, 1000);
  const keyOf = useOrganisationKey(budgets.some((b) => b.scope !== 'orgType'));
  return budgetUsage(budgets, queue, now + clockOffset, keyOf);
}

/** A budget's name as people read it: the type's translated name, or the organisation's. */
export function useBudgetName(): (budget: TimeBudget) => string {
  const { t } = useTranslation();
  return (budget) => (budget.scope === 'orgType' ? t(`orgType.${budget.target}`) : budget.target);
}
