/**
 * Issue 15, finding 3: an observer freezing the server through the audit log.
 * The reproduction at small scale on a real server (real authorizer, SQLite
 * file, HTTP): an observer sends thousands of refused commands, then anyone
 * asks for the minutes. Asserted by what is stored and read, not by time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListOptions, Store } from '../src/store/Store.js';
import {
  addMember,
  createMeetingWithText,
  type LiveMeeting,
  type LiveUser,
  signUpUser,
} from '../src/test-support/liveApi.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';

let server: TestServer;
let chair: LiveUser;
let observer: LiveUser;
let m: LiveMeeting;
/** The server's clock: advanced by the test, so rate limits need no sleeping. */
let clock = Date.now();
/** Audit rows the store handed out since the last reset (what a request read). */
let rowsRead = 0;

/** Counts the rows every `audit.list` returns. */
function countingStore(store: Store): Store {
  const audit = store.audit;
  const list = async (meetingId: string, opts?: AuditListOptions) => {
    const rows = await audit.list(meetingId, opts);
    rowsRead += rows.length;
    return rows;
  };
  return {
    ...store,
    audit: new Proxy(audit, {
      get: (target, prop, receiver) =>
        prop === 'list' ? list : (Reflect.get(target, prop, receiver) as unknown),
    }),
  };
}

beforeAll(async () => {
  server = await startTestServer({ security: 'real', now: () => clock, wrapStore: countingStore });
  chair = await signUpUser(server.url, 'Chair', 'MFA', 'government');
  observer = await signUpUser(server.url, 'Observer', 'UNDP', 'international');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, observer, 'observer');
  await chair.mustCommand(m.meetingId, { type: 'meeting.setStatus', status: 'live' });
  await chair.mustCommand(m.meetingId, { type: 'rec.setStatus', recId: m.recId, status: 'agreed' });
});

afterAll(async () => {
  await server?.stop();
});

async function observerRows(): Promise<Array<{ payload: string; count: number; result: string }>> {
  const rows = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await server.store.audit.list(m.meetingId, {
      userId: observer.userId,
      action: 'rec.setStatus',
      limit: 1000,
      ...(beforeId ? { beforeId } : {}),
    });
    rows.push(...page);
    if (page.length < 1000) return rows;
    beforeId = page.at(-1)!.id;
  }
}

describe('an observer flooding refused commands', () => {
  it(
    'is audited compactly and folded, and the minutes never read the refusals',
    {
      timeout: 120_000,
    },
    async () => {
      const big = 'x'.repeat(4_000);
      const N = 2_000;
      for (let i = 0; i < N; i++) {
        clock += 250; // 4 a second: under the rate limit, every one reaches the role check
        const res = await observer.command(m.meetingId, {
          type: 'rec.setStatus',
          recId: m.recId,
          status: 'withdrawn',
          ...(i % 2 ? { padding: big } : {}),
        });
        expect(res.status === 403 || res.status === 400).toBe(true);
      }
      const rows = await observerRows();
      // N/4 s of refusals of two kinds: a row per kind and minute, each with its count.
      expect(rows.length).toBeLessThanOrEqual(2 * Math.ceil((N * 250) / 60_000) + 2);
      expect(rows.reduce((n, r) => n + r.count, 0)).toBe(N);
      for (const r of rows) expect(r.payload.length).toBeLessThanOrEqual(201);

      rowsRead = 0;
      const minutes = await chair.call<{ statusChanges: unknown[] }>(
        'GET',
        `/api/meetings/${m.meetingId}/minutes`,
      );
      expect(minutes.status).toBe(200);
      expect(minutes.body.statusChanges).toHaveLength(1);
      // Only the accepted meeting.setStatus and rec.setStatus rows: one each.
      expect(rowsRead).toBe(2);

      rowsRead = 0;
      const md = await fetch(
        `${server.url}/api/meetings/${m.meetingId}/export?doc=minutes&format=md`,
        { headers: { cookie: chair.cookie! } },
      );
      expect(md.status).toBe(200);
      expect(await md.text()).toContain('#');
      expect(rowsRead).toBeLessThanOrEqual(2);
    },
  );

  it('is rate limited per member: 429 with Retry-After and an error body', async () => {
    clock += 60_000; // a full bucket
    const answers: number[] = [];
    let retryAfter: string | null = null;
    let body: unknown = null;
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${server.url}/api/meetings/${m.meetingId}/commands`, {
        method: 'POST',
        headers: {
          origin: server.url,
          cookie: observer.cookie!,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ type: 'queue.grant' }),
      });
      answers.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        body = await res.json();
      } else await res.text();
    }
    expect(answers.filter((s) => s === 403).length).toBeGreaterThan(0);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(body).toMatchObject({ error: { code: 'too_many_requests' } });
    // Another member is not slowed by the observer's flood.
    expect((await chair.command(m.meetingId, { type: 'queue.grant' })).status).not.toBe(429);
    clock += 10_000;
    expect((await observer.command(m.meetingId, { type: 'queue.grant' })).status).toBe(403);
  });

  it('pages the audit log with a cursor', async () => {
    const first = await chair.call<{ entries: Array<{ id: number }>; nextBeforeId: number | null }>(
      'GET',
      `/api/meetings/${m.meetingId}/audit?limit=3`,
    );
    expect(first.status).toBe(200);
    expect(first.body.entries).toHaveLength(3);
    expect(first.body.nextBeforeId).toBe(first.body.entries[2]!.id);
    const next = await chair.call<{ entries: Array<{ id: number }> }>(
      'GET',
      `/api/meetings/${m.meetingId}/audit?limit=3&beforeId=${first.body.nextBeforeId}`,
    );
    expect(next.body.entries[0]!.id).toBeLessThan(first.body.nextBeforeId!);
  });

  it('is described in the OpenAPI document: paging, 413, 429 and 503', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: Array<{ name: string }> }>
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const post = doc.paths['/meetings/{id}/commands']!.post!;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['413', '429', '503']));
    const audit = doc.paths['/meetings/{id}/audit']!.get!;
    expect(audit.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'beforeId']),
    );
    expect(doc.components.schemas.AuditLog!.properties).toHaveProperty('nextBeforeId');
    expect(doc.components.schemas.AuditEntry!.properties).toHaveProperty('count');
  });
});
