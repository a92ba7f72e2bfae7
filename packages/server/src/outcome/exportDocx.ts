import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type {
  Intervention,
  Language,
  Minutes,
  MinutesRecommendation,
  OrganisationSuggestions,
  OutcomeDocument,
} from '@kenes/shared';
import { blocksToDocx, docxNumbering } from './docxBlocks.js';
import { TrackedChanges } from './docxTracked.js';
import { columnWidths, TABLE_FONT_HALF_POINTS } from './docxTable.js';
import type { ExportOptions } from './exportMarkdown.js';
import { scopeNote } from './outcomeScope.js';
import { formatClock, formatDateTime, formatDuration, formatMinutes } from './format.js';
import { exportWords, type ExportWords } from './i18n.js';
import { positionWords, type PositionWords } from './positionWords.js';

/**
 * The Word (.docx) exports, made with the `docx` library: the same content
 * and headings as the Markdown exports, in the meeting's language.
 */

/** Recommendation titles are Heading 2: a body's own Heading 1 becomes Heading 3. */
const BODY_HEADING_OFFSET = 2;

function text(
  value: string,
  opts: { bold?: boolean; italics?: boolean; size?: number } = {},
): TextRun {
  return new TextRun({ text: value, ...opts });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [text(`${label}: `, { bold: true }), text(value)] });
}

function header(title: string, docTitle: string, w: ExportWords, o: ExportOptions): Paragraph[] {
  const tz = o.timeZone ?? 'UTC';
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(docTitle)] }),
    new Paragraph({ children: [text(title, { bold: true })] }),
    new Paragraph({
      children: [
        text(`${w.generated}: ${formatDateTime(o.generatedAt, tz)} (${tz})`, { italics: true }),
      ],
    }),
  ];
}

/** Word footnotes by id (1, 2, …), each one paragraph of text. */
type Footnotes = Record<number, { children: Paragraph[] }>;

function pack(
  lang: string,
  title: string,
  children: FileChild[],
  footnotes: Footnotes = {},
  trackRevisions = false,
): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new Document({
    creator: 'Kenes',
    title,
    footnotes,
    // A document sent for review with tracked changes tracks the reviewers' own edits too.
    ...(trackRevisions ? { features: { trackRevisions: true } } : {}),
    numbering: docxNumbering(),
    styles: { default: { document: { run: { language: { value: lang } } } } },
    sections: [{ children }],
  });
  // A copy that owns a plain ArrayBuffer (what a Response body takes).
  return Packer.toBuffer(doc).then((b) => new Uint8Array(b));
}

const LANG_TAGS = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' } as const;

/** What the outcome with tracked changes needs besides the outcome read `tracked`. */
export interface TrackedExport {
  /** A member's meeting organisation by user id (server records); undefined for a non-member. */
  organisationOf(userId: string): string | undefined;
}

/**
 * The outcome document as a .docx: title, a Heading 1 per agenda item, a
 * Heading 2 per recommendation with status, proposer and endorsers, then the
 * text with its headings, lists, bold and italic. With `tracked` (and `doc`
 * read `tracked`), pending suggestions are Word tracked changes authored by
 * the suggesting organisation (`docxTracked.ts`), a note under the title says
 * so, and the file tracks further edits.
 */
