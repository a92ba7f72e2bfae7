import { describe, expect, it } from 'vitest';
import type { BudgetUsage } from '@kenes/shared';
import { createI18n } from '../../i18n/allLanguages.js';
import { budgetText } from './budgetText.js';

const usage = (remainingMs: number): BudgetUsage => ({
  budget: { scope: 'orgType', target: 'ngo', seconds: 600 },
  usedMs: 600_000 - remainingMs,
  remainingMs,
  exhausted: remainingMs <= 0,
  current: false,
});

describe('budgetText', () => {
  const t = createI18n('en').t;
  it('shows the time left, rounded up, of the total', () => {
    expect(budgetText(t, usage(600_000))).toBe('10:00 left of 10:00');
    expect(budgetText(t, usage(59_100))).toBe('1:00 left of 10:00');
  });
  it('says used up, and by how much it is over, as a warning (no one is cut off)', () => {
    expect(budgetText(t, usage(0))).toBe('Used up (10:00)');
    expect(budgetText(t, usage(-400))).toBe('Used up (10:00)');
    expect(budgetText(t, usage(-30_000))).toBe('Used up: 0:30 over 10:00');
  });
  it('in Russian and Kazakh too', () => {
    expect(budgetText(createI18n('ru').t, usage(-30_000))).toBe(
      'Исчерпан: превышение 0:30 сверх 10:00',
    );
    expect(budgetText(createI18n('kk').t, usage(90_000))).toBe('10:00 ішінен 1:30 қалды');
  });
});
