import * as Y from 'yjs';
import { forEachTextPiece } from './fragmentWalk.js';

/**
 * Suggestions in a recommendation's text (issue 18): runs of text carrying
 * the `insertion` or `deletion` mark (`suggestionMarks.ts`), as y-prosemirror
 * stores them: Yjs text formats whose value is the mark's attributes.
 * Readers for the room's list and the outcome; the one write both sides
 * share, {@link decideSuggestions}, is what the chair's accept and reject do.
 */

/** The two suggestion kinds, which are also the marks' (and formats') names. */
export const SUGGESTION_KINDS = ['insertion', 'deletion'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** A suggestion mark's attributes, as stored in the format. */
export interface SuggestionMark {
  /** `<by>:<random>`: unique without coordination, and tied to its author. */
  id: string;
  /** The suggester's user id (the guard checks it is the sender's). */
  by: string;
  /**
   * When the suggestion was made, epoch ms of the server's clock as the
   * suggester's client reckons it; the guard refuses a new mark whose time is
   * more than {@link SUGGESTION_TIME_TOLERANCE_MS} from its own. Absent (or
   * null, as the editor fills it in) on marks written before times were kept:
   * they show no time.
   */
  at?: number | null;
}

/**
 * How far a new suggestion's `at` may lie from the server's clock: client
 * clocks are corrected by the measured offset, so honest ones land within
 * seconds; this leaves room for a slow link and a laptop waking from sleep.
 */
export const SUGGESTION_TIME_TOLERANCE_MS = 10 * 60_000;

/** Largest `at` a mark may carry (the largest time a JavaScript Date holds). */
export const MAX_SUGGESTION_AT = 8_640_000_000_000_000;

const ID_TAIL = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The suggestion kind a text format key stands for: the mark's name, or
 * `name--<hash>` as y-prosemirror writes a mark that may overlap itself.
 */
export function suggestionKindOfKey(key: string): SuggestionKind | null {
  for (const kind of SUGGESTION_KINDS)
    if (key === kind || (key.startsWith(`${kind}--`) && key.length === kind.length + 10))
      return kind;
  return null;
}

/** The suggestion marks among a run's format attributes (key, kind, value). */
export function suggestionMarksOf(
  attributes: Record<string, unknown> | undefined,
): Array<{ key: string; kind: SuggestionKind; mark: SuggestionMark }> {
  const out: Array<{ key: string; kind: SuggestionKind; mark: SuggestionMark }> = [];
  if (!attributes) return out;
  for (const [key, value] of Object.entries(attributes)) {
    const kind = suggestionKindOfKey(key);
    if (kind !== null && isSuggestionMark(value)) out.push({ key, kind, mark: value });
  }
  return out;
}

/**
 * True for a well-formed mark value: strings, an id that starts with
 * `${by}:`, and a time that is absent, null or a whole epoch-ms number.
 */
export function isSuggestionMark(value: unknown): value is SuggestionMark {
  if (typeof value !== 'object' || value === null) return false;
  const { id, by, at } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof by === 'string' &&
    by !== '' &&
    id.startsWith(`${by}:`) &&
    ID_TAIL.test(id.slice(by.length + 1)) &&
    (at === undefined || at === null || isSuggestionTime(at))
  );
}

/** True for a time a mark may carry: a whole number of epoch ms in [0, MAX_SUGGESTION_AT]. */
export function isSuggestionTime(at: unknown): at is number {
  return Number.isSafeInteger(at) && (at as number) >= 0 && (at as number) <= MAX_SUGGESTION_AT;
}

/** A mark's time, or null when it has none. */
export function suggestionTime(mark: SuggestionMark): number | null {
  return typeof mark.at === 'number' ? mark.at : null;
}

/**
 * What tells two mark values apart for a reader: id, suggester and time. A
 * missing time and a null one read the same — the editor fills in `at: null`
 * on a mark written before times were kept, and the Yjs binding then
 * re-states it with that null: the same mark, not a change.
 */
