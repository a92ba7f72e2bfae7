/**
 * `next`, sharing every part that equals `prev`: `prev` itself when the two
 * are equal, otherwise a value whose equal elements and properties are
 * `prev`'s objects (structural sharing, as TanStack Query's
 * `replaceEqualDeep`).
 *
 * Why: readers of the document (`readMeeting`, `readRecommendations`, …) and
 * of awareness build fresh objects on every update, and every update of the
 * document — each keystroke anyone types in any text — would re-render each
 * component that reads one, although its value did not change (in a room of
 * 200 recommendations, 200 cards per keystroke: issue 20). Kept equal, the
 * snapshot is the same object and React skips the render; a changed
 * recommendation is a new object while the others keep theirs.
 *
 * Plain data only is compared by value: arrays and objects whose prototype is
 * `Object.prototype` or null. Anything else (a Yjs type, a Map, a function)
 * is equal only to itself.
 *
 * @example
 * keepEqual({ a: [1] }, { a: [1] }) // the first object
 */
export function keepEqual<T>(prev: T, next: T): T {
  return share(prev, next) as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function share(prev: unknown, next: unknown): unknown {
  if (Object.is(prev, next)) return prev;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item: unknown, i) => {
      const kept = i < prev.length ? share(prev[i], item) : item;
      if (kept !== prev[i]) same = false;
      return kept;
    });
    return same ? prev : out;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const prevKeys = Object.keys(prev);
    const nextKeys = Object.keys(next);
    let same = prevKeys.length === nextKeys.length;
    const out: Record<string, unknown> = {};
    for (const k of nextKeys) {
      const kept = Object.hasOwn(prev, k) ? share(prev[k], next[k]) : next[k];
      if (!Object.hasOwn(prev, k) || kept !== prev[k]) same = false;
      out[k] = kept;
    }
    return same ? prev : out;
  }
  return next;
}
