import { plainOrganisationName, type Endorsement } from '@kenes/shared';

/**
 * The endorsement of my organisation (the member's organisation in this
 * meeting) among `endorsements`, compared as the server compares them: by
 * the key the server computed (Unicode normalisation and confusable folding,
 * `organisationKey` of `@kenes/shared`), written into each endorsement and
 * sent to me with the meeting — so the button never offers what the server
 * refuses, and the browser never loads the confusables table. Endorsements
 * or servers from before keys fall back to the names without invisible
 * characters, spacing and case. Undefined when my organisation has not
 * endorsed.
 *
 * @example endorsementOf(rec.endorsements, { organisation: 'UNDP ', organisationKey: 'undp' })
 */
export function endorsementOf(
  endorsements: readonly Endorsement[],
  mine: { organisation: string; organisationKey?: string | undefined },
): Endorsement | undefined {
  const loose = (name: string) => plainOrganisationName(name).toLowerCase();
  const myLoose = loose(mine.organisation);
  return endorsements.find((e) =>
    e.key !== undefined && mine.organisationKey !== undefined
      ? e.key === mine.organisationKey
      : loose(e.organisation) === myLoose,
  );
}
