import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { openSqliteStore } from './store/sqlite/index.js';
import type { Store } from './store/Store.js';
import { permissiveGuard } from './test-support/permissiveGuard.js';
import { queryAuthorizer, testConfig } from './test-support/testServer.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function build(wrap: (s: Store) => Store = (s) => s, clientDir?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kenes-app-'));
  const config = testConfig(dir);
  if (clientDir) config.clientDir = clientDir;
  const raw = openSqliteStore(config.dbPath);
  const kenes = createApp({
    config,
    logger: createLogger({ level: 'silent' }),
    store: wrap(raw),
    authorizer: queryAuthorizer,
    guard: permissiveGuard,
  });
  cleanups.push(async () => {
    await kenes.shutdown();
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return kenes;
}

describe('createApp', () => {
  it('answers /healthz and /readyz', async () => {
    const { app } = build();
    expect(await (await app.request('/healthz')).json()).toEqual({ ok: true });
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('/readyz is 503 when the store does not answer', async () => {
    const { app } = build((s) => ({ ...s, ping: () => Promise.reject(new Error('down')) }));
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'unavailable', message: 'Store unavailable' },
    });
  });

  it('explains how to build the client when it is missing, and 404s unknown API routes as JSON', async () => {
    const { app } = build();
    expect(await (await app.request('/')).text()).toMatch(/pnpm build/);
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('serves the built client with an SPA fallback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-client-'));
    const { writeFileSync, mkdirSync } = await import('node:fs');
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kenes</title>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const { app } = build((s) => s, dir);
    expect(await (await app.request('/')).text()).toContain('<title>Kenes</title>');
    expect(await (await app.request('/meetings/abc')).text()).toContain('<title>Kenes</title>');
    const asset = await app.request('/assets/app.js');
    expect(await asset.text()).toBe('console.log(1)');
    // Hashed files are kept for good; the page itself is asked for each time.
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request('/meetings/abc')).headers.get('cache-control')).toBeNull();
    expect((await app.request('/assets/missing.js')).headers.get('cache-control')).toBeNull();
    expect((await app.request('/api/nope')).status).toBe(404);
  });

  it("serves the build's precompressed files to a browser that accepts them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-client-'));
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { brotliCompressSync, gzipSync, brotliDecompressSync } = await import('node:zlib');
    const html = '<!doctype html><title>Kenes</title>';
    const js = 'console.log("a room");'.repeat(100);
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(html));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app.js'), js);
    writeFileSync(join(dir, 'assets', 'app.js.br'), brotliCompressSync(js));
    writeFileSync(join(dir, 'assets', 'app.js.gz'), gzipSync(js));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const { app } = build((s) => s, dir);
    const br = await app.request('/assets/app.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(js);
    const gz = await app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await app.request('/assets/app.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(js);
    // The SPA fallback too (every room's first request).
    const page = await app.request('/meetings/abc', { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString()).toBe(html);
  });
});
