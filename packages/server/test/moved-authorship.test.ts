/**
 * Authorship follows text the editor re-inserts, end to end on a real server
 * (real authorizer, guard, pipeline and SQLite file): an NGO types two lines
 * in an editor that writes through the real y-prosemirror binding code, the
 * chair joins them with Delete at the end of line one, and the authorship
 * route still credits "Second NGO sentence." to the NGO — also after a
 * restart, since the record is committed with the update.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { joinForward, splitBlock } from '@tiptap/pm/commands';
import type { RecommendationAuthorship } from '@kenes/shared';
import {
  connectClient,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { HeadlessEditor, editorSchema } from '../src/test-support/headlessEditor.js';
import {
  addMember,
  createMeetingWithText,
  LiveUser,
  signUpUser,
} from '../src/test-support/liveApi.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';

const clients: TestClient[] = [];
const servers: TestServer[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'kenes-moved-'));

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop({ keepData: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-in person's editor on the recommendation, connected through a real provider. */
async function editorOf(
  server: TestServer,
  meetingId: string,
  recId: string,
  user: LiveUser,
  clientId: number,
): Promise<{ client: TestClient; editor: HeadlessEditor }> {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const client = connectClient(server.syncUrl, meetingId, { headers: user.socketHeaders, doc });
  clients.push(client);
  await waitSynced(client);
  return { client, editor: new HeadlessEditor(null, clientId, recId, doc) };
}

type Runs = Array<Array<[string | null, string]>>;
async function authorship(chair: LiveUser, meetingId: string): Promise<Runs> {
  const res = await chair.call<{ recommendations: RecommendationAuthorship[] }>(
    'GET',
    `/api/meetings/${meetingId}/authorship`,
  );
  expect(res.status).toBe(200);
  return (res.body.recommendations[0]?.blocks ?? []).map((b) =>
    b.runs.map((r): [string | null, string] => [r.organisation, r.text]),
  );
}

describe('moved text on a real server', () => {
  it('credits text the chair joined to the NGO that typed it, also after a restart', async () => {
    let server = await startTestServer({ security: 'real', dataDir });
    servers.push(server);
    const chair = await signUpUser(
      server.url,
      'Aliya',
      'Ministry of Foreign Affairs',
      'government',
    );
    const ngo = await signUpUser(server.url, 'Dana', 'Union of Crisis Centres', 'ngo');
    const { meetingId, recId } = await createMeetingWithText(chair);
    await addMember(chair, meetingId, ngo, 'participant');

    const dana = await editorOf(server, meetingId, recId, ngo, 1111);
    const aliya = await editorOf(server, meetingId, recId, chair, 2222);
    const schema = editorSchema();
    dana.editor.apply(
      () => undefined,
      (s) => s.tr.insert(0, schema.node('paragraph')),
    );
    dana.editor.select(1).type('First NGO sentence.', () => undefined);
    dana.editor.run(() => undefined, splitBlock);
    dana.editor.type('Second NGO sentence.', () => undefined);
    await waitFor(
      () => fragmentText(aliya.client.doc, recId)?.includes('Second NGO sentence.') === true,
      5000,
      'the chair sees both lines',
    );
    aliya.editor.run((e) => e.select(e.posOf('First NGO sentence.')), joinForward);
    const joined = 'First NGO sentence.Second NGO sentence.';
    await waitFor(
      () => fragmentText(dana.client.doc, recId) === joined,
      5000,
      'the NGO sees the join',
    );

    const expected: Runs = [[['Union of Crisis Centres', joined]]];
    expect(await authorship(chair, meetingId)).toEqual(expected);

    for (const c of clients.splice(0)) c.destroy();
    await server.stop({ keepData: true });
    servers.splice(0);
    server = await startTestServer({ security: 'real', dataDir });
    servers.push(server);
    const again = new LiveUser(server.url, chair.email, chair.name, chair.organisation);
    again.cookie = chair.cookie;
    expect(await authorship(again, meetingId)).toEqual(expected);
  }, 30_000);
});
