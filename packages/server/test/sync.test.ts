import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';
import {
  appendParagraph,
  connectClient,
  docJson,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';

let server: TestServer | null = null;
const clients: TestClient[] = [];

function client(meetingId: string, user?: string): TestClient {
  const c = connectClient(server!.syncUrl, meetingId, user ? { user } : {});
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = null;
});

describe('sync with stock WebsocketProvider clients', () => {
  it('two clients converge after concurrent edits', async () => {
    server = await startTestServer();
    const a = client('m1', 'alice');
    const b = client('m1', 'bob');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    // Fragments exist before the concurrent edits (in Kenes the server creates them).
    appendParagraph(a.doc, 'rec1', 'seed');
    appendParagraph(a.doc, 'rec2', 'seed');
    await waitFor(() => fragmentText(b.doc, 'rec2') === 'seed', 5000, 'seed');
    appendParagraph(a.doc, 'rec1', 'from alice');
    appendParagraph(b.doc, 'rec1', 'from bob');
    for (let i = 0; i < 20; i++) {
      appendParagraph(a.doc, 'rec2', `a${i}`);
      appendParagraph(b.doc, 'rec2', `b${i}`);
    }
    await waitFor(
      () =>
        JSON.stringify(docJson(a.doc)) === JSON.stringify(docJson(b.doc)) &&
        (fragmentText(a.doc, 'rec2') ?? '').split('\n').length === 41,
      5000,
      'convergence',
    );
    expect(fragmentText(a.doc, 'rec1')?.split('\n').sort()).toEqual([
      'from alice',
      'from bob',
      'seed',
    ]);
    expect(docJson(a.doc)).toEqual(docJson(b.doc));
  });

  it('a late joiner gets the full state', async () => {
    server = await startTestServer();
    const a = client('m1');
    await waitSynced(a);
    for (let i = 0; i < 50; i++) appendParagraph(a.doc, 'rec', `line ${i}`);
    await waitFor(
      () =>
        server!.kenes.rooms.roomOf('m1')?.doc
          ? fragmentText(server!.kenes.rooms.roomOf('m1')!.doc, 'rec')?.split('\n').length === 50
          : false,
      5000,
      'server has all',
    );
    const late = client('m1');
    await waitSynced(late);
    await waitFor(
      () => fragmentText(late.doc, 'rec')?.split('\n').length === 50,
      5000,
      'late joiner',
    );
    expect(docJson(late.doc)).toEqual(docJson(a.doc));
  });

  it('keeps meetings apart', async () => {
    server = await startTestServer();
    const a = client('m1');
    const b = client('m2');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    appendParagraph(a.doc, 'rec', 'only in m1');
    await waitFor(
      () => fragmentText(server!.kenes.rooms.roomOf('m1')!.doc, 'rec') === 'only in m1',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(fragmentText(b.doc, 'rec')).toBeUndefined();
  });

  it('commits an update before any other client can see it', async () => {
    let committed = 0;
    server = await startTestServer({
      wrapStore: (store) => ({
        ...store,
        docs: {
          ...store.docs,
          append: async (id, updates) => {
            const seq = await store.docs.append(id, updates);
            committed += updates.length;
            return seq;
          },
        },
      }),
    });
    const a = client('m1');
    const b = client('m1');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const committedWhenSeen: number[] = [];
    b.doc.on('update', () => committedWhenSeen.push(committed));
    appendParagraph(a.doc, 'rec', 'durable');
    await waitFor(() => fragmentText(b.doc, 'rec') === 'durable');
    expect(committedWhenSeen.length).toBeGreaterThan(0);
    expect(committedWhenSeen.every((n) => n > 0)).toBe(true);
    const stored = await server.store.docs.load('m1');
    const rebuilt = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u);
    expect(fragmentText(rebuilt, 'rec')).toBe('durable');
  });
});
