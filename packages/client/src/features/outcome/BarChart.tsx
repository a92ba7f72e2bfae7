import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../i18n/format.js';
import { barWidth, CHART, chartHeight, fitLabel, type ChartData } from './statsChart.js';

/**
 * A hand-written horizontal SVG bar chart of speaking time. It is an image
 * (`role="img"` with a title and a description that states every figure);
 * the table beside it ({@link StatsTable}) carries the same data for
 * screen readers and for anyone who wants exact numbers.
 */
export function BarChart({ data, title }: { data: ChartData; title: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const rowH = CHART.labelHeight + CHART.barHeight + CHART.rowGap;
  const desc = data.rows.map((r) => `${r.label}: ${formatDuration(lang, r.durationMs)}`).join('; ');
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${CHART.width} ${chartHeight(data.rows.length)}`}
      preserveAspectRatio="xMinYMin meet"
      data-testid="bar-chart"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc || t('stats.noData')}</desc>
      {data.rows.map((r, i) => {
        const y = i * rowH;
        const w = barWidth(r.scale);
        return (
          <g key={r.key} transform={`translate(0 ${y})`}>
            <text x={0} y={CHART.labelHeight - 4} className="bar-label">
              {/* A cut label shows the full one on hover. */}
              {fitLabel(r.label) !== r.label && <title>{r.label}</title>}
              {fitLabel(r.label)}
            </text>
            <rect
              x={0}
              y={CHART.labelHeight}
              width={w}
              height={CHART.barHeight}
              rx={3}
              className="bar"
            />
            <text x={w + 8} y={CHART.labelHeight + CHART.barHeight - 3} className="bar-value">
              {formatDuration(lang, r.durationMs)} · {Math.round(r.share * 100)}%
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The figures of a chart as a table: group, time, turns, share. */
export function StatsTable({ data, caption }: { data: ChartData; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <table className="table stats-table" data-testid="stats-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stats.colGroup')}</th>
          <th scope="col">{t('stats.colTime')}</th>
          <th scope="col">{t('stats.colInterventions')}</th>
          <th scope="col">{t('stats.colShare')}</th>
        </tr>
      </thead>
      <tbody>
        {data.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="wrap-anywhere">
              {r.label}
            </th>
            <td>{formatDuration(lang, r.durationMs)}</td>
            <td>{r.interventions}</td>
            <td>{pct.format(r.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
