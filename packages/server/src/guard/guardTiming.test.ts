import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { createUpdateGuard } from './createGuard.js';
import { buildRoom, capture, ctx, firstText, joinClient } from '../test-support/guardFixtures.js';
import { suggestionFormat } from '../test-support/suggestionFormat.js';

/**
 * Not a benchmark gate: prints the guard's cost next to Yjs's own
 * `applyUpdate` for the same update, so the figure can be reported. Only the
 * verdicts are asserted.
 */
function time(fn: () => void, runs: number): number {
  for (let i = 0; i < Math.min(50, runs); i++) fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

describe('guard timing (printed, not asserted)', () => {
  it('keystroke and 1,000-struct updates on a realistic room', () => {
    const room = buildRoom();
    const seed = joinClient(room);
    // A realistic room: two recommendations of 100 paragraphs each.
    const build = capture(seed, (doc) => {
      const texts = meetingRoots(doc).texts;
      for (const id of ['r1', 'r2']) {
        const f = texts.get(id) as Y.XmlFragment;
        for (let i = 0; i < 100; i++) {
          const p = new Y.XmlElement('paragraph');
          f.insert(f.length, [p]);
          p.insert(0, [
            new Y.XmlText(`Paragraph ${i} of the draft recommendation on gender equality.`),
          ]);
        }
      }
    });
    Y.applyUpdate(room, build);
    const guard = createUpdateGuard();
    const context = ctx();

    const client = joinClient(room);
    const keystroke = capture(client, () => firstText(client).insert(3, 'x'));
    const paster = joinClient(room);
    const big = capture(paster, (doc) => {
      const f = meetingRoots(doc).texts.get('r2') as Y.XmlFragment;
      for (let i = 0; i < 333; i++) {
        const p = new Y.XmlElement('paragraph');
        f.insert(i, [p]);
        p.insert(0, [new Y.XmlText(`pasted ${i}`)]);
      }
    });
    expect(Y.decodeUpdate(big).structs.length).toBeGreaterThanOrEqual(999);
    expect(guard.check(room, keystroke, context)).toMatchObject({ ok: true, empty: false });
    expect(guard.check(room, big, context)).toMatchObject({ ok: true, empty: false });

    const gKey = time(() => guard.check(room, keystroke, context), 2000);
    const gBig = time(() => guard.check(room, big, context), 100);
    const dBig = time(() => Y.decodeUpdate(big), 100);
    // Yjs's own cost of applying the same updates to the room (fresh clones).
    const clones = (n: number): Y.Doc[] =>
      Array.from({ length: n }, () => {
        const d = new Y.Doc();
        Y.applyUpdate(d, Y.encodeStateAsUpdate(room));
        return d;
      });
    const applyTime = (u: Uint8Array, docs: Y.Doc[]): number => {
      const samples = docs.map((d) => {
        const t0 = performance.now();
        Y.applyUpdate(d, u);
        return performance.now() - t0;
      });
      return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
    };
    const aKey = applyTime(keystroke, clones(60));
    const aBig = applyTime(big, clones(20));
    console.log(
      `[guard timing] keystroke (${keystroke.length} B): guard ${(gKey * 1000).toFixed(1)} µs, ` +
        `Y.applyUpdate ${(aKey * 1000).toFixed(1)} µs; ` +
        `1,000 structs (${big.length} B): guard ${gBig.toFixed(2)} ms, Y.applyUpdate ${aBig.toFixed(2)} ms, ` +
        `Y.decodeUpdate ${dBig.toFixed(2)} ms`,
    );
  });

  it('a keystroke in suggesting mode (suggestions only) against a plain one', () => {
    // A room with r1 of 100 paragraphs; each run types 400 keys, one update per key,
    // applied to the room after the check as the room does. Same positions both ways.
    const run = (suggesting: boolean): number => {
      const room = buildRoom();
      const seed = joinClient(room);
      Y.applyUpdate(
        room,
        capture(seed, (doc) => {
          const f = meetingRoots(doc).texts.get('r1') as Y.XmlFragment;
          for (let i = 0; i < 100; i++) {
            const p = new Y.XmlElement('paragraph');
            f.insert(f.length, [p]);
            p.insert(0, [new Y.XmlText(`Paragraph ${i} of the draft recommendation on gender.`)]);
          }
        }),
      );
      if (suggesting) meetingRoots(room).recommendations.get(0).set('suggestionsOnly', true);
      const guard = createUpdateGuard();
      const context = ctx();
      const client = joinClient(room);
      const mark = suggesting ? suggestionFormat('insertion', { id: 'u1:typing', by: 'u1' }) : {};
      const samples: number[] = [];
      for (let i = 0; i < 400; i++) {
        const u = capture(client, () => firstText(client).insert(5 + i, 'x', mark));
        const t0 = performance.now();
        const verdict = guard.check(room, u, context);
        samples.push(performance.now() - t0);
        expect(verdict).toMatchObject({ ok: true, empty: false });
        Y.applyUpdate(room, u);
      }
      samples.sort((a, b) => a - b);
      // Skip the first check of a suggesting room: it builds the shadow copy.
      return samples[Math.floor(samples.length / 2)] as number;
    };
    const plain = run(false);
    const suggesting = run(true);
    console.log(
      `[guard timing] keystroke, median of 400: plain ${(plain * 1000).toFixed(1)} µs, ` +
        `suggesting (suggestions only) ${(suggesting * 1000).toFixed(1)} µs`,
    );
  });
});