export function outcomeDocx(
  doc: OutcomeDocument,
  o: ExportOptions,
  tracked?: TrackedExport,
): Promise<Uint8Array<ArrayBuffer>> {
  const w = exportWords(o.lang);
  const pw = positionWords(o.lang);
  const changes = tracked ? new TrackedChanges(tracked.organisationOf, w.formerMember) : undefined;
  const children: FileChild[] = header(doc.title, w.outcomeTitle, w, o);
  const footnotes: Footnotes = {};
  let notes = 0;
  const note = scopeNote(o.scope, o.lang);
  if (note) children.push(new Paragraph({ children: [text(note, { bold: true })] }));
  if (changes) children.push(new Paragraph({ children: [text(w.trackedNote, { italics: true })] }));
  let n = 0;
  let instance = 1;
  if (doc.sections.length === 0)
    children.push(new Paragraph({ children: [text(w.noRecommendations)] }));
  for (const s of doc.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [text(s.item ? `${w.agendaItem}: ${s.item.title}` : w.otherRecommendations)],
      }),
    );
    for (const r of s.recommendations) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(`${++n}. ${r.title}`)] }),
        new Paragraph({
          children: [
            text(`${w.status}: `, { bold: true }),
            text(w.recStatus[r.status]),
            // Each reservation entered when the text was agreed: a footnote on its status.
            ...(r.agreedPositions ?? [])
              .filter((p) => p.kind === 'reservation')
              .map((p) => {
                footnotes[++notes] = {
                  children: [
                    new Paragraph({ children: [text(pw.reservationNote(p.organisation, p.text))] }),
                  ],
                };
                return new FootnoteReferenceRun(notes);
              }),
          ],
        }),
        labelled(w.proposedBy, `${r.proposerName} (${r.proposerOrganisation})`),
        labelled(
          w.endorsedBy,
          r.endorsements.length
            ? r.endorsements.map((e) => e.organisation).join(', ')
            : w.noEndorsements,
        ),
      );
      const body = blocksToDocx(r.blocks, {
        headingOffset: BODY_HEADING_OFFSET,
        firstInstance: instance,
        ...(changes ? { tracked: changes } : {}),
      });
      instance += body.instancesUsed;
      children.push(
        ...(body.paragraphs.length
          ? body.paragraphs
          : [new Paragraph({ children: [text(w.emptyText, { italics: true })] })]),
      );
    }
  }
  return pack(
    LANG_TAGS[o.lang],
    `${w.outcomeTitle}: ${doc.title}`,
    children,
    footnotes,
    changes !== undefined,
  );
}

function row(cells: string[], widths: readonly number[], header = false): TableRow {
  return new TableRow({
    tableHeader: header,
    children: cells.map(
      (c, n) =>
        new TableCell({
          width: { size: widths[n]!, type: WidthType.DXA },
          children: [
            new Paragraph({
              children: [text(c, { bold: header, size: TABLE_FONT_HALF_POINTS })],
            }),
          ],
        }),
    ),
  });
}

function interventionTable(
  list: readonly Intervention[],
  w: ExportWords,
  tz: string,
  lang: Language,
): FileChild {
  if (!list.length) return new Paragraph({ children: [text(w.noInterventions)] });
  const head = ['#', w.started, w.speaker, w.organisation, w.orgTypeColumn, w.kind, w.duration];
  const body = list.map((i, n) => [
    String(n + 1),
    formatClock(i.grantedAt, tz),
    i.speaker,
    i.organisation,
    w.orgType[i.orgType],
    w.requestKind[i.kind],
    formatDuration(lang, i.durationMs) +
      (i.status === 'speaking'
        ? ` (${w.speakingNow})`
        : i.status === 'removed'
          ? ` (${w.interrupted})`
          : ''),
  ]);
  const widths = columnWidths([head, ...body]);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [row(head, widths, true), ...body.map((cells) => row(cells, widths))],
  });
}

/** The suggestions by organisation: a note saying what is counted, then the table. */
function suggestionTable(list: readonly OrganisationSuggestions[], w: ExportWords): FileChild[] {
  const head = [
    w.organisation,
    w.suggestionsMade,
    w.suggestionsAccepted,
    w.suggestionsRejected,
    w.suggestionsPending,
  ];
  const body = list.map((r) => [
    r.organisation ?? w.unknownOrganisation,
    String(r.made),
    String(r.accepted),
    String(r.rejected),
    String(r.pending),
  ]);
  const widths = columnWidths([head, ...body]);
  return [
    new Paragraph({ children: [text(w.suggestionsNote, { italics: true })] }),
    new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [row(head, widths, true), ...body.map((cells) => row(cells, widths))],
    }),
  ];
}

