import type {
  Intervention,
  Language,
  Minutes,
  MinutesRecommendation,
  OrganisationSuggestions,
  OutcomeDocument,
  OutcomeRecommendation,
  OutcomeScope,
} from '@kenes/shared';
import { formatClock, formatDateTime, formatDuration, formatMinutes } from './format.js';
import { exportWords, type ExportWords } from './i18n.js';
import { blocksToMarkdown, escapeMarkdown, escapeMarkdownLines } from './markdown.js';
import { positionWords, type PositionWords } from './positionWords.js';
import { scopeNote } from './outcomeScope.js';

/** How an export is printed: labels' language, time zone of clock times, the time it was made. */
export interface ExportOptions {
  lang: Language;
  /** IANA zone for clock times (default `UTC`). */
  timeZone?: string;
  /** Epoch ms printed as the generation time. */
  generatedAt: number;
  /** Outcome only: which recommendations it holds; `agreed` prints a note under the title. */
  scope?: OutcomeScope;
}

/** Recommendation headings are `###`: a body's own `#` becomes `####`. */
const BODY_HEADING_OFFSET = 3;

const esc = escapeMarkdown;

function header(title: string, docTitle: string, w: ExportWords, o: ExportOptions): string[] {
  const tz = o.timeZone ?? 'UTC';
  return [
    `# ${esc(docTitle)}: ${esc(title)}`,
    '',
    `*${w.generated}: ${formatDateTime(o.generatedAt, tz)} (${esc(tz)})*`,
  ];
}

function endorsers(list: ReadonlyArray<{ organisation: string }>, w: ExportWords): string {
  return list.length ? list.map((e) => esc(e.organisation)).join(', ') : w.noEndorsements;
}

/** One line of text: a reservation's line breaks would end a footnote or list item. */
function oneLine(text: string): string {
  return esc(text).replace(/\s*\n\s*/g, ' ');
}

/**
 * The reservations entered when the text was agreed, as footnote references
 * (`[^n]`) for its status line; their text goes to `notes`, numbered on.
 */
function reservationRefs(r: OutcomeRecommendation, notes: string[], pw: PositionWords): string {
  let refs = '';
  for (const p of r.agreedPositions ?? []) {
    if (p.kind !== 'reservation') continue;
    notes.push(oneLine(pw.reservationNote(p.organisation, p.text)));
    refs += `[^${notes.length}]`;
  }
  return refs;
}

function outcomeRecommendation(
  r: OutcomeRecommendation,
  n: number,
  w: ExportWords,
  notes: string[],
  pw: PositionWords,
): string[] {
  const body = blocksToMarkdown(r.blocks, BODY_HEADING_OFFSET);
  return [
    `### ${n}. ${esc(r.title)}`,
    '',
    `- **${w.status}:** ${w.recStatus[r.status]}${reservationRefs(r, notes, pw)}`,
    `- **${w.proposedBy}:** ${esc(r.proposerName)} (${esc(r.proposerOrganisation)})`,
    `- **${w.endorsedBy}:** ${endorsers(r.endorsements, w)}`,
    '',
    body || `*${w.emptyText}*`,
  ];
}

/**
 * The outcome document as Markdown: a title, then per agenda item a `##`
 * section with each recommendation as `###`, its status, proposer, endorsing
 * organisations and full formatted text.
 */
export function outcomeMarkdown(doc: OutcomeDocument, o: ExportOptions): string {
  const w = exportWords(o.lang);
  const pw = positionWords(o.lang);
  const lines = header(doc.title, w.outcomeTitle, w, o);
  const notes: string[] = [];
  const note = scopeNote(o.scope, o.lang);
  if (note) lines.push('', `**${note}**`);
  let n = 0;
  if (doc.sections.length === 0) lines.push('', w.noRecommendations);
  for (const s of doc.sections) {
    lines.push(
      '',
      s.item ? `## ${w.agendaItem}: ${esc(s.item.title)}` : `## ${w.otherRecommendations}`,
    );
    for (const r of s.recommendations)
      lines.push('', ...outcomeRecommendation(r, ++n, w, notes, pw));
  }
  // Reservations as footnotes (GFM), numbered in the order the recommendations come.
  if (notes.length) lines.push('', ...notes.map((text, i) => `[^${i + 1}]: ${text}`));
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return esc(text).replace(/\n/g, ' ');
}

function interventionTable(
  list: readonly Intervention[],
  w: ExportWords,
  tz: string,
  lang: Language,
): string[] {
  if (!list.length) return [w.noInterventions];
  const rows = list.map((i, n) => {
    const note =
      i.status === 'speaking'
        ? ` (${w.speakingNow})`
        : i.status === 'removed'
          ? ` (${w.interrupted})`
          : '';
    return `| ${n + 1} | ${formatClock(i.grantedAt, tz)} | ${cell(i.speaker)} | ${cell(i.organisation)} | ${w.orgType[i.orgType]} | ${w.requestKind[i.kind]} | ${formatDuration(lang, i.durationMs)}${note} |`;
  });
  return [
    `| # | ${w.started} | ${w.speaker} | ${w.organisation} | ${w.orgTypeColumn} | ${w.kind} | ${w.duration} |`,
    '|---:|---|---|---|---|---|---:|',
    ...rows,
  ];
}

