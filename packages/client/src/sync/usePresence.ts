import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { isRole, type Role } from '@kenes/shared';

/** One person present, as the server stamped them into awareness `state.user`. */
export interface PresentUser {
  clientId: number;
  id: string;
  name: string;
  organisation: string;
  orgType: string;
  role: Role | null;
  isSelf: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Everyone present in the room, one entry per person (several tabs of one
 * account count once), from the awareness states the server stamps.
 */
export function readPresence(awareness: Awareness): PresentUser[] {
  const byUser = new Map<string, PresentUser>();
  for (const [clientId, state] of awareness.getStates()) {
    const u = (state as { user?: Record<string, unknown> }).user;
    if (typeof u !== 'object' || u === null) continue;
    const id = str(u.id) || `client-${clientId}`;
    const isSelf = clientId === awareness.clientID;
    const prev = byUser.get(id);
    if (prev && !isSelf) continue;
    byUser.set(id, {
      clientId,
      id,
      name: str(u.name),
      organisation: str(u.organisation),
      orgType: str(u.orgType),
      role: isRole(u.role) ? u.role : null,
      isSelf: isSelf || (prev?.isSelf ?? false),
    });
  }
  return [...byUser.values()].sort((a, b) => a.organisation.localeCompare(b.organisation));
}

/** {@link readPresence}, re-read on every awareness change. */
export function usePresence(awareness: Awareness | null): PresentUser[] {
  const [present, setPresent] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (awareness === null) return;
    const update = () => setPresent(readPresence(awareness));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return awareness === null ? [] : present;
}
