// The node flags Kenes runs with live in one place, the root `serve` script;
// docs/deploy.md's commands must carry the same ones (bench/lib/servers.mjs
// reads them from the script). And they must do what they are there for:
// bound V8's young generation (docs/architecture.md#memory).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = 'packages/server/dist/main.js';

/** The flags between `node` and the entry point of a command line, or null if it is not one. */
function flagsOf(command: string): string[] | null {
  const words = command.trim().split(/\s+/);
  const node = words.indexOf('node');
  const entry = words.indexOf(ENTRY);
  if (node < 0 || entry < node) return null;
  return words.slice(node + 1, entry);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const serveFlags = flagsOf(pkg.scripts.serve ?? '');

/** new_space's reserved size after a churn where many young objects survive scavenges. */
function youngAfterChurn(flags: string[]): number {
  const script = `
    const v8 = require('node:v8');
    const ring = new Array(300000);
    for (let i = 0; i < 3000000; i++) ring[i % ring.length] = { i, s: 'x' + i };
    const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(ns.space_size));`;
  const run = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return Number(run.stdout);
}

describe('node flags of the serve script', () => {
  it('the serve script runs the built entry point with flags that bound the young generation', () => {
    expect(serveFlags).not.toBeNull();
    expect(serveFlags).toContain('--max-semi-space-size=8');
  });

  it("docs/deploy.md starts every process with the serve script's flags", () => {
    const deploy = readFileSync(path.join(root, 'docs/deploy.md'), 'utf8');
    const commands = deploy.split('\n').filter((line) => line.includes(ENTRY));
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) expect(flagsOf(line), line).toEqual(serveFlags);
  });

  it('keeps new space at 2 × 8 MiB where V8 alone grows it further', () => {
    const MiB = 2 ** 20;
    // Without the flags the same churn grows past the bound: else this test would prove nothing.
    expect(youngAfterChurn([])).toBeGreaterThan(16 * MiB);
    expect(youngAfterChurn(serveFlags ?? [])).toBeLessThanOrEqual(16 * MiB);
  });
});
