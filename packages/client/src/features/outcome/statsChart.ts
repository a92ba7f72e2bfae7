import type { SpeakingStats, StatsBucket } from '@kenes/shared';

/** One bar of a chart and one row of the table beside it. */
export interface ChartRow {
  key: string;
  label: string;
  durationMs: number;
  interventions: number;
  /** Share of the total speaking time, 0..1, as the server computed it. */
  share: number;
  /** Bar length relative to the longest bar of the chart, 0..1. */
  scale: number;
}

/** A chart of one breakdown: its rows, longest first. */
export interface ChartData {
  rows: ChartRow[];
  /** The longest duration (the 100 % bar), ms. */
  maxMs: number;
}

/**
 * Maps server buckets to chart rows: labelled, each scaled against the
 * longest so the chart uses its whole width, and sorted by time (then turns,
 * then label, so equal figures keep a stable order) — unless `keepOrder`,
 * for a breakdown the server gives in a fixed order (organisation types,
 * zeros included) so that bars do not jump about while the figures refresh.
 *
 * @example toChart(stats.byOrgType, (b) => b.orgType, (b) => t(`orgType.${b.orgType}`), { keepOrder: true })
 */
export function toChart<B extends StatsBucket>(
  buckets: readonly B[],
  keyOf: (b: B) => string,
  labelOf: (b: B) => string,
  { keepOrder = false }: { keepOrder?: boolean } = {},
): ChartData {
  const maxMs = buckets.reduce((m, b) => Math.max(m, b.durationMs), 0);
  const rows = buckets.map((b) => ({
    key: keyOf(b),
    label: labelOf(b),
    durationMs: b.durationMs,
    interventions: b.interventions,
    share: b.share,
    scale: maxMs > 0 ? b.durationMs / maxMs : 0,
  }));
  if (!keepOrder)
    rows.sort(
      (a, b) =>
        b.durationMs - a.durationMs ||
        b.interventions - a.interventions ||
        a.label.localeCompare(b.label),
    );
  return { rows, maxMs };
}

/** Labels the page supplies for the gender breakdown. */
export interface GenderLabels {
  /** The label of a declared gender value (as the person wrote it). */
  group(gender: string): string;
  undeclared: string;
}

/**
 * The gender breakdown as chart data: the declared groups, longest first,
 * then one "not declared" row last (when anyone spoke without declaring),
 * all scaled together; or null when the server hid the breakdown (fewer
 * than three declared).
 */
export function genderChart(stats: SpeakingStats, labels: GenderLabels): ChartData | null {
  const g = stats.byGender;
  if (g === null) return null;
  const all: Array<StatsBucket & { gender: string | null }> = [...g.groups];
  if (g.undeclared.interventions > 0) all.push({ ...g.undeclared, gender: null });
  const chart = toChart(
    all,
    (b) => (b.gender === null ? 'undeclared' : `g:${b.gender}`),
    (b) => (b.gender === null ? labels.undeclared : labels.group(b.gender)),
  );
  const last = chart.rows.findIndex((r) => r.key === 'undeclared');
  if (last >= 0) chart.rows.push(...chart.rows.splice(last, 1));
  return chart;
}

/** Geometry of a horizontal bar chart, in SVG user units. */
export const CHART = {
  width: 560,
  labelHeight: 20,
  barHeight: 16,
  rowGap: 14,
  valueRoom: 140,
} as const;

/**
 * Characters of a bar label that fit the chart's width (15 px bold text in
 * a 560-unit-wide chart: ~0.62 em a character, generous for capitals).
 */
export const LABEL_MAX_CHARS = Math.floor(CHART.width / (15 * 0.62));

/**
 * A bar label cut to fit the chart, with an ellipsis: SVG text does not
 * wrap, and a 200-character organisation ran over the table beside it. The
 * chart keeps the full label in a `<title>` and its description.
 * @example fitLabel('a'.repeat(100)) // 59 × 'a' + '…'
 */
export function fitLabel(label: string, max = LABEL_MAX_CHARS): string {
  const chars = [...label];
  return chars.length <= max
    ? label
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** The height of a chart with `rows` bars. */
export function chartHeight(rows: number): number {
  return Math.max(1, rows) * (CHART.labelHeight + CHART.barHeight + CHART.rowGap);
}

/** A bar's length: at least a sliver for any non-zero time, so it stays visible. */
export function barWidth(scale: number): number {
  const full = CHART.width - CHART.valueRoom;
  return scale <= 0 ? 0 : Math.max(2, Math.round(full * scale));
}