export function suggestionMarkSignature(mark: SuggestionMark): string {
  return JSON.stringify([mark.id, mark.by, suggestionTime(mark)]);
}

/** A fresh suggestion id for `userId` (random tail, no coordination needed). */
export function newSuggestionId(userId: string, random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 12; i++) tail += Math.floor(random() * 36).toString(36);
  return `${userId}:${tail}`;
}

/** One pending suggestion: all runs carrying one mark id, in document order. */
export interface PendingSuggestion {
  id: string;
  kind: SuggestionKind;
  by: string;
  /** When it was made (its first run's mark), or null when the mark holds no time. */
  at: number | null;
  /** The text of its runs, joined (a suggestion may span several runs). */
  text: string;
}

/** The pending suggestions of a fragment, in document order of their first run. */
export function listSuggestions(fragment: Y.XmlFragment): PendingSuggestion[] {
  const byKey = new Map<string, PendingSuggestion>();
  forEachText(fragment, (node) =>
    forEachTextPiece(node, (text, attributes) => {
      for (const { kind, mark } of suggestionMarksOf(attributes)) {
        const key = `${kind} ${mark.id}`;
        const known = byKey.get(key);
        if (known) known.text += text;
        else byKey.set(key, { id: mark.id, kind, by: mark.by, at: suggestionTime(mark), text });
      }
    }),
  );
  return [...byKey.values()];
}

/** The decision on a suggestion. */
export type SuggestionDecision = 'accept' | 'reject';

/**
 * Accepts or rejects every suggestion `select` picks, in one go (call it
 * inside one transaction). Accepting an insertion drops its mark, rejecting
 * it deletes its text; accepting a deletion deletes its text, rejecting it
 * drops its mark. Text with both marks (a deletion suggested of someone's
 * insertion) follows whichever is decided. Returns what it decided.
 */
export function decideSuggestions(
  fragment: Y.XmlFragment,
  select: (s: PendingSuggestion) => boolean,
  decision: SuggestionDecision,
): PendingSuggestion[] {
  const decided = new Map<string, PendingSuggestion>();
  forEachText(fragment, (node) => {
    type Op = { index: number; length: number; remove: boolean; key: string };
    const ops: Op[] = [];
    let index = 0;
    for (const op of node.toDelta() as Array<{
      insert?: unknown;
      attributes?: Record<string, unknown>;
    }>) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (typeof op.insert !== 'string') {
        index += length;
        continue;
      }
      for (const { key: formatKey, kind, mark } of suggestionMarksOf(op.attributes)) {
        const s: PendingSuggestion = {
          id: mark.id,
          kind,
          by: mark.by,
          at: suggestionTime(mark),
          text: op.insert,
        };
        if (!select(s)) continue;
        const key = `${kind} ${mark.id}`;
        const known = decided.get(key);
        if (known) known.text += op.insert;
        else decided.set(key, s);
        const remove = (kind === 'insertion') === (decision === 'reject');
        ops.push({ index, length, remove, key: formatKey });
      }
      index += length;
    }
    // Right to left, so earlier indexes stay valid; a run removed once is not formatted after.
    ops.sort((a, b) => b.index - a.index || Number(b.remove) - Number(a.remove));
    let removedAt = -1;
    for (const op of ops) {
      if (op.index === removedAt) continue;
      if (op.remove) {
        node.delete(op.index, op.length);
        removedAt = op.index;
      } else node.format(op.index, op.length, { [op.key]: null });
    }
  });
  return [...decided.values()];
}

/** Calls `visit` with every text node of `fragment`, depth first. */
function forEachText(fragment: Y.XmlFragment, visit: (node: Y.XmlText) => void): void {
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) visit(child);
    else if (child instanceof Y.XmlElement) forEachText(child, visit);
  }
}