/** The positions frozen with an agreement, as bullets under the recommendation. */
function agreedPositionParagraphs(
  r: MinutesRecommendation,
  w: ExportWords,
  pw: PositionWords,
): Paragraph[] {
  if (r.agreedPositions === undefined) return [];
  const head = new Paragraph({
    bullet: { level: 1 },
    children: [
      text(`${pw.positionsAtAgreement}: `, { italics: true }),
      ...(r.agreedPositions.length ? [] : [text(pw.noPositions)]),
    ],
  });
  return [
    head,
    ...r.agreedPositions.map(
      (p) =>
        new Paragraph({
          bullet: { level: 2 },
          children: [
            text(`${p.organisation} (${w.orgType[p.orgType]}): `),
            text(pw.kind[p.kind], { bold: true }),
            ...(p.text ? [text(` — ${p.text}`)] : []),
          ],
        }),
    ),
  ];
}

function recommendationList(
  list: readonly MinutesRecommendation[],
  w: ExportWords,
  pw: PositionWords,
): Paragraph[] {
  if (!list.length) return [new Paragraph({ children: [text(w.noRecommendations)] })];
  return list.flatMap((r) => [
    new Paragraph({
      bullet: { level: 0 },
      children: [
        text(r.title, { bold: true }),
        text(
          `: ${w.recStatus[r.status]}. ${w.proposedBy}: ${r.proposerName} (${r.proposerOrganisation}). ${w.endorsedBy}: ${
            r.endorsements.length
              ? r.endorsements.map((e) => e.organisation).join(', ')
              : w.noEndorsements
          }.`,
        ),
      ],
    }),
    ...agreedPositionParagraphs(r, w, pw),
  ]);
}

/**
 * The minutes as a .docx: per agenda item planned/actual time, interventions
 * table, recommendations; the suggestions by organisation when there were
 * any; the totals.
 */
export function minutesDocx(m: Minutes, o: ExportOptions): Promise<Uint8Array<ArrayBuffer>> {
  const w = exportWords(o.lang);
  const pw = positionWords(o.lang);
  const tz = o.timeZone ?? 'UTC';
  const children: FileChild[] = header(m.title, w.minutesTitle, w, o);
  m.items.forEach((item, n) => {
    const actual = item.actualMs === null ? '—' : formatDuration(o.lang, item.actualMs);
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [text(`${n + 1}. ${item.title}`)],
      }),
      new Paragraph({
        children: [
          text(
            `${w.planned}: ${formatMinutes(o.lang, item.plannedMinutes)} · ${w.actual}: ${actual}`,
            {
              italics: true,
            },
          ),
          ...(item.startedAt === null
            ? [text(` · ${w.agendaStatus[item.status]}`, { italics: true })]
            : [
                text(
                  ` · ${w.started} ${formatClock(item.startedAt, tz)}${
                    item.endedAt === null ? '' : `, ${w.ended} ${formatClock(item.endedAt, tz)}`
                  }`,
                  { italics: true },
                ),
              ]),
        ],
      }),
    );
    if (item.description) children.push(new Paragraph({ children: [text(item.description)] }));
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(w.interventions)] }),
      interventionTable(item.interventions, w, tz, o.lang),
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(w.recommendations)] }),
      ...recommendationList(item.recommendations, w, pw),
    );
  });
  const out = m.outsideAgenda;
  if (out.interventions.length || out.recommendations.length) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [text(w.interventionsOutsideAgenda)],
      }),
    );
    if (out.interventions.length)
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(w.interventions)] }),
        interventionTable(out.interventions, w, tz, o.lang),
      );
    if (out.recommendations.length)
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(w.recommendations)] }),
        ...recommendationList(out.recommendations, w, pw),
      );
  }
  if (m.suggestions.length)
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [text(w.suggestionsByOrganisation)],
      }),
      ...suggestionTable(m.suggestions, w),
    );
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(w.total)] }),
    labelled(w.planned, formatMinutes(o.lang, m.totals.plannedMinutes)),
    labelled(w.actual, formatDuration(o.lang, m.totals.actualMs)),
    labelled(w.interventions, String(m.totals.interventions)),
    labelled(w.speakingTime, formatDuration(o.lang, m.totals.speakingMs)),
  );
  return pack(LANG_TAGS[o.lang], `${w.minutesTitle}: ${m.title}`, children);
}
