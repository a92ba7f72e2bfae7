import { createHash } from 'node:crypto';
import type { SuggestionKind, SuggestionMark } from '@kenes/shared';

/**
 * The Yjs format key y-prosemirror writes for a suggestion mark: the marks
 * may overlap themselves, so the key is `kind--<8-character hash>` (the
 * hash here is of the id; the binding hashes the mark's JSON — the guard
 * accepts any 8 characters of the alphabet).
 */
export function suggestionKey(kind: SuggestionKind, id: string): string {
  const hash = createHash('sha256')
    .update(id)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, 'x');
  return `${kind}--${hash.slice(0, 8)}`;
}

/** Format attributes carrying one suggestion mark, for raw Yjs edits in tests. */
export function suggestionFormat(
  kind: SuggestionKind,
  mark: SuggestionMark,
): Record<string, SuggestionMark> {
  return { [suggestionKey(kind, mark.id)]: mark };
}
