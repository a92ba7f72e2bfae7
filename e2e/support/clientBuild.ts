import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * packages/client/dist: what the server serves and the browser loads.
 * `KENES_CLIENT_DIST` points elsewhere, so that work in parallel can test a
 * client built into its own directory (`vite build --outDir …`).
 */
export const CLIENT_DIST =
  process.env.KENES_CLIENT_DIST ??
  path.resolve(fileURLToPath(import.meta.url), '../../../packages/client/dist');

/**
 * Makes sure the client is built. `pnpm test` and `pnpm e2e` build first;
 * this covers a bare `vitest run --project e2e` on a fresh checkout, so the
 * browser never gets a 404 instead of an app. It does not rebuild a stale
 * dist: run `pnpm build` after changing the client.
 */
export function ensureClientBuilt(): string {
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@kenes/client', 'build'], { stdio: 'inherit' });
  }
  return CLIENT_DIST;
}
