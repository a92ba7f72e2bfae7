import { sameOrganisation, type Endorsement } from '@kenes/shared';

/**
 * The endorsement of `organisation` (the member's organisation in this
 * meeting) among `endorsements`, compared exactly as the server compares
 * them (`sameOrganisation` of `@kenes/shared`: Unicode normalisation and
 * confusable folding), so the button never offers what the server refuses.
 * Undefined when that organisation has not endorsed.
 *
 * @example endorsementOf(rec.endorsements, 'UNDP ') // finds { organisation: 'undp', … }
 */
export function endorsementOf(
  endorsements: readonly Endorsement[],
  organisation: string,
): Endorsement | undefined {
  return endorsements.find((e) => sameOrganisation(e.organisation, organisation));
}
