/**
 * Which parts of inserted texts are copies of deleted texts: the string
 * matching behind moved-text attribution, on plain strings.
 *
 * Greedy tiling, left to right through each inserted text: at each position
 * take the longest stretch that also occurs in a deleted text (a stretch
 * continuing the previous match is tried first, so text moved verbatim costs
 * one comparison per character), keep it when it is at least
 * {@link MIN_MATCH} characters long, else move on by one character.
 * Candidates come from an index of the deleted texts' {@link MIN_MATCH}-grams
 * with at most {@link MAX_CANDIDATES} positions per gram, so the work is
 * bounded by `MAX_CANDIDATES × (inserted + deleted length)` whatever the
 * text. What is left between those stretches (or a whole inserted text
 * shorter than that) counts as moved only when it equals a whole deleted
 * text (the one-word tail of a split paragraph), so a character typed over a
 * selection is not credited to the selection's author.
 */

/** Shortest stretch credited to a deleted text's author inside a longer text. */
export const MIN_MATCH = 3;
/** Positions kept per gram of the deleted texts (bounds the work on repetitive text). */
export const MAX_CANDIDATES = 32;

/** `inserted[run]` characters `[from, to)` are deleted text `deleted[seg]` from `segFrom` on. */
export interface MovedStretch {
  run: number;
  from: number;
  to: number;
  seg: number;
  segFrom: number;
}

/** Finds the stretches of `inserted` texts that copy `deleted` texts (see the module comment). */
export function matchMoved(
  inserted: readonly string[],
  deleted: readonly string[],
): MovedStretch[] {
  // One pool string; `segOf`/`segEnd` locate each position's deleted text.
  const pool = deleted.join('');
  const segOf = new Int32Array(pool.length);
  const segStart: number[] = [];
  let at = 0;
  deleted.forEach((d, i) => {
    segStart.push(at);
    segOf.fill(i, at, at + d.length);
    at += d.length;
  });
  const segEnd = (pos: number): number => segStart[segOf[pos]!]! + deleted[segOf[pos]!]!.length;

  const grams = new Map<string, number[]>();
  for (let i = 0; i + MIN_MATCH <= pool.length; i++) {
    if (i + MIN_MATCH > segEnd(i)) continue; // grams never straddle two deleted texts
    const g = pool.substr(i, MIN_MATCH);
    const list = grams.get(g);
    if (!list) grams.set(g, [i]);
    else if (list.length < MAX_CANDIDATES) list.push(i);
  }
  const whole = new Map<string, number>();
  deleted.forEach((d, i) => {
    if (d.length > 0 && d.length < MIN_MATCH && !whole.has(d)) whole.set(d, i);
  });

  const out: MovedStretch[] = [];
  inserted.forEach((text, run) => {
    const found: MovedStretch[] = [];
    const common = (i: number, p: number): number => {
      const limit = Math.min(text.length - i, segEnd(p) - p);
      let n = 0;
      while (n < limit && text.charCodeAt(i + n) === pool.charCodeAt(p + n)) n++;
      return n;
    };
    let i = 0;
    let next = -1; // pool position right after the previous match
    while (i + MIN_MATCH <= text.length) {
      let best = 0;
      let bestAt = -1;
      if (next >= 0 && next < pool.length && segOf[next] === segOf[next - 1]) {
        best = common(i, next);
        bestAt = next;
      }
      if (best < text.length - i) {
        for (const p of grams.get(text.substr(i, MIN_MATCH)) ?? []) {
          const n = common(i, p);
          if (n > best) {
            best = n;
            bestAt = p;
          }
        }
      }
      if (best >= MIN_MATCH) {
        const seg = segOf[bestAt]!;
        found.push({ run, from: i, to: i + best, seg, segFrom: bestAt - segStart[seg]! });
        i += best;
        next = bestAt + best;
      } else {
        i++;
        next = -1;
      }
    }
    // What is left between the stretches counts only when it is a whole short deleted text.
    let at = 0;
    for (const f of [...found, { from: text.length, to: text.length }]) {
      if (f.from > at) {
        const seg = whole.get(text.slice(at, f.from));
        if (seg !== undefined) out.push({ run, from: at, to: f.from, seg, segFrom: 0 });
      }
      if ('run' in f) out.push(f);
      at = f.to;
    }
  });
  return out;
}
