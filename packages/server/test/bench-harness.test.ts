// `pnpm bench` is the proof that a change kept Kenes fast, so it must keep
// running against the server as it is. It broke silently once: the bench's
// sockets all came in as one member (refused past Limits.maxSocketsPerMember)
// and without the principal's `kind` (every write refused). This runs two
// short workloads through the real harness (bench/compare.mjs, the built
// server, both Kenes rows) and checks that everything was delivered. No
// figure is asserted: speed is reported by the bench, never tested here.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

type Figures = Record<string, number | null>;
interface Raw {
  results: Record<string, Record<string, Array<{ figures?: Figures; error?: string }>>>;
}

describe('the bench harness against the built server', () => {
  it('runs fan-out and durability on both Kenes rows with everything delivered', async () => {
    const out = path.join(os.tmpdir(), `kenes-bench-smoke-${process.pid}.md`);
    const { stdout } = await run(
      process.execPath,
      [
        'bench/compare.mjs',
        '--quick',
        '--runs=1',
        '--servers=kenes,kenes-pg',
        '--only=fanout-100,durability',
        `--out=${out}`,
      ],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'error' }, maxBuffer: 64 * 1024 * 1024 },
    );
    rmSync(out, { force: true });
    expect(stdout).not.toContain('FAILED');
    const rawPath = /raw figures: (\S+)\)/.exec(stdout)?.[1];
    expect(rawPath, stdout.slice(-2000)).toBeDefined();
    const raw = JSON.parse(readFileSync(rawPath!, 'utf8')) as Raw;
    rmSync(rawPath!, { force: true });
    for (const server of ['kenes', 'kenes-pg']) {
      const fanout = raw.results['fanout-100']?.[server]?.[0]?.figures;
      expect(fanout?.['missing receipts'], `${server} fan-out`).toBe(0);
      expect(fanout?.['receipt p50'], `${server} fan-out timed`).toBeGreaterThan(0);
      const durability = raw.results.durability?.[server]?.[0]?.figures;
      expect(durability?.delivered, `${server} durability`).toBe(100);
    }
  }, 240_000);
});
