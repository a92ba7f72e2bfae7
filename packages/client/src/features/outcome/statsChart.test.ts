import { describe, expect, it } from 'vitest';
import type { SpeakingStats } from '@kenes/shared';
import {
  barWidth,
  CHART,
  chartHeight,
  fitLabel,
  genderChart,
  LABEL_MAX_CHARS,
  toChart,
} from './statsChart.js';

const stats: SpeakingStats = {
  at: 1000,
  live: false,
  total: { durationMs: 300_000, interventions: 4, speakers: 3 },
  byOrgType: [
    { orgType: 'ngo', durationMs: 60_000, interventions: 1, share: 0.2 },
    { orgType: 'government', durationMs: 180_000, interventions: 2, share: 0.6 },
    { orgType: 'nhri', durationMs: 60_000, interventions: 1, share: 0.2 },
  ],
  byOrganisation: [],
  byGender: null,
  genderHidden: 'too_few_declared',
};

describe('toChart', () => {
  it('labels, sorts longest first (ties by turns, then label) and scales to the longest', () => {
    const chart = toChart(
      stats.byOrgType,
      (b) => b.orgType,
      (b) => b.orgType.toUpperCase(),
    );
    expect(chart.maxMs).toBe(180_000);
    expect(chart.rows.map((r) => [r.key, r.label, r.scale, r.share, r.interventions])).toEqual([
      ['government', 'GOVERNMENT', 1, 0.6, 2],
      ['ngo', 'NGO', 1 / 3, 0.2, 1],
      ['nhri', 'NHRI', 1 / 3, 0.2, 1],
    ]);
  });

  it('keeps the server order when asked (fixed organisation-type order)', () => {
    const chart = toChart(
      stats.byOrgType,
      (b) => b.orgType,
      (b) => b.orgType,
      { keepOrder: true },
    );
    expect(chart.rows.map((r) => r.key)).toEqual(['ngo', 'government', 'nhri']);
    expect(chart.rows[1]!.scale).toBe(1);
  });

  it('an empty or all-zero breakdown scales to zero, not NaN', () => {
    expect(
      toChart(
        [],
        () => 'x',
        () => 'x',
      ),
    ).toEqual({ rows: [], maxMs: 0 });
    const zero = toChart(
      [{ durationMs: 0, interventions: 1, share: 0 }],
      () => 'a',
      () => 'A',
    );
    expect(zero.rows[0]!.scale).toBe(0);
  });
});

describe('genderChart', () => {
  const labels = { group: (g: string) => `«${g}»`, undeclared: 'n/a' };
  it('is null when the server hid the breakdown', () => {
    expect(genderChart(stats, labels)).toBeNull();
  });
  it('lists declared groups and adds "not declared" last, only when someone spoke undeclared', () => {
    const withGender: SpeakingStats = {
      ...stats,
      genderHidden: null,
      byGender: {
        declaredSpeakers: 3,
        groups: [
          { gender: 'female', durationMs: 120_000, interventions: 2, share: 0.4 },
          { gender: 'male', durationMs: 90_000, interventions: 1, share: 0.3 },
        ],
        undeclared: { durationMs: 90_000, interventions: 1, share: 0.3 },
      },
    };
    expect(genderChart(withGender, labels)!.rows.map((r) => [r.key, r.label])).toEqual([
      ['g:female', '«female»'],
      ['g:male', '«male»'],
      ['undeclared', 'n/a'],
    ]);
    const none = {
      ...withGender,
      byGender: {
        ...withGender.byGender!,
        undeclared: { durationMs: 0, interventions: 0, share: 0 },
      },
    };
    expect(genderChart(none, labels)!.rows.map((r) => r.key)).toEqual(['g:female', 'g:male']);
  });
});

describe('chart geometry', () => {
  it('bars fit the width left of the value text; any time shows a sliver', () => {
    expect(barWidth(1)).toBe(CHART.width - CHART.valueRoom);
    expect(barWidth(0)).toBe(0);
    expect(barWidth(0.0001)).toBe(2);
    expect(chartHeight(3)).toBe(3 * (CHART.labelHeight + CHART.barHeight + CHART.rowGap));
  });
});

describe('fitLabel', () => {
  it('cuts a label longer than the chart with an ellipsis, leaves short ones alone', () => {
    expect(fitLabel('NGO')).toBe('NGO');
    const long = 'National Centre for Human Rights of the Republic of Kazakhstan and '.repeat(3);
    const cut = fitLabel(long);
    expect([...cut]).toHaveLength(LABEL_MAX_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
