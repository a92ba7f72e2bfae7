import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Fanout, ReceivedMessage } from '../src/fanout/Fanout.js';
import { openRedisFanout } from '../src/fanout/redis.js';
import { createLogger } from '../src/logger.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { appendParagraph, fragmentText, waitFor, waitSynced } from '../src/test-support/clients.js';
import { testConfig } from '../src/test-support/testServer.js';
import { createMeetingWithText, signUpUser } from '../src/test-support/liveApi.js';
import { freePort } from '../src/test-support/childServer.js';
import { Cluster, requireRedis, TEST_REDIS_URL } from '../src/test-support/scaleout.js';

const NGINX_CONF = fileURLToPath(new URL('../../../deploy/nginx.conf', import.meta.url));
const silent = createLogger({ level: 'silent' });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function nginxBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], {
    encoding: 'utf8',
  })
    .stdout.trim()
    .split('\n')[0];
  // Never a skip: CI installs it (.ci/run).
  if (!found)
    throw new Error('nginx is not installed (apt-get install nginx-light; .ci/run does it)');
  return found;
}

describe('Redis fan-out', () => {
  it('delivers to other processes only, per meeting channel, and unsubscribes', async () => {
    await requireRedis();
    const prefix = `kenes-test-${process.pid}-${Date.now()}`;
    const a = await openRedisFanout({ url: TEST_REDIS_URL, channelPrefix: prefix, logger: silent });
    const b = await openRedisFanout({ url: TEST_REDIS_URL, channelPrefix: prefix, logger: silent });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const gotA: ReceivedMessage[] = [];
    const gotB: ReceivedMessage[] = [];
    const subA = await a.subscribe('m1', (m) => gotA.push(m));
    await b.subscribe('m1', (m) => gotB.push(m));
    const otherMeeting: ReceivedMessage[] = [];
    await b.subscribe('m2', (m) => otherMeeting.push(m));
    const updates = [new Uint8Array([1, 2]), new Uint8Array([3])];
    a.publish('m1', { kind: 'update', updates, seqs: [4, 5] });
    a.publish('m1', { kind: 'awarenessQuery' });
    await waitFor(() => gotB.length === 2, 5000, 'b receives');
    expect(gotB[0]).toMatchObject({ kind: 'update', updates, seqs: [4, 5], from: a.processId });
    expect(gotB[1]!.kind).toBe('awarenessQuery');
    expect(gotA).toEqual([]); // Never our own.
    expect(otherMeeting).toEqual([]);
    subA.close();
    await a.subscribe('m2', () => undefined);
    b.publish('m1', { kind: 'awarenessQuery' });
    a.publish('m2', { kind: 'awarenessQuery' });
    await waitFor(() => otherMeeting.length === 1, 5000, 'm2 delivered');
    expect(gotA).toEqual([]); // Unsubscribed from m1.
    await expect(a.ping()).resolves.toBeUndefined();
  });

  it('fails to open with a clear message when Redis does not answer', async () => {
    const port = await freePort();
    await expect(
      openRedisFanout({
        url: `redis://127.0.0.1:${port}`,
        channelPrefix: 'x',
        logger: silent,
        connectTimeoutMs: 500,
      }),
    ).rejects.toThrow(`Redis unreachable at redis://127.0.0.1:${port}`);
  });
});

/** /metrics needs a token on the public port (issue 15). */
const METRICS_TOKEN = 'ops-test-metrics-token';

describe('operations endpoints', () => {
  function app(fanout?: Fanout) {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-ops-'));
    const store = openSqliteStore(join(dir, 'kenes.db'));
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return createApp({
      config: { ...testConfig(dir), metricsToken: METRICS_TOKEN },
      logger: silent,
      store,
      ...(fanout ? { fanout } : {}),
    });
  }

  it('/readyz answers 503 naming Redis when the fan-out does not answer', async () => {
    const down: Fanout = {
      distributed: false,
      processId: 'x',
      subscribe: () => Promise.resolve({ close() {} }),
      publish() {},
      onResume() {},
      ping: () => Promise.reject(new Error('redis down')),
      close: () => Promise.resolve(),
    };
    const res = await app(down).app.request('/readyz');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Redis unavailable',
    );
    expect((await app().app.request('/readyz')).status).toBe(200);
  });

  it('/metrics serves Prometheus text from the app’s own registry', async () => {
    const res = await app().app.request('/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const body = await res.text();
    for (const name of [
      'kenes_open_sockets',
      'kenes_rooms',
      'kenes_updates_in_total',
      'kenes_bytes_out_total',
      'kenes_refused_updates_total',
      'kenes_command_duration_seconds',
      'kenes_store_commit_duration_seconds',
      'kenes_redis_lag_seconds',
    ]) {
      expect(body).toContain(`# TYPE ${name} `);
    }
    // No prom-client default metrics: nothing global was registered.
    expect(body).not.toContain('process_cpu_seconds_total');
  });
});

describe('deploy/nginx.conf', () => {
  it('passes nginx -t', () => {
    const r = spawnSync(nginxBinary(), ['-t', '-c', NGINX_CONF], { encoding: 'utf8' });
    expect(r.stderr).toContain('test is successful');
    expect(r.status).toBe(0);
  });

  it('proxies HTTP and WebSocket upgrades to two processes, sticky-free', async () => {
    const c = await Cluster.create({ METRICS_TOKEN });
    cleanups.push(() => c.teardown());
    const a = await c.spawn();
    const b = await c.spawn();
    const dir = mkdtempSync(join(tmpdir(), 'kenes-nginx-'));
    const port = await freePort();
    // The repo's file with this test's ports: everything else is as shipped.
    const conf = readFileSync(NGINX_CONF, 'utf8')
      .replace('server 127.0.0.1:8787', `server 127.0.0.1:${a.port}`)
      .replace('server 127.0.0.1:8788', `server 127.0.0.1:${b.port}`)
      .replace('listen 8080;', `listen 127.0.0.1:${port};`)
      .replace('pid /tmp/kenes-nginx.pid;', `pid ${join(dir, 'nginx.pid')};`);
    writeFileSync(join(dir, 'nginx.conf'), conf);
    const nginx = spawn(
      nginxBinary(),
      ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'],
      { stdio: 'ignore' },
    );
    cleanups.push(() => {
      nginx.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    const lb = `http://127.0.0.1:${port}`;
    let ready = 0;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = await fetch(`${lb}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toBe(200);
    expect((await fetch(`${lb}/metrics`)).status).toBe(403);

    const chair = await signUpUser(a.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const syncUrl = `ws://127.0.0.1:${port}/sync`;
    const viaLb = (): ReturnType<Cluster['client']> =>
      c.client({ ...a, syncUrl }, meetingId, chair);
    const clients = [viaLb(), viaLb(), viaLb(), viaLb()];
    await Promise.all(clients.map((x) => waitSynced(x, 10_000)));
    appendParagraph(clients[0]!.doc, recId, 'through nginx');
    for (const x of clients)
      await waitFor(
        () => fragmentText(x.doc, recId) === 'through nginx',
        10_000,
        'every client via nginx',
      );
    // least_conn spread the sockets over both processes: the fan-out carried the edit.
    for (const s of [a, b]) {
      const metrics = await (
        await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      expect(Number(/^kenes_open_sockets (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    }
  });
});
