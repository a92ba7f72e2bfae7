import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';

/** Size quotas on what participants write (configured by `TEXT_MAX_CHARS` and friends). */
export interface TextQuotas {
  /** Most characters one recommendation text may hold (attributes and formats count by their JSON). */
  maxTextChars: number;
  /** Most bytes a meeting's whole document (its encoded state) may grow to by edits. */
  maxMeetingBytes: number;
  /** Bytes of edits one user may commit per second in one meeting, across all their sockets. */
  userBytesPerSecond: number;
  /** Burst on top of {@link userBytesPerSecond} (a large paste). */
  userByteBurst: number;
}

interface Budget {
  bytes: number;
  last: number;
}

type AnyType = Y.AbstractType<unknown>;
type Content = Y.Item['content'];

/** The answer of {@link TextQuota.check}: what the update adds per text, or why it is refused. */
export type QuotaVerdict =
  { ok: true; growth: ReadonlyMap<string, number> } | { ok: false; reason: string };

/**
 * The server's size quotas on client edits, per room: the characters of each
 * recommendation text, the bytes of the whole meeting document, and a byte
 * rate per user shared by all their sockets (so four sockets do not write
 * four times as fast). Checked after the guard accepted an update and before
 * it is committed; an update over a quota is refused whole.
 *
 * Sizes are kept as upper bounds: measured exactly once, then grown by what
 * each committed update inserts (deletions are not subtracted). Only when a
 * bound would pass its quota is the exact size measured again, so ordinary
 * typing costs a decode of the update, not a walk of the document.
 */
export class TextQuota {
  /** Recommendation id → characters, an upper bound. */
  private readonly textChars = new Map<string, number>();
  /** The document's encoded size, an upper bound; null until first measured. */
  private docBytes: number | null = null;
  private readonly budgets = new Map<string, Budget>();

  constructor(
    private readonly limits: TextQuotas,
    private readonly now: () => number,
  ) {}

  /**
   * Whether `update` (already accepted by the guard) fits every quota.
   * Reads `doc`, never writes it.
   */
  check(doc: Y.Doc, update: Uint8Array, userId: string): QuotaVerdict {
    if (this.budget(userId).bytes < update.byteLength)
      return {
        ok: false,
        reason: `edits too fast: at most ${this.limits.userBytesPerSecond} bytes a second`,
      };
    const growth = insertedByText(doc, update);
    for (const [recId, chars] of growth) {
      let size = this.textChars.get(recId) ?? this.measureText(doc, recId);
      if (size + chars > this.limits.maxTextChars) {
        size = this.measureText(doc, recId);
        if (size + chars > this.limits.maxTextChars)
          return {
            ok: false,
            reason: `text over its quota of ${this.limits.maxTextChars} characters`,
          };
      }
    }
    let bytes = this.docBytes ?? this.measureDoc(doc);
    if (bytes + update.byteLength > this.limits.maxMeetingBytes) {
      bytes = this.measureDoc(doc);
      if (bytes + update.byteLength > this.limits.maxMeetingBytes)
        return {
          ok: false,
          reason: `meeting over its quota of ${this.limits.maxMeetingBytes} bytes`,
        };
    }
    return { ok: true, growth };
  }

  /**
   * Counts an update of `userId` the room admitted (it commits next) against
   * their rate and the size bounds (`growth`: what {@link check} found it
   * adds per text). Called at once after a passing check, so the next check —
   * another socket's update in the same batch — sees it.
   */
  admitted(update: Uint8Array, userId: string, growth: ReadonlyMap<string, number>): void {
    this.budget(userId).bytes -= update.byteLength;
    if (this.docBytes !== null) this.docBytes += update.byteLength;
    for (const [recId, chars] of growth) {
      const known = this.textChars.get(recId);
      if (known !== undefined) this.textChars.set(recId, known + chars);
    }
  }

  private budget(userId: string): Budget {
    const t = this.now();
    let b = this.budgets.get(userId);
    if (!b) {
      b = { bytes: this.limits.userByteBurst, last: t };
      this.budgets.set(userId, b);
      return b;
    }
    b.bytes = Math.min(
      this.limits.userByteBurst,
      b.bytes + (Math.max(0, t - b.last) / 1000) * this.limits.userBytesPerSecond,
    );
    b.last = t;
    return b;
  }

  private measureText(doc: Y.Doc, recId: string): number {
    const fragment = meetingRoots(doc).texts.get(recId);
    const size = fragment ? typeSize(fragment as unknown as AnyType) : 0;
    this.textChars.set(recId, size);
    return size;
  }

  private measureDoc(doc: Y.Doc): number {
    this.docBytes = Y.encodeStateAsUpdate(doc).byteLength;
    return this.docBytes;
  }
}

