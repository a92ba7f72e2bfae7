import type { Recommendation, RecordedPosition } from '@kenes/shared';

/**
 * What the record says of a recommendation's positions: for an agreed one,
 * the positions frozen with the agreement (organisation, type, kind, text in
 * full); nothing otherwise, since positions before agreement are not final.
 * The minutes and the outcome document both spread this into their summary.
 */
export function recordedPositions(
  rec: Recommendation,
): { agreedPositions: RecordedPosition[] } | Record<string, never> {
  if (rec.status !== 'agreed' || rec.agreedPositions === undefined) return {};
  return {
    agreedPositions: rec.agreedPositions.map((p) => ({
      organisation: p.organisation,
      orgType: p.orgType,
      kind: p.kind,
      text: p.text,
    })),
  };
}
