/**
 * Issue 15: size limits on every HTTP route (finding 5), security headers,
 * /metrics behind a token, no source maps, and readiness that tells a
 * database that takes no writes (weak findings). Real server, real HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMeetingWithText, signUpUser } from '../src/test-support/liveApi.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer({ security: 'real', ...opts });
  servers.push(s);
  return s;
}

/**
 * Posts a body announced as `declared` bytes but sends only `sent` of them,
 * then waits for the answer: a server that reads the body whole before
 * answering never answers.
 */
function postPartly(
  url: string,
  path: string,
  declared: number | null,
  sent: number,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          origin: new URL(url).origin,
          'content-type': 'application/json',
          ...(declared === null ? {} : { 'content-length': String(declared) }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    req.write('{"email":"a@b.org","password":"');
    for (let n = 0; n < sent; n += chunk.length) req.write(chunk);
    // Not ended when declared: the rest never comes.
    if (declared === null) {
      // Chunked: keep sending until the server answered or `sent` is reached.
      req.end('"}');
    }
    setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref();
  });
}

describe('request bodies', () => {
  it('refuses an oversize sign-up with 413 before reading it (Content-Length)', async () => {
    const s = await start();
    // 250 MB announced, 64 KiB sent: the answer must come without the rest.
    const res = await postPartly(s.url, '/api/auth/signup', 250 * 1024 * 1024, 64 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('refuses an oversize chunked login with 413 once the limit is passed', async () => {
    const s = await start();
    const res = await postPartly(s.url, '/api/auth/login', null, 2 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    // The server still answers normally afterwards.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends CSP, frame-ancestors / X-Frame-Options, nosniff and Referrer-Policy', async () => {
    const s = await start();
    for (const path of ['/', '/api/me', '/healthz']) {
      const res = await fetch(`${s.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('serves the built client but never its source maps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-client-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kenes</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map');
    writeFileSync(join(dir, 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const s = await start({ config: { clientDir: dir } });
    expect((await fetch(`${s.url}/app.js`)).status).toBe(200);
    const map = await fetch(`${s.url}/app.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
  });
});

describe('/metrics', () => {
  it('is not served on the public port without a token configured', async () => {
    const s = await start();
    expect((await fetch(`${s.url}/metrics`)).status).toBe(404);
  });

  it('needs the bearer token when one is configured', async () => {
    const token = 'metrics-token-0123456789';
    const s = await start({ config: { metricsToken: token } });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${s.url}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-0123456780' },
    });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('kenes_open_sockets');
  });

  it('is served without a token on the separate METRICS_PORT', async () => {
    const s = await start({ config: { metricsPort: 0 } });
    expect(s.metricsPort).not.toBeNull();
    const res = await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${s.metricsPort}/api/me`)).status).toBe(404);
  });
});

describe('a database that takes no writes', () => {
  let locker: Database.Database | null = null;
  afterEach(() => {
    if (locker?.inTransaction) locker.exec('ROLLBACK');
    locker?.close();
    locker = null;
  });

  it('makes /readyz answer 503 and commands 503, not 500', async () => {
    const s = await start();
    const chair = await signUpUser(s.url, 'Chair');
    const { meetingId } = await createMeetingWithText(chair);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    // Another process takes the write lock (a backup, a stuck migration): reads go on, writes wait.
    locker = new Database(join(s.dataDir, 'kenes.db'));
    locker.exec('BEGIN EXCLUSIVE');
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: { code: 'unavailable' } });
    const cmd = await chair.command(meetingId, { type: 'agenda.add', title: 'Blocked' });
    expect(cmd.status).toBe(503);
    expect(cmd.body).toMatchObject({ error: { code: 'unavailable' } });
    locker.exec('ROLLBACK');
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    expect((await chair.command(meetingId, { type: 'agenda.add', title: 'Again' })).status).toBe(
      200,
    );
  });

  it('makes /readyz and commands answer 503 when the store is closed', async () => {
    const s = await start();
    const chair = await signUpUser(s.url, 'Chair');
    const { meetingId } = await createMeetingWithText(chair);
    await s.store.close();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
    const cmd = await chair.command(meetingId, { type: 'agenda.add', title: 'Closed' });
    expect(cmd.status).toBe(503);
  });
});
