import { displayOrganisationKey, type Position } from '@kenes/shared';

/**
 * My organisation's position among `positions`: by the key the server keyed
 * it with when the room knows mine (`organisationKey` of the meeting), else by
 * the name as a reader sees it.
 */
export function positionOf(
  positions: readonly Position[],
  me: { organisation: string; organisationKey?: string | undefined },
): Position | undefined {
  if (me.organisationKey) return positions.find((p) => p.key === me.organisationKey);
  const mine = displayOrganisationKey(me.organisation);
  return positions.find((p) => displayOrganisationKey(p.organisation) === mine);
}
