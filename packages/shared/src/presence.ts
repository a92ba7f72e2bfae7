/**
 * What an awareness state may hold, agreed by the server (which drops
 * anything else before relaying) and the client (which renders only what
 * passes the same checks, whatever a server relays): a person's caret colour
 * and the shape of a caret position.
 */

/**
 * Caret colours, one per person present. `#rrggbb` only: Tiptap's caret
 * extension and y-prosemirror accept no other format (they fall back to
 * `transparent`). Each has at least 4.5:1 contrast with white label text
 * (WCAG AA for normal text), and neighbours differ in hue so that
 * consecutive picks stay tellable apart.
 */
export const CARET_COLOURS = [
  '#b91c1c', // red
  '#1d4ed8', // blue
  '#15803d', // green
  '#7e22ce', // purple
  '#c2410c', // orange
  '#0e7490', // cyan
  '#be185d', // pink
  '#4d7c0f', // olive
  '#4338ca', // indigo
  '#a16207', // ochre
  '#0f766e', // teal
  '#9f1239', // crimson
  '#6d28d9', // violet
  '#374151', // slate
  '#0369a1', // sky
  '#854d0e', // brown
] as const;

/** True for a colour the server hands out (and carets draw). */
export function isCaretColour(v: unknown): v is string {
  return typeof v === 'string' && (CARET_COLOURS as readonly string[]).includes(v);
}

/**
 * The palette slot a person starts from: a hash of their user id, so the same
 * person gets the same colour in every meeting unless someone present holds it.
 */
export function preferredCaretColour(userId: string): number {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (Math.imul(h, 31) + userId.charCodeAt(i)) >>> 0;
  return h % CARET_COLOURS.length;
}

/** A Yjs struct id as JSON: `{client, clock}`. */
export interface IdJson {
  client: number;
  clock: number;
}

/**
 * A Yjs relative position as y-prosemirror publishes it (`JSON.stringify` of
 * a `Y.RelativePosition`): next to an item (`item`, with its parent's `type`
 * in recent Yjs), or at an end of a type (`type` alone). `tname` (a root type) never occurs in Kenes, whose fragments are
 * nested in the `texts` map, and is refused: resolving it would create a root.
 */
export interface RelativePositionJson {
  type: IdJson | null;
  tname: null;
  item: IdJson | null;
  assoc: number;
}

/** A caret: where a selection starts and where it ends. */
export interface CursorJson {
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Largest Yjs client id (a uint32) and clock we take as well-formed. */
const MAX_CLIENT = 0xffff_ffff;

function parseId(v: unknown): IdJson | null | undefined {
  if (v === null || v === undefined) return null;
  if (!isPlainObject(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 2 || !('client' in v) || !('clock' in v)) return undefined;
  const { client, clock } = v;
  if (!Number.isSafeInteger(client) || (client as number) < 0 || (client as number) > MAX_CLIENT)
    return undefined;
  if (!Number.isSafeInteger(clock) || (clock as number) < 0) return undefined;
  return { client: client as number, clock: clock as number };
}

const POSITION_KEYS = new Set(['type', 'tname', 'item', 'assoc']);

/**
 * Reads a relative position strictly: only the four fields Yjs writes, ids
 * of non-negative integers, `assoc` -1, 0 or 1, and an `item` or a `type`. Answers a fresh canonical object, or null when `v` is anything else.
 */
export function parseRelativePosition(v: unknown): RelativePositionJson | null {
  if (!isPlainObject(v)) return null;
  for (const k of Object.keys(v)) if (!POSITION_KEYS.has(k)) return null;
  if (v.tname !== undefined && v.tname !== null) return null;
  const item = parseId(v.item);
  const type = parseId(v.type);
  if (item === undefined || type === undefined) return null;
  // Next to an item (newer Yjs also names its type), or at a type's end.
  if (item === null && type === null) return null;
  const assoc = v.assoc ?? 0;
  if (assoc !== -1 && assoc !== 0 && assoc !== 1) return null;
  return { type, tname: null, item, assoc };
}

/** Reads a caret `{anchor, head}` strictly (see {@link parseRelativePosition}); null otherwise. */
export function parseCursor(v: unknown): CursorJson | null {
  if (!isPlainObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 2) return null;
  const anchor = parseRelativePosition(v.anchor);
  const head = parseRelativePosition(v.head);
  return anchor && head ? { anchor, head } : null;
}
