import * as Y from 'yjs';
import type { TextAttribution } from '../store/Store.js';
import type { AttributionIndex } from './AttributionIndex.js';
import { matchMoved } from './matchMoved.js';

/**
 * Moved-text attribution, the pure core: which text an incoming update
 * inserts is a re-insertion of text the same update deletes, and whose it
 * was.
 *
 * Why: y-prosemirror writes a ProseMirror change back by diffing each
 * ProseMirror node against its Y type (`updateYFragment`). A change that
 * ProseMirror makes structurally — Enter inside a paragraph (split), Delete
 * or Backspace across a paragraph boundary (join), moving a paragraph,
 * turning a paragraph into a heading or list item — reaches Yjs as "delete
 * these items, insert a copy of their text" under the editing person's
 * client id, in one transaction. Yjs keeps no link between the copy and the
 * original, so the server links them here: it sees both halves whole, before
 * applying the update.
 */

/** Cap on the deleted and on the inserted characters looked at per update (bounds the work). */
export const MAX_CHARS = 256 * 1024;

/** A Yjs delete set (the type is not exported by name). */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** An update decoded far enough to attribute it (see {@link scanUpdate}). */
export interface ScannedUpdate {
  structs: Array<Y.Item | Y.GC | Y.Skip>;
  ds: DeleteSet;
  /** Client ids whose items the update deletes (whose earlier records matter). */
  deletedClients: number[];
}

/**
 * The cheap first look: null when the update cannot re-insert text it
 * deletes — no deletion, or no inserted text. A keystroke has no deletion:
 * its last byte, the delete set's client count, is 0 (the last byte of a
 * non-empty delete set is a range length, never 0), so it is answered
 * without decoding.
 */
export function scanUpdate(update: Uint8Array): ScannedUpdate | null {
  if (update.length === 0 || update[update.length - 1] === 0) return null;
  const { structs, ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return null;
  if (!structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentString))
    return null;
  return { structs, ds, deletedClients: [...ds.clients.keys()] };
}

/** Who is behind the update and the text it touches. */
export interface MoveContext {
  /** The user who sent the update: the owner of its not yet bound client ids. */
  sender: string;
  /** The user a client id is bound to (undefined: nobody, e.g. the server). */
  ownerOf(client: number): string | undefined;
  /** Records already stored for the clients in `deletedClients` (chains: a copy of a copy). */
  recorded: AttributionIndex;
}

/** Part of one Yjs item: `length` characters from `clock` on. */
interface Piece {
  client: number;
  clock: number;
  length: number;
}

/** Contiguous text with the item parts it is made of, in order. */
interface Stretch {
  text: string;
  pieces: Piece[];
}

/** A stretch of deleted text with its authors: `[from, to)` of `text` belongs to `userId`. */
interface Authored extends Stretch {
  authors: Array<{ from: number; to: number; userId: string | null }>;
}

/** Appends to the open stretch (merging with its last piece when contiguous). */
function append(s: Stretch, text: string, piece: Piece): void {
  s.text += text;
  const last = s.pieces.at(-1);
  if (last && last.client === piece.client && last.clock + last.length === piece.clock)
    last.length += piece.length;
  else s.pieces.push(piece);
}

/** Item-relative `[from, to)` ranges of `item` that the delete set `ranges` covers. */
function coveredParts(
  item: Y.Item,
  ranges: ReadonlyArray<{ clock: number; len: number }>,
): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  const start = item.id.clock;
  for (const r of ranges) {
    const from = Math.max(r.clock, start);
    const to = Math.min(r.clock + r.len, start + item.length);
    if (from < to) parts.push([from - start, to - start]);
  }
  return parts;
}

/**
 * The text the update deletes from `doc`, in document order, cut into
 * stretches wherever text that stays (or a paragraph boundary) lies between.
 */
function deletedText(doc: Y.Doc, ds: DeleteSet): Stretch[] {
  const parts = new Map<Y.Item, Array<[number, number]>>();
  const parents = new Set<Y.AbstractType<unknown>>();
  let budget = MAX_CHARS;
  ds.clients.forEach((ranges, client) => {
    const structs = doc.store.clients.get(client);
    if (!structs || budget <= 0) return;
    const known = Y.getState(doc.store, client);
    for (const r of ranges) {
      if (r.clock >= known) break;
      const end = Math.min(r.clock + r.len, known);
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= end) break;
        if (!(s instanceof Y.Item) || s.deleted || !(s.content instanceof Y.ContentString))
          continue;
        if (parts.has(s)) continue;
        const covered = coveredParts(s, ranges);
        parts.set(s, covered);
        for (const [a, b] of covered) budget -= b - a;
        parents.add(s.parent as Y.AbstractType<unknown>);
      }
    }
  });
  const out: Stretch[] = [];
  for (const parent of parents) {
    let open: Stretch | null = null;
    const close = (): void => {
      if (open && open.text.length > 0) out.push(open);
      open = null;
    };
    for (let n = parent._start; n !== null; n = n.right) {
      const covered = parts.get(n);
      if (!covered) {
        // Text that stays separates two deleted stretches; formats and tombstones do not.
        if (!n.deleted && n.countable) close();
        continue;
      }
      const str = (n.content as Y.ContentString).str;
      let at = 0;
      for (const [a, b] of covered) {
        if (a > at) close();
        open ??= { text: '', pieces: [] };
        append(open, str.slice(a, b), {
          client: n.id.client,
          clock: n.id.clock + a,
          length: b - a,
        });
        at = b;
      }
      if (at < n.length) close();
    }
    close();
  }
  return out;
}