/** The size a piece of content counts for: string length, or the JSON length of anything else. */
function contentSize(content: Content): number {
  if (content instanceof Y.ContentString) return content.str.length;
  if (content instanceof Y.ContentDeleted || content instanceof Y.ContentType) return 0;
  if (content instanceof Y.ContentFormat)
    return content.key.length + (JSON.stringify(content.value) ?? '').length;
  if (content instanceof Y.ContentEmbed) return (JSON.stringify(content.embed) ?? '').length;
  if (content instanceof Y.ContentAny) return (JSON.stringify(content.arr) ?? '').length;
  return content.getLength();
}

/** Characters under a type: its live items (children and attributes), recursively. */
function typeSize(type: AnyType): number {
  let size = 0;
  const count = (item: Y.Item | null): void => {
    for (let i = item; i !== null; i = i.right) {
      if (i.deleted) continue;
      size += contentSize(i.content);
      if (i.content instanceof Y.ContentType) size += 1 + typeSize(i.content.type as AnyType);
    }
  };
  count(type._start);
  for (const item of type._map.values()) count(item);
  return size;
}

/** The recommendation id whose fragment `type` lies in, or null. */
function fragmentOf(type: AnyType, texts: AnyType): string | null {
  let t: AnyType = type;
  for (let depth = 0; depth < 1000; depth++) {
    const item = t._item;
    if (item === null) return null;
    if (item.parent === texts) return typeof item.parentSub === 'string' ? item.parentSub : null;
    t = item.parent as AnyType;
  }
  return null;
}

/**
 * What `update` inserts, per recommendation id. The guard has already placed
 * every new item inside a texts fragment; this finds which one the way Yjs
 * will: the parent of an item's origin (else right origin), or its written
 * parent; items of the update itself resolve through each other.
 */
function insertedByText(doc: Y.Doc, update: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const { structs } = Y.decodeUpdate(update);
  const texts = meetingRoots(doc).texts as unknown as AnyType;
  // Update items by client, sorted by clock, to resolve origins inside the update.
  const own = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = own.get(s.id.client) ?? [];
    list.push(s);
    own.set(s.id.client, list);
  }
  const resolved = new Map<Y.Item, string | null>();
  const findOwn = (id: Y.ID): Y.Item | undefined => itemAt(own.get(id.client), id.clock);
  const inDoc = (id: Y.ID): Y.Item | null => {
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    try {
      const s = Y.getItem(doc.store, id);
      return s instanceof Y.Item ? s : null;
    } catch {
      return null;
    }
  };
  const recOf = (item: Y.Item, depth: number): string | null => {
    const known = resolved.get(item);
    if (known !== undefined) return known;
    if (depth > 10_000) return null;
    let rec: string | null = null;
    const neighbour = item.origin ?? item.rightOrigin;
    if (neighbour) {
      const d = inDoc(neighbour);
      if (d) rec = fragmentOf(d.parent as AnyType, texts);
      else {
        const u = findOwn(neighbour);
        rec = u && u !== item ? recOf(u, depth + 1) : null;
      }
    } else if (item.parent instanceof Y.ID || isId(item.parent)) {
      const pid = item.parent as unknown as Y.ID;
      const d = inDoc(pid);
      if (d && d.content instanceof Y.ContentType)
        rec = fragmentOf(d.content.type as AnyType, texts);
      else {
        const u = findOwn(pid);
        rec = u ? recOf(u, depth + 1) : null;
      }
    }
    resolved.set(item, rec);
    return rec;
  };
  for (const list of own.values()) {
    for (const item of list) {
      const size = contentSize(item.content) + (item.content instanceof Y.ContentType ? 1 : 0);
      if (size === 0) continue;
      const rec = recOf(item, 0);
      // Unresolvable means inert (Yjs stores a GC struct): it adds nothing to any text.
      if (rec !== null) out.set(rec, (out.get(rec) ?? 0) + size);
    }
  }
  return out;
}

/**
 * The item of `items` (one client's, in clock order, as Yjs decodes them)
 * holding `clock`, by binary search: a merged update of 2,000 keystrokes
 * resolves each one's origin, and a scan per item was quadratic.
 */
function itemAt(items: readonly Y.Item[] | undefined, clock: number): Y.Item | undefined {
  if (items === undefined) return undefined;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const item = items[mid]!;
    if (clock < item.id.clock) hi = mid - 1;
    else if (clock >= item.id.clock + item.length) lo = mid + 1;
    else return item;
  }
  return undefined;
}

function isId(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { client?: unknown }).client === 'number' &&
    typeof (v as { clock?: unknown }).clock === 'number'
  );
}
