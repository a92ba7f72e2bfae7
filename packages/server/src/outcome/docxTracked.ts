import {
  DeletedTextRun,
  InsertedTextRun,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { SuggestedBy } from '@kenes/shared';

/**
 * Pending suggestions as Word tracked changes (issue 18): a suggested
 * insertion becomes `<w:ins>`, a suggested deletion `<w:del>` (its text in
 * `<w:delText>`), and a deletion suggested of someone's pending insertion a
 * `<w:del>` inside the `<w:ins>` (valid OOXML: accepting both removes the
 * text, rejecting the insertion removes it too, as in the room). Word's
 * reviewing pane then lists them by author and accepts or rejects them one
 * by one or all of one author.
 *
 * The author is the suggester's organisation — the meeting's, from the
 * server's member records, never from the mark (whose `by` is a user id the
 * guard checked against its sender) — so a ministry reviews "all of Union of
 * Crisis Centres" at once, as the chair decides "all of one organisation" in
 * the room. A suggester who is no member any more is `formerMember`.
 *
 * `w:date` is when the suggestion was made, from its mark's `at` (stamped
 * with the server's clock, kept within minutes of it by the guard); a mark
 * from before times were kept has none, and its change gets no date — the
 * attribute is optional in OOXML ("no date information shall be
 * associated"), and the export's time would date it wrongly.
 */

/** A moment as `w:date` takes it: ISO 8601 in UTC, to the second (Word writes no fractions). */
function wordDate(at: number): string | undefined {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A change's attributes as docx takes them (its type wants a date; see above when there is none). */
interface Change {
  id: number;
  author: string;
  date: string;
}

/**
 * `<w:ins><w:del><w:r><w:delText>…`: one member's pending insertion that
 * another suggests deleting. docx's `InsertedTextRun` holds one plain run;
 * this one holds the deletion in its place.
 */
class InsertedThenDeleted extends InsertedTextRun {
  constructor(insertion: Change, deletion: Change, run: IRunOptions) {
    super({ ...insertion, text: '' });
    // The root holds the change's attributes, then the run docx made: the deletion replaces it.
    this.root.splice(1, this.root.length - 1, new DeletedTextRun({ ...deletion, ...run }));
  }
}

/**
 * Writes the runs of one document: numbers the changes (`w:id`, unique in
 * the document, from 1) and names their authors. One per export.
 */
export class TrackedChanges {
  private lastId = 0;

  /**
   * @param organisationOf the meeting organisation of a member, by user id (undefined: none)
   * @param formerMember the author of a change whose suggester is no member now
   */
  constructor(
    private readonly organisationOf: (userId: string) => string | undefined,
    private readonly formerMember: string,
  ) {}

  /** The run of some text with its formatting, as a tracked change when it is a pending suggestion. */
  run(suggested: SuggestedBy | undefined, options: IRunOptions): ParagraphChild {
    const { insertedBy, deletedBy } = suggested ?? {};
    const { insertedAt, deletedAt } = suggested ?? {};
    if (insertedBy !== undefined && deletedBy !== undefined)
      return new InsertedThenDeleted(
        this.change(insertedBy, insertedAt),
        this.change(deletedBy, deletedAt),
        options,
      );
    if (insertedBy !== undefined)
      return new InsertedTextRun({ ...this.change(insertedBy, insertedAt), ...options });
    if (deletedBy !== undefined)
      return new DeletedTextRun({ ...this.change(deletedBy, deletedAt), ...options });
    return new TextRun(options);
  }

  private change(userId: string, at: number | undefined): Change {
    const author = this.organisationOf(userId)?.trim() || this.formerMember;
    // No time known: docx writes no attribute for an undefined value (see the module comment).
    const date = at === undefined || !Number.isFinite(at) ? undefined : wordDate(at);
    return { id: ++this.lastId, author, date: date as string };
  }
}
