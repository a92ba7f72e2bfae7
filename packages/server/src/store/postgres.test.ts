import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, type Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Migration } from './sqlite/migrations.js';
import type { Store } from './Store.js';
import { POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import { migratePostgres } from './postgres/migrate.js';
import { createPool, withDefaultUser } from './postgres/pool.js';
import { appendUpdates } from '../test-support/appendUpdates.js';
import {
  createTestSchema,
  openTestPostgresStore,
  TEST_DATABASE_URL,
  type TestSchema,
} from '../test-support/testDb.js';

/** A contract suite as every `*.contract.ts` exports it: `describe…Contract(name, open)`. */
type ContractSuite = (
  name: string,
  open: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
) => void;

/**
 * Every contract suite beside this file, found at collection time, so a new
 * `*.contract.ts` runs on Postgres without editing this file.
 */
async function findContractSuites(): Promise<
  Array<{ file: string; name: string; suite: ContractSuite }>
> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.contract.ts'))
    .sort();
  const found: Array<{ file: string; name: string; suite: ContractSuite }> = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (/^describe\w*Contract$/.test(name) && typeof value === 'function') {
        found.push({ file, name, suite: value as ContractSuite });
      }
    }
  }
  return found;
}

const suites = await findContractSuites();
for (const { suite } of suites) suite('postgres', () => openTestPostgresStore());

