// Percentiles and formatting for bench results.

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** p50, p99, max and count of a sample, in its unit. */
export function summary(values) {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  return {
    n: values.length,
    p50: quantile(values, 0.5),
    p99: quantile(values, 0.99),
    max: values.reduce((a, b) => Math.max(a, b), -Infinity),
  };
}

/** A number for a table cell: ms with sensible precision. */
export function ms(v) {
  if (!Number.isFinite(v)) return '–';
  if (v < 10) return v.toFixed(2);
  if (v < 100) return v.toFixed(1);
  return v.toFixed(0);
}

/** A markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
