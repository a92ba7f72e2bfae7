/**
 * The part of organisation-name comparison that needs no data tables: what
 * {@link organisationKey} does before folding confusables. Split out so the
 * browser, which compares keys the server computed, never loads the
 * confusables table (~28 KiB gzip) to draw one button.
 */

/**
 * Default-ignorable code points (zero-width space and joiners, soft hyphen,
 * bidi controls, variation selectors, the BOM, …): invisible in a name.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Any run of white space, Unicode's included (no-break, ideographic, …). */
const SPACES = /[\s\p{Zs}]+/gu;

/**
 * A name as a reader sees it: NFKC, default-ignorable characters removed,
 * white space collapsed and trimmed. Case and lookalike letters are kept.
 *
 * @example plainOrganisationName(' UN\u200bDP ') === 'UNDP'
 */
export function plainOrganisationName(name: string): string {
  return name.normalize('NFKC').replace(IGNORABLE, '').replace(SPACES, ' ').trim();
}
