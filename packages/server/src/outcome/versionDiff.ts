import { diffWordsWithSpace } from 'diff';
import type {
  DiffSegment,
  RecommendationDiff,
  RecommendationsDiff,
  RecommendationStatus,
} from '@kenes/shared';

/**
 * What changed in the recommendations between a saved version and now, as a
 * readable word diff per recommendation (jsdiff). Pure.
 */

/** A recommendation as the diff compares it: plain text (`fragmentText`), title and status. */
export interface ComparableRecommendation {
  id: string;
  title: string;
  status: RecommendationStatus;
  text: string;
}

/**
 * Word-level diff of two texts, whitespace kept exactly.
 * @example textDiff('a b', 'a c') // [{op:'equal',text:'a '},{op:'removed',text:'b'},{op:'added',text:'c'}]
 */
export function textDiff(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  return diffWordsWithSpace(before, after).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'equal',
    text: c.value,
  }));
}

function measure(segments: readonly DiffSegment[], op: DiffSegment['op']): number {
  return segments.filter((s) => s.op === op).reduce((n, s) => n + [...s.text].length, 0);
}

/**
 * Compares the recommendations of a version (`before`) with the current ones
 * (`after`): current ones in their order (added ones included), then those
 * removed since.
 */
export function diffRecommendations(
  before: readonly ComparableRecommendation[],
  after: readonly ComparableRecommendation[],
): RecommendationsDiff {
  const old = new Map(before.map((r) => [r.id, r]));
  const current = new Set(after.map((r) => r.id));
  const out: RecommendationDiff[] = [];
  for (const now of after) {
    const was = old.get(now.id);
    const segments = textDiff(was?.text ?? '', now.text);
    const changed =
      !was || was.text !== now.text || was.title !== now.title || was.status !== now.status;
    out.push({
      id: now.id,
      title: now.title,
      change: !was ? 'added' : changed ? 'changed' : 'unchanged',
      titleBefore: was && was.title !== now.title ? was.title : null,
      statusBefore: was?.status ?? null,
      statusAfter: now.status,
      segments,
      addedChars: measure(segments, 'added'),
      removedChars: measure(segments, 'removed'),
    });
  }
  for (const was of before) {
    if (current.has(was.id)) continue;
    const segments = textDiff(was.text, '');
    out.push({
      id: was.id,
      title: was.title,
      change: 'removed',
      titleBefore: null,
      statusBefore: was.status,
      statusAfter: null,
      segments,
      addedChars: 0,
      removedChars: measure(segments, 'removed'),
    });
  }
  const count = (c: RecommendationDiff['change']) => out.filter((d) => d.change === c).length;
  return {
    recommendations: out,
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      unchanged: count('unchanged'),
    },
  };
}