/**
 * The text the update inserts (and does not delete itself), as runs of
 * consecutive items of one client: a run goes on across formatting items
 * (a bold word inside a moved paragraph) and stops at anything else.
 */
function insertedText(doc: Y.Doc, scan: ScannedUpdate): Stretch[] {
  const out: Stretch[] = [];
  let open: Stretch | null = null;
  let next: { client: number; clock: number } | null = null;
  let budget = MAX_CHARS;
  const close = (): void => {
    if (open && open.text.length > 0) out.push(open);
    open = null;
  };
  for (const s of scan.structs) {
    const { client, clock } = s.id;
    if (!next || next.client !== client || next.clock !== clock) close();
    next = { client, clock: clock + s.length };
    if (!(s instanceof Y.Item)) {
      close();
      continue;
    }
    if (s.content instanceof Y.ContentFormat) continue;
    if (!(s.content instanceof Y.ContentString) || budget <= 0) {
      close();
      continue;
    }
    const known = Math.max(0, Y.getState(doc.store, client) - clock); // already in the doc
    const deleted = coveredParts(s, scan.ds.clients.get(client) ?? []);
    let at = known;
    for (const [a, b] of [...deleted, [s.length, s.length] as [number, number]]) {
      if (b <= at) continue;
      if (a > at) {
        open ??= { text: '', pieces: [] };
        append(open, s.content.str.slice(at, a), { client, clock: clock + at, length: a - at });
        budget -= a - at;
      }
      if (b > a) close();
      at = Math.max(at, b);
    }
  }
  close();
  return out;
}

/** The authors of a deleted stretch, piece by piece: a recorded first author, else the binding. */
function authorsOf(s: Stretch, ctx: MoveContext): Authored {
  const authors: Authored['authors'] = [];
  let at = 0;
  for (const p of s.pieces) {
    for (const c of ctx.recorded.split(p.client, p.clock, p.length)) {
      const userId = c.userId === undefined ? (ctx.ownerOf(p.client) ?? null) : c.userId;
      const last = authors.at(-1);
      if (last && last.userId === userId) last.to += c.length;
      else authors.push({ from: at, to: at + c.length, userId });
      at += c.length;
    }
  }
  return { ...s, authors };
}

/** The item parts behind characters `[from, to)` of a stretch. */
function piecesAt(s: Stretch, from: number, to: number): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const p of s.pieces) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + p.length);
    if (a < b) out.push({ client: p.client, clock: p.clock + (a - at), length: b - a });
    at += p.length;
    if (at >= to) break;
  }
  return out;
}

/**
 * The attributions an update brings: its inserted item ranges that copy
 * text it deletes from `doc` (the room's doc before the update), credited
 * to that text's first author. Ranges credited to the inserting client's
 * own user are left out (the binding says as much). Pure: reads `doc` only.
 */
export function findMoves(doc: Y.Doc, scan: ScannedUpdate, ctx: MoveContext): TextAttribution[] {
  const deleted = deletedText(doc, scan.ds);
  if (deleted.length === 0) return [];
  const inserted = insertedText(doc, scan);
  if (inserted.length === 0) return [];
  const authored = deleted.map((d) => authorsOf(d, ctx));
  const out: TextAttribution[] = [];
  for (const m of matchMoved(
    inserted.map((r) => r.text),
    deleted.map((d) => d.text),
  )) {
    const run = inserted[m.run]!;
    const seg = authored[m.seg]!;
    const shift = m.from - m.segFrom; // seg offset → run offset
    for (const a of seg.authors) {
      const from = Math.max(a.from, m.segFrom) + shift;
      const to = Math.min(a.to, m.segFrom + (m.to - m.from)) + shift;
      if (from >= to) continue;
      for (const p of piecesAt(run, from, to)) {
        if (a.userId === (ctx.ownerOf(p.client) ?? ctx.sender)) continue;
        const last = out.at(-1);
        if (
          last &&
          last.clientId === p.client &&
          last.clock + last.length === p.clock &&
          last.userId === a.userId
        )
          last.length += p.length;
        else out.push({ clientId: p.client, clock: p.clock, length: p.length, userId: a.userId });
      }
    }
  }
  return out;
}
