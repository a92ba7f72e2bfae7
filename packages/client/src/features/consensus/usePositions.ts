import { useMemo } from 'react';
import type * as Y from 'yjs';
import {
  ORG_TYPES,
  readPositions,
  type OrgType,
  type Position,
  type PresentOrganisation,
} from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import type { PresentUser } from '../../sync/usePresence.js';

/** The current positions on a recommendation, live (validated by the shared reader). */
export function usePositions(doc: Y.Doc, recId: string): Position[] {
  const read = useMemo(() => (d: Y.Doc) => readPositions(d, recId), [recId]);
  return useDocValue(doc, read);
}

/**
 * The organisations present that may take a position: members in the room who
 * are not observers, with the meeting organisation the server stamped.
 * Anything ill-formed (no organisation, unknown type) is left out.
 */
export function presentOrganisations(present: readonly PresentUser[]): PresentOrganisation[] {
  return present.flatMap((p) =>
    p.role !== null &&
    p.role !== 'observer' &&
    p.organisation.trim() !== '' &&
    (ORG_TYPES as readonly string[]).includes(p.orgType)
      ? [{ organisation: p.organisation, orgType: p.orgType as OrgType }]
      : [],
  );
}
