/**
 * After the meeting, end to end on a real server (real authorizer, guard and
 * SQLite file): authorship from the server's own client-id bindings, kept
 * across a restart; live statistics; the export over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecommendationAuthorship, SpeakingStats } from '@kenes/shared';
import {
  appendParagraph,
  connectClient,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import {
  addMember,
  createMeetingWithText,
  LiveUser,
  signUpUser,
} from '../src/test-support/liveApi.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';

const clients: TestClient[] = [];
const servers: TestServer[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'kenes-outcome-'));

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop({ keepData: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function connect(
  server: TestServer,
  meetingId: string,
  user: LiveUser,
  clientId: number,
): TestClient {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const c = connectClient(server.syncUrl, meetingId, { headers: user.socketHeaders, doc });
  clients.push(c);
  return c;
}

/** The same person on another server (same session cookie). */
function moved(user: LiveUser, server: TestServer): LiveUser {
  const u = new LiveUser(server.url, user.email, user.name, user.organisation, user.orgType);
  u.cookie = user.cookie;
  u.userId = user.userId;
  return u;
}

type Runs = Array<Array<[string | null, string]>>;
const runsOf = (recs: RecommendationAuthorship[]): Runs =>
  (recs[0]?.blocks ?? []).map((b) =>
    b.runs.map((r): [string | null, string] => [r.organisation, r.text]),
  );

describe('after the meeting on a real server', () => {
  it('attributes text by organisation, also after a restart, and serves live stats and exports', async () => {
    let server = await startTestServer({ security: 'real', dataDir });
    servers.push(server);
    const chair = await signUpUser(
      server.url,
      'Chair',
      'Ministry of Foreign Affairs',
      'government',
    );
    const alice = await signUpUser(server.url, 'Alice', 'Ombudsman Office', 'nhri');
    const bob = await signUpUser(server.url, 'Bob', 'Women NGO Alliance', 'ngo');
    const { meetingId, recId } = await createMeetingWithText(chair);
    await addMember(chair, meetingId, alice, 'participant');
    await addMember(chair, meetingId, bob, 'participant');

    const a = connect(server, meetingId, alice, 4242);
    const b = connect(server, meetingId, bob, 5353);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    appendParagraph(a.doc, recId, 'Alice drafted this.');
    await waitFor(
      () => fragmentText(b.doc, recId)?.includes('Alice') === true,
      5000,
      'bob sees alice',
    );
    appendParagraph(b.doc, recId, 'Bob added this.');

    const expected: Runs = [
      [['Ombudsman Office', 'Alice drafted this.']],
      [['Women NGO Alliance', 'Bob added this.']],
    ];
    let recs: RecommendationAuthorship[] = [];
    for (let i = 0; i < 50 && runsOf(recs).length < 2; i++) {
      const res = await chair.call<{ recommendations: RecommendationAuthorship[] }>(
        'GET',
        `/api/meetings/${meetingId}/authorship`,
      );
      expect(res.status).toBe(200);
      recs = res.body.recommendations;
      if (runsOf(recs).length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(runsOf(recs)).toEqual(expected);

    // Live statistics: alice speaks now, so her time counts up to the request.
    await chair.mustCommand(meetingId, { type: 'meeting.setStatus', status: 'live' });
    const items = await chair.mustCommand(meetingId, { type: 'agenda.add', title: 'Second item' });
    await chair.mustCommand(meetingId, { type: 'agenda.start', itemId: items.itemId as string });
    await alice.mustCommand(meetingId, { type: 'queue.request', kind: 'speak' });
    await chair.mustCommand(meetingId, { type: 'queue.grant' });
    await new Promise((r) => setTimeout(r, 30));
    const stats = await bob.call<SpeakingStats>('GET', `/api/meetings/${meetingId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.live).toBe(true);
    expect(stats.body.byOrganisation).toEqual([
      expect.objectContaining({
        organisation: 'Ombudsman Office',
        orgType: 'nhri',
        interventions: 1,
      }),
    ]);
    expect(stats.body.total.durationMs).toBeGreaterThan(0);

    const exported = await fetch(
      new URL(`/api/meetings/${meetingId}/export?doc=outcome&format=md`, server.url),
      {
        headers: { cookie: bob.cookie!, origin: new URL(server.url).origin },
      },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Human-rights-dialogue-outcome-\d{4}-\d\d-\d\d\.md"/,
    );
    const md = await exported.text();
    expect(md).toContain('Alice drafted this.');
    expect(md).toContain('Bob added this.');

    // Restart on the same data: the bindings were stored, so authorship is unchanged.
    for (const c of clients.splice(0)) c.destroy();
    await server.stop({ keepData: true });
    servers.splice(servers.indexOf(server), 1);
    server = await startTestServer({ security: 'real', dataDir });
    servers.push(server);
    const after = await moved(chair, server).call<{ recommendations: RecommendationAuthorship[] }>(
      'GET',
      `/api/meetings/${meetingId}/authorship`,
    );
    expect(after.status).toBe(200);
    expect(runsOf(after.body.recommendations)).toEqual(expected);
  });
});
