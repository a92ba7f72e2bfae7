import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { isCaretColour, isRole, type Role } from '@kenes/shared';
import { colourFor } from '../editor/colourFor.js';
import { keepEqual } from './keepEqual.js';

/** One person present, as the server stamped them into awareness `state.user`. */
export interface PresentUser {
  clientId: number;
  id: string;
  name: string;
  organisation: string;
  orgType: string;
  role: Role | null;
  /** Their caret colour (`#rrggbb`), as the server assigned it. */
  color: string;
  isSelf: boolean;
}

/** A string field, bounded: a state from the wire may hold anything. */
const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');

/**
 * Everyone present in the room, one entry per person (several tabs of one
 * account count once), from the awareness states the server stamps. Never
 * throws: a state of any shape is either read or skipped.
 */
export function readPresence(awareness: Awareness): PresentUser[] {
  const byUser = new Map<string, PresentUser>();
  for (const [clientId, state] of awareness.getStates()) {
    if (typeof state !== 'object' || state === null) continue;
    const u = (state as { user?: unknown }).user;
    if (typeof u !== 'object' || u === null || Array.isArray(u)) continue;
    const user = u as Record<string, unknown>;
    const id = str(user.id) || `client-${clientId}`;
    const isSelf = clientId === awareness.clientID;
    const prev = byUser.get(id);
    if (prev && !isSelf) continue;
    byUser.set(id, {
      clientId,
      id,
      name: str(user.name),
      organisation: str(user.organisation),
      orgType: str(user.orgType),
      role: isRole(user.role) ? user.role : null,
      color: isCaretColour(user.color) ? user.color : colourFor(id),
      isSelf: isSelf || (prev?.isSelf ?? false),
    });
  }
  return [...byUser.values()].sort((a, b) => a.organisation.localeCompare(b.organisation));
}

/** {@link readPresence}, re-read on every awareness change; the same array while it is equal. */
export function usePresence(awareness: Awareness | null): PresentUser[] {
  const [present, setPresent] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (awareness === null) return;
    // Every caret move is an awareness change; the people present rarely change: keep the
    // same array then, or each one re-renders the room (and each recommendation's panel).
    const update = () => setPresent((prev) => keepEqual(prev, readPresence(awareness)));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return awareness === null ? [] : present;
}
