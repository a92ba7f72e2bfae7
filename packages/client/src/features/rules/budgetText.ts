import type { TFunction } from 'i18next';
import type { BudgetUsage } from '@kenes/shared';
import { clockText } from './duration.js';

/** What a budget shows: the time left of its total, or — used up — by how much it is over. */
export function budgetText(t: TFunction, u: BudgetUsage): string {
  const total = clockText(u.budget.seconds * 1000);
  if (!u.exhausted)
    return t('rules.budgetLeft', {
      time: clockText(Math.ceil(u.remainingMs / 1000) * 1000),
      total,
    });
  // Less than a second over reads "used up", not "0:00 over".
  if (u.remainingMs > -1000) return t('rules.budgetEmpty', { total });
  return t('rules.budgetOver', { time: clockText(-u.remainingMs), total });
}
