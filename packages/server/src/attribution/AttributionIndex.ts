import type { TextAttribution } from '../store/Store.js';

/** A stretch of one client's items and who it is credited to. */
export interface CreditPiece {
  length: number;
  /** The recorded original author (null: no known person), or undefined when nothing is recorded. */
  userId: string | null | undefined;
}

/**
 * The moved-text attributions of a meeting, looked up by Yjs item id.
 * A record covers the clocks `[clock, clock + length)` of one client; a
 * Yjs item may since have been split or merged, so lookups go by clock
 * range, never by item.
 */
export class AttributionIndex {
  /** Per client: records sorted by clock (they never overlap: item ids are unique). */
  private readonly byClient = new Map<number, TextAttribution[]>();

  constructor(records: Iterable<TextAttribution> = []) {
    for (const r of records) this.add(r);
  }

  /** True when nothing is recorded (lookups can be skipped). */
  get empty(): boolean {
    return this.byClient.size === 0;
  }

  /** Adds a record (kept sorted by clock). */
  add(record: TextAttribution): void {
    const list = this.byClient.get(record.clientId);
    if (!list) {
      this.byClient.set(record.clientId, [record]);
      return;
    }
    let i = list.length;
    while (i > 0 && list[i - 1]!.clock > record.clock) i--;
    list.splice(i, 0, record);
  }

  /**
   * Splits the item range `client:clock…clock+length` into pieces by
   * recorded author; pieces with `userId` undefined have no record (credit
   * them through the client's binding). Adjacent pieces differ in author.
   */
  split(client: number, clock: number, length: number): CreditPiece[] {
    const list = this.byClient.get(client);
    if (!list) return [{ length, userId: undefined }];
    const out: CreditPiece[] = [];
    const push = (len: number, userId: string | null | undefined): void => {
      if (len <= 0) return;
      const last = out.at(-1);
      if (last && last.userId === userId) last.length += len;
      else out.push({ length: len, userId });
    };
    const end = clock + length;
    // First record that ends after `clock` (binary search on the sorted clocks).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid]!;
      if (r.clock + r.length <= clock) lo = mid + 1;
      else hi = mid;
    }
    let at = clock;
    for (let i = lo; i < list.length && at < end; i++) {
      const r = list[i]!;
      if (r.clock >= end) break;
      push(Math.min(r.clock, end) - at, undefined);
      const from = Math.max(r.clock, at);
      const to = Math.min(r.clock + r.length, end);
      push(to - from, r.userId);
      at = to;
    }
    push(end - at, undefined);
    return out;
  }
}
