import * as Y from 'yjs';
import {
  can,
  isCaretColour,
  isRole,
  meetingRoots,
  ORG_TYPES,
  parseCursor,
  type CursorJson,
  type RelativePositionJson,
} from '@kenes/shared';
import type { Principal } from './interfaces.js';

/**
 * The shape of an awareness state Kenes relays, and nothing else:
 *
 * ```
 * { user: { id, name, organisation, orgType, role, color },   // stamped by the server
 *   cursor?: { anchor, head } }                                // editors only
 * ```
 *
 * `user` comes from the session (the client's is ignored); `cursor` is kept
 * only for a member who may edit texts, only when both positions are
 * well-formed Yjs relative positions (as y-prosemirror writes them) that
 * resolve inside the same `texts` fragment of the room's document. Any other
 * field is dropped. A client's editor binding reads these fields without
 * guarding them (one `cursor: {anchor: null}` broke every open editor), so
 * the server relays only what a client can draw.
 */
export interface RelayedState {
  user: Record<string, unknown>;
  cursor?: CursorJson;
}

/** The identity the server writes into `state.user`: the session's, with the room's colour. */
export function stampedUser(p: Principal, colour: string): Record<string, unknown> {
  return {
    id: p.userId,
    name: p.name,
    organisation: p.organisation,
    orgType: p.orgType,
    role: p.role,
    color: colour,
  };
}

/**
 * A client's state as the room relays it: identity stamped, a cursor kept
 * only when it is valid for this sender and this document (see
 * {@link RelayedState}).
 */
export function shapeClientState(
  state: Record<string, unknown>,
  principal: Principal,
  colour: string,
  doc: Y.Doc,
): RelayedState {
  const out: RelayedState = { user: stampedUser(principal, colour) };
  if (state.cursor === undefined || state.cursor === null) return out;
  if (!can(principal.role, 'text.edit')) return out;
  const cursor = parseCursor(state.cursor);
  if (cursor === null) return out;
  const a = textsFragmentAt(doc, cursor.anchor);
  if (a === null || textsFragmentAt(doc, cursor.head) !== a) return out;
  out.cursor = cursor;
  return out;
}

const USER_STRING_FIELDS = ['id', 'name', 'organisation'] as const;
/** Bounds on relayed identity strings (a profile's own limits are lower). */
const MAX_USER_FIELD = 512;

/**
 * A state relayed by another Kenes process (Redis): it was shaped there, so
 * only its form is checked here (the other process's document may be ahead
 * of this one's, so positions are not resolved). Anything off-shape: null.
 */
export function shapeRelayedState(state: Record<string, unknown>): RelayedState | null {
  const u = state.user;
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return null;
  const user = u as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of USER_STRING_FIELDS) {
    const v = user[k];
    if (typeof v !== 'string' || v.length > MAX_USER_FIELD) return null;
    out[k] = v;
  }
  if (!(ORG_TYPES as readonly unknown[]).includes(user.orgType)) return null;
  if (!isRole(user.role)) return null;
  if (!isCaretColour(user.color)) return null;
  out.orgType = user.orgType;
  out.role = user.role;
  out.color = user.color;
  const shaped: RelayedState = { user: out };
  if (state.cursor !== undefined && state.cursor !== null && can(user.role, 'text.edit')) {
    const cursor = parseCursor(state.cursor);
    if (cursor !== null) shaped.cursor = cursor;
  }
  return shaped;
}

/**
 * The `texts` fragment a relative position resolves into, or null when it
 * names a struct the document does not hold, lies outside every fragment,
 * or in a fragment no longer in the map.
 */
export function textsFragmentAt(doc: Y.Doc, pos: RelativePositionJson): Y.XmlFragment | null {
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(pos), doc);
  } catch {
    return null;
  }
  if (abs === null) return null;
  const texts = meetingRoots(doc).texts;
  let type: Y.AbstractType<unknown> | null = abs.type;
  // Up the parents to the fragment whose item lives in the texts map.
  for (let depth = 0; type !== null && depth < 256; depth++) {
    const item: Y.Item | null = type._item;
    if (item === null) return null;
    if (item.parent === texts) return !item.deleted && type instanceof Y.XmlFragment ? type : null;
    type = item.parent as Y.AbstractType<unknown> | null;
  }
  return null;
}
