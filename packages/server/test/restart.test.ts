import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@kenes/shared';
import {
  appendParagraph,
  connectClient,
  docJson,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { freePort, spawnServer, type ChildServer } from '../src/test-support/childServer.js';
import { createMeetingWithText, signUpUser, type LiveUser } from '../src/test-support/liveApi.js';

const clients: TestClient[] = [];
const procs: ChildServer[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kenes-restart-'));
  dirs.push(d);
  return d;
}
async function spawn(dataDir: string, port: number): Promise<ChildServer> {
  const s = await spawnServer(dataDir, port);
  procs.push(s);
  return s;
}
function client(s: ChildServer, meetingId: string, user: LiveUser): TestClient {
  const c = connectClient(s.syncUrl, meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of procs.splice(0)) {
    if (p.proc.exitCode === null && p.proc.signalCode === null) {
      p.proc.kill('SIGKILL');
      await p.exited;
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a real server process', () => {
  it('keeps the document across a graceful restart (SIGTERM: sockets closed with 1012, exit 0)', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await spawn(dataDir, port);
    const chair = await signUpUser(first.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const a = client(first, meetingId, chair);
    await waitSynced(a);
    for (let i = 0; i < 30; i++) appendParagraph(a.doc, recId, `line ${i}`);
    const b = client(first, meetingId, chair);
    await waitFor(
      () => fragmentText(b.doc, recId)?.split('\n').length === 30,
      10_000,
      'b has the edits',
    );
    const expected = docJson(a.doc);

    first.proc.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(a.closes.map((c) => c.code)).toContain(CloseCode.serviceRestart);
    a.destroy();
    b.destroy();

    const second = await spawn(dataDir, port);
    const fresh = client(second, meetingId, chair);
    await waitSynced(fresh, 10_000);
    await waitFor(
      () => fragmentText(fresh.doc, recId)?.split('\n').length === 30,
      10_000,
      'restored',
    );
    expect(docJson(fresh.doc)).toEqual(expected);
  });

  it('kill -9 right after another client received an update: the update is there after restart', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await spawn(dataDir, port);
    const chair = await signUpUser(first.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const writer = client(first, meetingId, chair);
    const reader = client(first, meetingId, chair);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    appendParagraph(writer.doc, recId, 'must survive');
    // The very moment the reader has it, kill the server without warning.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (fragmentText(reader.doc, recId) === 'must survive') {
          first.proc.kill('SIGKILL');
          reader.doc.off('update', check);
          resolve();
        }
      };
      reader.doc.on('update', check);
      check();
    });
    expect((await first.exited).signal).toBe('SIGKILL');
    writer.destroy();
    reader.destroy();

    const second = await spawn(dataDir, port);
    const fresh = client(second, meetingId, chair);
    await waitSynced(fresh, 10_000);
    await waitFor(
      () => fragmentText(fresh.doc, recId) === 'must survive',
      10_000,
      'update after kill -9',
    );
  });

  it('an open provider reconnects to the restarted server and resyncs', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await spawn(dataDir, port);
    const chair = await signUpUser(first.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const a = client(first, meetingId, chair);
    await waitSynced(a);
    appendParagraph(a.doc, recId, 'before');
    await waitFor(() => first.logs.length > 0);
    const b = client(first, meetingId, chair);
    await waitFor(() => fragmentText(b.doc, recId) === 'before', 10_000);
    first.proc.kill('SIGTERM');
    await first.exited;
    await spawn(dataDir, port);
    // The same provider (a), after 1012, reconnects on its own.
    await waitFor(() => a.provider.synced, 15_000, 'reconnect');
    appendParagraph(a.doc, recId, 'after');
    await waitFor(
      () => fragmentText(b.doc, recId) === 'before\nafter',
      15_000,
      'b sees the edit after restart',
    );
  });
});
