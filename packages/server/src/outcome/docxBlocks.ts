import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  TextRun,
  type INumberingOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline } from '@kenes/shared';
import type { TrackedChanges } from './docxTracked.js';

/**
 * Rich text to `docx` paragraphs. Lists become real Word lists (bullets, or
 * numbering that restarts for every ordered list), marks become run
 * properties (`w:b`, `w:i`, `w:strike`), body headings become Word headings.
 * With a {@link TrackedChanges} writer, pending suggestions (text read
 * `tracked`) become Word tracked changes.
 */

/** The numbering reference every ordered list uses (a new `instance` per list restarts it). */
export const ORDERED_LIST = 'kenes-ordered';

const ORDERED_FORMATS = [
  LevelFormat.DECIMAL,
  LevelFormat.LOWER_LETTER,
  LevelFormat.LOWER_ROMAN,
] as const;

/** The document-level numbering config the paragraphs of {@link blocksToDocx} refer to. */
export function docxNumbering(): INumberingOptions {
  return {
    config: [
      {
        reference: ORDERED_LIST,
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: ORDERED_FORMATS[level % ORDERED_FORMATS.length]!,
          text: `%${level + 1}.`,
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      },
    ],
  };
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** The Word heading of level `level` (1..6, clamped). */
export function headingLevel(level: number): (typeof HEADINGS)[number] {
  return HEADINGS[Math.min(6, Math.max(1, level)) - 1]!;
}

/**
 * Runs of some inline content; a hard break is a line break in the run.
 * A suggested piece is a tracked change when `tracked` is given (else plain).
 */
export function inlineRuns(inlines: readonly Inline[], tracked?: TrackedChanges): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  let pendingBreak = 0;
  for (const i of inlines) {
    if (i.kind === 'break') {
      pendingBreak += 1;
      continue;
    }
    const options: IRunOptions = {
      text: i.text,
      ...(pendingBreak ? { break: pendingBreak } : {}),
      ...(i.marks.bold ? { bold: true } : {}),
      ...(i.marks.italic ? { italics: true } : {}),
      ...(i.marks.strike ? { strike: true } : {}),
      ...(i.marks.code ? { font: 'Courier New' } : {}),
    };
    runs.push(tracked ? tracked.run(i.suggested, options) : new TextRun(options));
    pendingBreak = 0;
  }
  if (pendingBreak) runs.push(new TextRun({ text: '', break: pendingBreak }));
  return runs;
}

/** Where a block sits: list depth, quote indent, and the list marker for its first paragraph. */
interface Place {
  depth: number;
  quote: number;
  marker: { ordered: boolean; instance: number } | null;
}

/** Converts blocks to paragraphs; holds the counter that gives each ordered list its own instance. */
class DocxBlockWriter {
  private instances = 0;

  constructor(
    private readonly headingOffset: number,
    private readonly firstInstance: number,
    private readonly tracked: TrackedChanges | undefined,
  ) {}

  /** How many ordered-list instances were used so far. */
  get used(): number {
    return this.instances;
  }

  paragraph(children: ParagraphChild[], place: Place, extra: { heading?: number } = {}): Paragraph {
    const indentLeft = 720 * place.quote + (place.marker ? 0 : 720 * place.depth);
    return new Paragraph({
      children,
      ...(extra.heading !== undefined ? { heading: headingLevel(extra.heading) } : {}),
      ...(place.marker
        ? place.marker.ordered
          ? {
              numbering: {
                reference: ORDERED_LIST,
                level: place.depth - 1,
                instance: place.marker.instance,
              },
            }
          : { bullet: { level: place.depth - 1 } }
        : {}),
      ...(indentLeft > 0 && !place.marker ? { indent: { left: indentLeft } } : {}),
      ...(place.quote > 0
        ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A0A0A0', space: 8 } } }
        : {}),
    });
  }

  blocks(blocks: readonly Block[], place: Place): Paragraph[] {
    const out: Paragraph[] = [];
    let marker = place.marker;
    for (const b of blocks) {
      const here = { ...place, marker };
      const made = this.block(b, here);
      // Only the first paragraph of a list item carries the bullet or number.
      if (made.length) marker = null;
      out.push(...made);
    }
    return out;
  }

  private block(b: Block, place: Place): Paragraph[] {
    switch (b.type) {
      case 'paragraph':
        return [this.paragraph(inlineRuns(b.inlines, this.tracked), place)];
      case 'heading':
        return [
          this.paragraph(inlineRuns(b.inlines, this.tracked), place, {
            heading: b.level + this.headingOffset,
          }),
        ];
      case 'list': {
        const instance = b.ordered ? this.firstInstance + this.instances++ : 0;
        return b.items.flatMap((item) => {
          const inner: Place = {
            depth: place.depth + 1,
            quote: place.quote,
            marker: { ordered: b.ordered, instance },
          };
          const made = this.blocks(item, inner);
          // An empty item still shows its marker.
          return made.length ? made : [this.paragraph([], inner)];
        });
      }
      case 'blockquote':
        return this.blocks(b.blocks, { ...place, quote: place.quote + 1 });
      case 'codeBlock':
        return [
          this.paragraph(
            b.text
              .split('\n')
              .map(
                (line, n) =>
                  new TextRun({ text: line, font: 'Courier New', ...(n ? { break: 1 } : {}) }),
              ),
            place,
          ),
        ];
      case 'rule':
        return [
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'A0A0A0', space: 1 } },
          }),
        ];
    }
  }
}

/**
 * Word paragraphs of some blocks. `headingOffset` pushes body headings below
 * the document's own; `firstInstance` is the first free numbering instance
 * (each ordered list takes the next one, so numbering restarts per list);
 * `tracked`, the document's writer of tracked changes, for blocks read
 * `tracked`. Resolves the paragraphs and how many instances they used.
 */
export function blocksToDocx(
  blocks: readonly Block[],
  opts: { headingOffset: number; firstInstance: number; tracked?: TrackedChanges },
): { paragraphs: Paragraph[]; instancesUsed: number } {
  const writer = new DocxBlockWriter(opts.headingOffset, opts.firstInstance, opts.tracked);
  const paragraphs = writer.blocks(blocks, { depth: 0, quote: 0, marker: null });
  return { paragraphs, instancesUsed: writer.used };
}
