import unhomoglyph from 'unhomoglyph';

/**
 * When two organisation names are the same organisation. Names are free text
 * typed by people (and by people who want to pass for someone else), so they
 * are compared by a key that ignores what a reader cannot see or tell apart:
 * case, compatibility forms (full-width letters, ligatures), spacing,
 * invisible characters, and letters of other scripts that look the same
 * ("UNDР" with a Cyrillic Р). The server keys endorsements with it and the
 * client's endorse button uses the very same function, so the UI never offers
 * what the server will refuse.
 */

/**
 * Default-ignorable code points (zero-width space and joiners, soft hyphen,
 * bidi controls, variation selectors, the BOM, …): invisible in a name.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Any run of white space, Unicode's included (no-break, ideographic, …). */
const SPACES = /[\s\p{Zs}]+/gu;

/**
 * Folds confusables and case until nothing changes. Confusables are folded
 * before lower-casing too, because case hides some lookalikes (Cyrillic "Н"
 * looks like "H", its lower case "н" like nothing Latin).
 */
function fold(s: string): string {
  let out = s;
  for (let i = 0; i < 4; i++) {
    // TR39's skeleton: NFD, map each confusable to its prototype, NFD again.
    const next = unhomoglyph(out.normalize('NFD')).normalize('NFD').toLowerCase();
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * The key an organisation name is compared by: NFKC, case-folded, default-
 * ignorable characters removed, white space collapsed and trimmed, then
 * confusables folded to their Unicode TR39 prototypes. Not for display: "m"
 * becomes "rn". Two names are the same organisation when their keys are equal.
 *
 * @example organisationKey(' UNDP ') === organisationKey('undр') // Cyrillic р
 */
export function organisationKey(name: string): string {
  const plain = name.normalize('NFKC').replace(IGNORABLE, '').replace(SPACES, ' ').trim();
  return fold(plain);
}

/** True when `a` and `b` name the same organisation (see {@link organisationKey}). */
export function sameOrganisation(a: string, b: string): boolean {
  return organisationKey(a) === organisationKey(b);
}