/** The positions frozen with an agreement, as a nested list under the recommendation. */
function agreedPositionLines(
  r: MinutesRecommendation,
  w: ExportWords,
  pw: PositionWords,
): string[] {
  if (r.agreedPositions === undefined) return [];
  if (!r.agreedPositions.length) return [`  - ${pw.positionsAtAgreement}: ${pw.noPositions}`];
  return [
    `  - ${pw.positionsAtAgreement}:`,
    ...r.agreedPositions.map(
      (p) =>
        `    - ${oneLine(p.organisation)} (${w.orgType[p.orgType]}): **${pw.kind[p.kind]}**${p.text ? ` — ${oneLine(p.text)}` : ''}`,
    ),
  ];
}

function recommendationList(
  list: readonly MinutesRecommendation[],
  w: ExportWords,
  pw: PositionWords,
): string[] {
  if (!list.length) return [w.noRecommendations];
  return list.flatMap((r) => [
    `- **${esc(r.title)}**: ${w.recStatus[r.status]}. ${w.proposedBy}: ${esc(r.proposerName)} (${esc(r.proposerOrganisation)}). ${w.endorsedBy}: ${endorsers(r.endorsements, w)}.`,
    ...agreedPositionLines(r, w, pw),
  ]);
}

/** The suggestions by organisation, as a table with a note saying what is counted. */
function suggestionTable(list: readonly OrganisationSuggestions[], w: ExportWords): string[] {
  return [
    `*${w.suggestionsNote}*`,
    '',
    `| ${w.organisation} | ${w.suggestionsMade} | ${w.suggestionsAccepted} | ${w.suggestionsRejected} | ${w.suggestionsPending} |`,
    '|---|---:|---:|---:|---:|',
    ...list.map(
      (r) =>
        `| ${r.organisation === null ? `*${w.unknownOrganisation}*` : cell(r.organisation)} | ${r.made} | ${r.accepted} | ${r.rejected} | ${r.pending} |`,
    ),
  ];
}

/**
 * The minutes as Markdown: per agenda item planned and actual time, a table
 * of interventions in order, and the recommendations with their status; the
 * suggestions by organisation when there were any; the totals.
 */
export function minutesMarkdown(m: Minutes, o: ExportOptions): string {
  const w = exportWords(o.lang);
  const pw = positionWords(o.lang);
  const tz = o.timeZone ?? 'UTC';
  const lines = header(m.title, w.minutesTitle, w, o);
  m.items.forEach((item, n) => {
    const actual = item.actualMs === null ? '—' : formatDuration(o.lang, item.actualMs);
    const span =
      item.startedAt === null
        ? w.agendaStatus[item.status]
        : `${w.started} ${formatClock(item.startedAt, tz)}${item.endedAt === null ? '' : `, ${w.ended} ${formatClock(item.endedAt, tz)}`}`;
    lines.push(
      '',
      `## ${n + 1}. ${esc(item.title)}`,
      '',
      `*${w.planned}: ${formatMinutes(o.lang, item.plannedMinutes)} · ${w.actual}: ${actual} · ${span}*`,
    );
    if (item.description) lines.push('', escapeMarkdownLines(item.description));
    lines.push(
      '',
      `### ${w.interventions}`,
      '',
      ...interventionTable(item.interventions, w, tz, o.lang),
    );
    lines.push(
      '',
      `### ${w.recommendations}`,
      '',
      ...recommendationList(item.recommendations, w, pw),
    );
  });
  const out = m.outsideAgenda;
  if (out.interventions.length || out.recommendations.length) {
    lines.push('', `## ${w.interventionsOutsideAgenda}`);
    if (out.interventions.length)
      lines.push(
        '',
        `### ${w.interventions}`,
        '',
        ...interventionTable(out.interventions, w, tz, o.lang),
      );
    if (out.recommendations.length)
      lines.push(
        '',
        `### ${w.recommendations}`,
        '',
        ...recommendationList(out.recommendations, w, pw),
      );
  }
  if (m.suggestions.length)
    lines.push('', `## ${w.suggestionsByOrganisation}`, '', ...suggestionTable(m.suggestions, w));
  lines.push(
    '',
    `## ${w.total}`,
    '',
    `- ${w.planned}: ${formatMinutes(o.lang, m.totals.plannedMinutes)}`,
    `- ${w.actual}: ${formatDuration(o.lang, m.totals.actualMs)}`,
    `- ${w.interventions}: ${m.totals.interventions}`,
    `- ${w.speakingTime}: ${formatDuration(o.lang, m.totals.speakingMs)}`,
  );
  return `${lines.join('\n')}\n`;
}
