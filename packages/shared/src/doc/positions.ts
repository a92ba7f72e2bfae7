import * as Y from 'yjs';
import { meetingRoots } from './roots.js';
import {
  ORG_TYPES,
  POSITION_KINDS,
  MAX_POSITION_TEXT,
  positionNeedsText,
  type OrgType,
  type Position,
  type PositionKind,
} from './shapes.js';

/**
 * Positions: where each organisation stands on a recommendation. One per
 * organisation (keyed by `organisationKey` of its name), written by the
 * server alone in the `positions` root: recommendation id → Y.Map of
 * organisation key → `Position` (shapes.ts). Readers validate every field, so a
 * client survives any value the server relays.
 */

const MAX_NAME = 400;

/**
 * Reads a position from any value: null when a field is missing, ill-typed
 * or out of bounds (a reservation or objection without its text too).
 */
export function readPosition(v: unknown): Position | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  const { organisation, key, orgType, kind, text, userId, name, at } = r;
  if (typeof organisation !== 'string' || organisation.length === 0) return null;
  if (organisation.length > MAX_NAME) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_NAME * 4) return null;
  if (typeof orgType !== 'string' || !(ORG_TYPES as readonly string[]).includes(orgType))
    return null;
  if (typeof kind !== 'string' || !(POSITION_KINDS as readonly string[]).includes(kind))
    return null;
  if (typeof text !== 'string' || text.length > MAX_POSITION_TEXT) return null;
  if (positionNeedsText(kind as PositionKind) && text.trim().length === 0) return null;
  if (typeof userId !== 'string' || typeof name !== 'string' || name.length > MAX_NAME) return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  return {
    organisation,
    key,
    orgType: orgType as OrgType,
    kind: kind as PositionKind,
    text,
    userId,
    name,
    at,
  };
}

/** Reads a list of positions (the frozen copy on an agreed recommendation); bad entries skipped. */
export function readPositionList(v: unknown): Position[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((p) => {
    const read = readPosition(p);
    return read ? [read] : [];
  });
}

/**
 * The current positions on a recommendation, in the order they were first
 * set (Y.Map order is not stable across peers, so sorted by time, then key).
 */
export function readPositions(doc: Y.Doc, recId: string): Position[] {
  const m = meetingRoots(doc).positions.get(recId);
  if (!(m instanceof Y.Map)) return [];
  const out: Position[] = [];
  for (const [key, value] of m.entries()) {
    const p = readPosition(value);
    // The map key is what the server keyed it by: a value claiming another key is skipped.
    if (p && p.key === key) out.push(p);
  }
  return out.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/**
 * Sets an organisation's position (replacing its earlier one). Server only,
 * inside a command's transaction.
 */
export function writePosition(doc: Y.Doc, recId: string, position: Position): void {
  const roots = meetingRoots(doc);
  let m = roots.positions.get(recId);
  if (!(m instanceof Y.Map)) {
    m = new Y.Map<unknown>();
    roots.positions.set(recId, m);
  }
  m.set(position.key, { ...position });
}

/** Removes an organisation's position; true when there was one. Server only. */
export function deletePosition(doc: Y.Doc, recId: string, key: string): boolean {
  const m = meetingRoots(doc).positions.get(recId);
  if (!(m instanceof Y.Map) || !m.has(key)) return false;
  m.delete(key);
  return true;
}
