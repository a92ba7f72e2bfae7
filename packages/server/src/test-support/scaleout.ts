import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectClient, type TestClient } from './clients.js';
import type { LiveResponse, LiveUser } from './liveApi.js';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from './testDb.js';
import { freePort, spawnServer, type ChildServer } from './childServer.js';

/** The Redis the scale-out tests run against; CI starts it (.ci/run). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fails (never skips) with a clear message when Redis is down. */
export async function requireRedis(url = TEST_REDIS_URL): Promise<void> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await Promise.race([
      r.connect().then(() => r.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
    ]);
  } catch (err) {
    throw new Error(
      `Redis is unreachable at ${url} (set TEST_REDIS_URL; .ci/run starts it): ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    r.disconnect();
  }
}

/**
 * A cluster for one test: an isolated Postgres schema, a unique Redis
 * channel prefix, one shared PUBLIC_ORIGIN (as behind one load balancer),
 * and server processes started on demand.
 */
export class Cluster {
  readonly procs: ChildServer[] = [];
  readonly clients: TestClient[] = [];
  private readonly dirs: string[] = [];
  private spawned = 0;
  readonly prefix = `kenes-test-${randomBytes(5).toString('hex')}`;

  private constructor(
    readonly db: TestSchema,
    private readonly originPort: number,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * The public origin of every process: the first process's URL, so a
   * `LiveUser` of that process (signup, meeting setup) passes Origin checks
   * unchanged; requests to other processes send it too, as a browser behind
   * the load balancer would.
   */
  get origin(): string {
    return `http://127.0.0.1:${this.originPort}`;
  }

  /** Creates the schema; `env` is added to every process's environment. */
  static async create(env: Record<string, string> = {}): Promise<Cluster> {
    await requireRedis();
    const db = await createTestSchema();
    return new Cluster(db, await freePort(), env);
  }

  /** Starts one more server process on the shared database and Redis. */
  async spawn(): Promise<ChildServer> {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-scaleout-'));
    this.dirs.push(dir);
    const port = this.spawned++ === 0 ? this.originPort : await freePort();
    const s = await spawnServer(dir, port, {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: this.db.schema,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_CHANNEL_PREFIX: this.prefix,
      PUBLIC_ORIGIN: this.origin,
      // Long, so the periodic store catch-up cannot hide a fan-out gap from these tests.
      FANOUT_TICK_MS: '600000',
      ...this.env,
    });
    this.procs.push(s);
    return s;
  }

  /** A provider on `server` signed in as `user`. */
  client(
    server: ChildServer,
    meetingId: string,
    user: LiveUser,
    opts: { doc?: TestClient['doc'] } = {},
  ): TestClient {
    const c = connectClient(server.syncUrl, meetingId, {
      headers: { origin: this.origin, ...(user.cookie ? { cookie: user.cookie } : {}) },
      ...(opts.doc ? { doc: opts.doc } : {}),
    });
    this.clients.push(c);
    return c;
  }

  /** Sends `user`'s command to a given process (the session lives in Postgres: any process knows it). */
  async command(
    server: ChildServer,
    user: LiveUser,
    meetingId: string,
    command: Record<string, unknown>,
  ): Promise<LiveResponse> {
    const res = await fetch(`${server.url}/api/meetings/${meetingId}/commands`, {
      method: 'POST',
      headers: {
        origin: this.origin,
        'content-type': 'application/json',
        ...(user.cookie ? { cookie: user.cookie } : {}),
      },
      body: JSON.stringify(command),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  /** Kills every process, closes clients, drops the schema. */
  async teardown(): Promise<void> {
    for (const c of this.clients.splice(0)) c.destroy();
    for (const p of this.procs.splice(0)) {
      if (p.proc.exitCode === null && p.proc.signalCode === null) {
        p.proc.kill('SIGKILL');
        await p.exited;
      }
    }
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    await this.db.drop();
  }
}
