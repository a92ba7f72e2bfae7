import type { OrgType, RecommendationAuthorship } from '@kenes/shared';

/**
 * Colours for "who wrote what": a light tint behind the text (the ink stays
 * dark, so the contrast is that of body text, > 12:1) and a strong underline
 * of the same hue (≥ 4.5:1 on white) so runs stay distinct for people who
 * see few colours; the organisation is also given in text (legend, table,
 * hidden labels, title), never by colour alone.
 */
export const PALETTE: ReadonlyArray<{ tint: string; line: string }> = [
  { tint: '#dbeafe', line: '#1d4ed8' },
  { tint: '#fef3c7', line: '#92400e' },
  { tint: '#d1fae5', line: '#047857' },
  { tint: '#fce7f3', line: '#be185d' },
  { tint: '#ede9fe', line: '#6d28d9' },
  { tint: '#ffedd5', line: '#c2410c' },
  { tint: '#cffafe', line: '#0e7490' },
  { tint: '#ecfccb', line: '#4d7c0f' },
];

/** The colour of text by an unknown client (no binding). */
export const UNKNOWN_COLOUR = { tint: '#e5e7eb', line: '#4b5563' } as const;

/** One organisation of the legend. */
export interface LegendEntry {
  /** Stable key: the organisation, or '' for unknown authors. */
  key: string;
  organisation: string | null;
  orgType: OrgType | null;
  tint: string;
  line: string;
  /** Characters written, over all recommendations. */
  chars: number;
}

/** The key of an organisation ('' for unknown). */
export const orgKey = (organisation: string | null): string => organisation ?? '';

/**
 * The legend over all recommendations: each organisation once, the ones
 * who wrote most first, with a colour assigned in that order (so the same
 * organisation has the same colour in every recommendation); unknown
 * authors last, in grey. Colours repeat after {@link PALETTE} runs out.
 */
export function authorshipLegend(recs: readonly RecommendationAuthorship[]): LegendEntry[] {
  const totals = new Map<
    string,
    { organisation: string | null; orgType: OrgType | null; chars: number }
  >();
  for (const rec of recs)
    for (const o of rec.organisations) {
      const k = orgKey(o.organisation);
      const prev = totals.get(k);
      totals.set(k, {
        organisation: o.organisation,
        orgType: prev?.orgType ?? o.orgType,
        chars: (prev?.chars ?? 0) + o.chars,
      });
    }
  const known = [...totals.entries()]
    .filter(([k]) => k !== '')
    .sort((a, b) => b[1].chars - a[1].chars || a[0].localeCompare(b[0]));
  const legend: LegendEntry[] = known.map(([key, v], i) => ({
    key,
    ...v,
    ...PALETTE[i % PALETTE.length]!,
  }));
  const unknown = totals.get('');
  if (unknown) legend.push({ key: '', ...unknown, ...UNKNOWN_COLOUR });
  return legend;
}

/** A run as rendered: its organisation key and whether a spoken label precedes it. */
export interface MarkedRun {
  key: string;
  text: string;
  organisation: string | null;
  name: string | null;
  /** True where the organisation differs from the previous run's (across blocks). */
  labelled: boolean;
}

/**
 * Marks where the author's organisation changes along a recommendation's
 * runs, so the hidden "Organisation:" label is said once per change rather
 * than on every run. Empty runs are dropped.
 */
export function markRuns(blocks: RecommendationAuthorship['blocks']): MarkedRun[][] {
  let previous: string | undefined;
  return blocks.map((block) =>
    block.runs
      .filter((r) => r.text !== '')
      .map((r) => {
        const key = orgKey(r.organisation);
        const labelled = key !== previous;
        previous = key;
        return { key, text: r.text, organisation: r.organisation, name: r.name, labelled };
      }),
  );
}