describe('Postgres test setup', () => {
  it(`reaches PostgreSQL at ${TEST_DATABASE_URL} (never skipped: a missing database fails here)`, async () => {
    const client = new Client({
      connectionString: withDefaultUser(TEST_DATABASE_URL),
      connectionTimeoutMillis: 5_000,
    });
    await client.connect().catch((err: unknown) => {
      throw new Error(
        `PostgreSQL is unreachable at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    try {
      await expect(client.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await client.end();
    }
  });

  it('runs every contract suite that exists', () => {
    // Each *.contract.ts must contribute a describe…Contract export, so a
    // renamed export cannot silently drop a suite from the Postgres run.
    const dir = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.contract.ts'));
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(suites.map((s) => s.file))).toEqual(new Set(files));
    expect(suites.map((s) => `${s.file}:${s.name}`)).toContain(
      'docs.contract.ts:describeDocStoreContract',
    );
  });
});

describe('Postgres migrations', () => {
  const schemas: TestSchema[] = [];
  const pools: Pool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await Promise.all(schemas.splice(0).map((s) => s.drop()));
  });

  async function freshSchema(): Promise<TestSchema> {
    const s = await createTestSchema();
    schemas.push(s);
    return s;
  }
  function poolOn(s: TestSchema): Pool {
    const p = createPool(s.url, { schema: s.schema });
    pools.push(p);
    return p;
  }
  async function recorded(pool: Pool): Promise<number[]> {
    const { rows } = await pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return rows.map((r) => r.version);
  }

  it('applies every migration once, records it, and applies nothing on reopen', async () => {
    const s = await freshSchema();
    const pool = poolOn(s);
    const all = POSTGRES_MIGRATIONS.map((m) => m.version);
    expect(await migratePostgres(pool)).toEqual(all);
    expect(await migratePostgres(pool)).toEqual([]);
    expect(await recorded(pool)).toEqual(all);
  });

  it('lets concurrent migrators on a fresh schema all succeed, each migration applied once', async () => {
    // Slow migrations widen the window in which the processes would race.
    const migrations: Migration[] = [
      ...POSTGRES_MIGRATIONS,
      {
        version: 100,
        name: 'counter',
        sql: 'CREATE TABLE applied (n INTEGER); SELECT pg_sleep(0.1);',
      },
      {
        version: 101,
        name: 'count',
        sql: 'INSERT INTO applied VALUES (101); SELECT pg_sleep(0.1);',
      },
      { version: 102, name: 'count again', sql: 'INSERT INTO applied VALUES (102);' },
    ];
    const s = await freshSchema();
    const migrators = [poolOn(s), poolOn(s), poolOn(s)];
    const results = await Promise.all(migrators.map((p) => migratePostgres(p, migrations)));
    const applied = results.flat().sort((a, b) => a - b);
    expect(applied).toEqual(migrations.map((m) => m.version));
    const check = migrators[0]!;
    expect(await recorded(check)).toEqual(migrations.map((m) => m.version));
    const { rows } = await check.query<{ n: number }>('SELECT n FROM applied ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([101, 102]);
  });

  it('rolls a failed migration back whole and leaves it unrecorded', async () => {
    const s = await freshSchema();
    const pool = poolOn(s);
    const broken: Migration[] = [
      ...POSTGRES_MIGRATIONS,
      {
        version: 100,
        name: 'broken',
        sql: 'CREATE TABLE half (n INTEGER); SELECT * FROM no_such_table;',
      },
    ];
    await expect(migratePostgres(pool, broken)).rejects.toThrow(/migration 100 \(broken\) failed/);
    expect(await recorded(pool)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    const { rows } = await pool.query(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'half'",
      [s.schema],
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses migrations out of order', async () => {
    const s = await freshSchema();
    const bad: Migration[] = [
      { version: 2, name: 'b', sql: 'SELECT 1' },
      { version: 1, name: 'a', sql: 'SELECT 1' },
    ];
    await expect(migratePostgres(poolOn(s), bad)).rejects.toThrow(/increasing/);
  });
});

describe('Postgres store specifics', () => {
  const opened: Array<{ cleanup(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((o) => o.cleanup()));
  });

  it('parses BIGINT columns to numbers', async () => {
    const o = await openTestPostgresStore();
    opened.push(o);
    const at = 1_750_000_000_123;
    await o.store.audit.add({
      meetingId: 'm',
      userId: null,
      action: 'a',
      payload: '{}',
      result: 'ok',
      at,
    });
    const [row] = await o.store.audit.list('m');
    expect(row).toMatchObject({ at, meetingId: 'm' });
    expect(typeof row?.id).toBe('number');
  });

  it('keeps seq order equal to commit order under concurrent appends to one meeting', async () => {
    const o = await openTestPostgresStore();
    opened.push(o);
    const update = (i: number): Uint8Array => new Uint8Array([i & 0xff, i >> 8]);
    const seqs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendUpdates(o.store.docs, 'm', [update(2 * i), update(2 * i + 1)]),
      ),
    );
    expect(new Set(seqs).size).toBe(40);
    const loaded = await o.store.docs.load('m');
    expect(loaded.updates).toHaveLength(80);
    expect(loaded.lastSeq).toBe(Math.max(...seqs));
    // Each call's two updates stay adjacent and in order.
    for (let k = 0; k < 80; k += 2)
      expect(loaded.updates[k + 1]![0]).toBe(loaded.updates[k]![0]! + 1);
  });

  it('lets a reader following the log with loadSince miss nothing under concurrent appends', async () => {
    // A process catching up reads "everything after the last seq I hold": a
    // row committed after a larger seq was read would be skipped for good.
    const o = await openTestPostgresStore();
    opened.push(o);
    const WRITERS = 8;
    const EACH = 60;
    let done = false;
    const writing = Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < EACH; i++)
          await o.store.docs.append('m', [{ update: new Uint8Array([w, i]) }]);
      }),
    ).finally(() => (done = true));
    const seen: Uint8Array[] = [];
    let after = 0;
    while (!done) {
      const since = await o.store.docs.loadSince('m', after);
      seen.push(...since.updates);
      after = since.lastSeq;
    }
    await writing;
    seen.push(...(await o.store.docs.loadSince('m', after)).updates);
    expect(seen).toHaveLength(WRITERS * EACH);
  });

  it('lets exactly one of concurrent appends bind a client id: the others write nothing', async () => {
    const o = await openTestPostgresStore();
    opened.push(o);
    // Pool connections stand in for processes: each append is its own transaction.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        o.store.docs.append('m', [
          { update: new Uint8Array([i]), binds: { userId: `u${i}`, clientIds: [42] } },
        ]),
      ),
    );
    const winners = results.flatMap((r, i) => (r.refused.length === 0 ? [i] : []));
    expect(winners).toHaveLength(1);
    const owner = `u${winners[0]}`;
    expect(await o.store.docs.loadBindings('m')).toEqual([{ clientId: 42, userId: owner }]);
    expect((await o.store.docs.load('m')).updates).toEqual([new Uint8Array([winners[0]!])]);
    for (const r of results.filter((r) => r.refused.length > 0))
      expect(r.refused).toEqual([{ entry: 0, taken: [{ clientId: 42, userId: owner }] }]);
  });

  it('returns plain Uint8Arrays that own their bytes', async () => {
    const o = await openTestPostgresStore();
    opened.push(o);
    const small = new Uint8Array([1, 2, 3]);
    const large = new Uint8Array(100_000).map((_, i) => i % 251);
    await appendUpdates(o.store.docs, 'm', [small, large]);
    const { updates } = await o.store.docs.load('m');
    for (const [u, want] of [
      [updates[0], small],
      [updates[1], large],
    ] as const) {
      expect(Object.getPrototypeOf(u)).toBe(Uint8Array.prototype);
      expect(u?.byteOffset).toBe(0);
      expect(u?.buffer.byteLength).toBe(want.byteLength);
      expect(Array.from(u ?? [])).toEqual(Array.from(want));
    }
  });

  /** Two users and a meeting chaired by both, for the race tests. */
  async function twoChairs(store: Store): Promise<void> {
    for (const id of ['u1', 'u2']) {
      await store.accounts.createUser({
        id,
        email: `${id}@example.org`,
        passwordHash: 'x',
        name: id,
        organisation: 'org',
        orgType: 'ngo',
        language: 'en',
        gender: null,
        createdAt: 1,
      });
    }
    await store.meetings.createMeeting({
      id: 'm',
      title: 'M',
      startsAt: null,
      createdBy: 'u1',
      createdAt: 1,
    });
    await store.meetings.putMember({ meetingId: 'm', userId: 'u2', role: 'chair', joinedAt: 2 });
  }

  it('lets concurrent invite uses through exactly max_uses times', async () => {
    const o = await openTestPostgresStore();
    opened.push(o);
    await twoChairs(o.store);
    await o.store.meetings.createInvite({
      tokenHash: 'h',
      meetingId: 'm',
      role: 'participant',
      maxUses: 3,
      uses: 0,
      expiresAt: null,
      createdBy: 'u1',
      createdAt: 1,
    });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => o.store.meetings.useInvite('h', 5)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.reason === 'used_up')).toHaveLength(9);
    expect((await o.store.meetings.inviteByHash('h'))?.uses).toBe(3);
  });

  it('never demotes both of the last two chairs when they race', async () => {
    const o = await openTestPostgresStore();
    opened.push(o);
    await twoChairs(o.store);
    // A race shows only sometimes: run it on several meetings.
    for (let round = 0; round < 10; round++) {
      const id = `m${round}`;
      await o.store.meetings.createMeeting({
        id,
        title: id,
        startsAt: null,
        createdBy: 'u1',
        createdAt: 1,
      });
      await o.store.meetings.putMember({ meetingId: id, userId: 'u2', role: 'chair', joinedAt: 2 });
      const [a, b] = await Promise.all([
        o.store.meetings.changeMemberRole(id, 'u1', 'participant'),
        o.store.meetings.removeMemberKeepingChair(id, 'u2'),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      const chairs = (await o.store.meetings.members(id)).filter((m) => m.role === 'chair');
      expect(chairs).toHaveLength(1);
    }
  });

  it('closes idempotently and then refuses ping', async () => {
    const { store, cleanup } = await openTestPostgresStore();
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
    await cleanup();
  });
});
