import {
  ORG_TYPES,
  POSITION_KINDS,
  type OrgType,
  type Position,
  type PositionKind,
} from './doc/shapes.js';
import { plainOrganisationName } from './organisationName.js';

/**
 * The consensus picture of one recommendation: positions grouped by
 * organisation type, the organisations present that have not taken one, and
 * who objects. Pure; the chair's panel and the room display draw it.
 */

/** An organisation present in the meeting (from presence: the meeting's organisation of each member). */
export interface PresentOrganisation {
  organisation: string;
  orgType: OrgType;
}

/** One organisation type's part of the picture. */
export interface ConsensusGroup {
  orgType: OrgType;
  positions: Position[];
  /** Organisations of this type present without a position. */
  missing: PresentOrganisation[];
}

/** What {@link consensusSummary} returns. */
export interface ConsensusSummary {
  /** Non-empty groups, in the order of `ORG_TYPES`. */
  groups: ConsensusGroup[];
  /** Positions of each kind. */
  counts: Record<PositionKind, number>;
  /** Positions that object (the chair must confirm before "agreed"). */
  objecting: Position[];
  /** Every organisation present without a position. */
  missing: PresentOrganisation[];
}

/**
 * How the picture matches names: as a reader sees them, case aside. The
 * server keys positions by the stricter `organisationKey` (confusables
 * folded); the browser does without that table, and this only decides who
 * is listed as "not yet" — it grants nothing.
 */
export function displayOrganisationKey(name: string): string {
  return plainOrganisationName(name).toLowerCase();
}

/**
 * Builds the picture from the current positions and the organisations present.
 * @example consensusSummary(readPositions(doc, rec.id), presentOrganisations)
 */
export function consensusSummary(
  positions: readonly Position[],
  present: readonly PresentOrganisation[],
): ConsensusSummary {
  const taken = new Set(positions.map((p) => displayOrganisationKey(p.organisation)));
  const missing: PresentOrganisation[] = [];
  const seen = new Set<string>();
  for (const o of present) {
    const key = displayOrganisationKey(o.organisation);
    if (key === '' || taken.has(key) || seen.has(key)) continue;
    seen.add(key);
    missing.push(o);
  }
  missing.sort((a, b) => a.organisation.localeCompare(b.organisation));
  const counts = Object.fromEntries(POSITION_KINDS.map((k) => [k, 0])) as Record<
    PositionKind,
    number
  >;
  for (const p of positions) counts[p.kind] += 1;
  const groups = ORG_TYPES.map((orgType) => ({
    orgType,
    positions: positions.filter((p) => p.orgType === orgType),
    missing: missing.filter((o) => o.orgType === orgType),
  })).filter((g) => g.positions.length > 0 || g.missing.length > 0);
  return { groups, counts, objecting: positions.filter((p) => p.kind === 'objects'), missing };
}
