import unhomoglyph from 'unhomoglyph';
import { plainOrganisationName } from './organisationName.js';

/**
 * When two organisation names are the same organisation. Names are free text
 * typed by people (and by people who want to pass for someone else), so they
 * are compared by a key that ignores what a reader cannot see or tell apart:
 * case, compatibility forms (full-width letters, ligatures), spacing,
 * invisible characters, and letters of other scripts that look the same
 * ("UNDР" with a Cyrillic Р). The server keys endorsements with it, and the
 * client's endorse button compares the very same keys, so the UI never offers
 * what the server will refuse: the server writes each endorsement's key
 * (`Endorsement.key`) and tells each member its own (`organisationKey` of
 * `GET /api/meetings/:id`), so the browser compares keys without this table.
 */

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
  return fold(plainOrganisationName(name));
}

/** True when `a` and `b` name the same organisation (see {@link organisationKey}). */
export function sameOrganisation(a: string, b: string): boolean {
  return organisationKey(a) === organisationKey(b);
}
