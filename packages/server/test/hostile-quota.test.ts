/**
 * Issue 15, finding 5 (second half): no document quota. The reproduction at
 * small scale on a real server (real authorizer and guard, SQLite file): one
 * participant grows a text with legal edits from several sockets at once.
 * The server must refuse the edit that passes a quota (close 4413 with a
 * `quota-exceeded` reason), keep what it holds within the quota, and cap a
 * user's edit rate across all their sockets.
 */
import * as Y from 'yjs';
import { describe, expect } from 'vitest';
import { CloseCode, WriteRefusal, readWriteRefusal } from '@kenes/shared';
import {
  appendParagraph,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveUser,
} from '../src/test-support/liveApi.js';
import { serverTest as it, type ServerHarness } from '../src/test-support/serverTest.js';
import type { TextQuotas } from '../src/sync/quota/TextQuota.js';

const ROOMY: TextQuotas = {
  maxTextChars: 1_000_000,
  maxMeetingBytes: 64 * 1024 * 1024,
  userBytesPerSecond: 64 * 1024 * 1024,
  userByteBurst: 64 * 1024 * 1024,
};

async function setUp(harness: ServerHarness, quotas: Partial<TextQuotas>, now?: () => number) {
  const server = await harness.start({
    security: 'real',
    sync: { quotas: { ...ROOMY, ...quotas } },
    ...(now ? { now } : {}),
  });
  const chair = await signUpUser(server.url, 'Chair', 'MFA', 'government');
  const writer = await signUpUser(server.url, 'Writer', 'NGO');
  const m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, writer, 'participant');
  return { chair, writer, ...m };
}

function open(harness: ServerHarness, user: LiveUser, meetingId: string): TestClient {
  return harness.client(meetingId, undefined, { headers: user.socketHeaders, doc: new Y.Doc() });
}

/** The text the server holds now. */
function serverText(harness: ServerHarness, meetingId: string, recId: string): Promise<string> {
  return harness.server.kenes.rooms.read(meetingId, (doc) => fragmentText(doc, recId) ?? '');
}

const quotaCloses = (cs: TestClient[]) =>
  cs.flatMap((c) =>
    c.closes.filter((e) => readWriteRefusal(e.code, e.reason) === WriteRefusal.quotaExceeded),
  );

describe('text quotas', () => {
  it('refuses the edit that takes a text past its quota, from any of several sockets', async ({
    harness,
  }) => {
    const { writer, meetingId, recId } = await setUp(harness, { maxTextChars: 5_000 });
    const sockets = [0, 1, 2, 3].map(() => open(harness, writer, meetingId));
    await Promise.all(sockets.map((s) => waitSynced(s)));
    // Legal edits: paragraphs of 500 characters, round-robin over the sockets.
    for (let i = 0; i < 24; i++) {
      const s = sockets[i % sockets.length]!;
      if (s.provider.wsconnected) appendParagraph(s.doc, recId, String(i % 10).repeat(500));
      await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor(() => quotaCloses(sockets).length > 0, 5_000, 'a quota refusal');
    const [close] = quotaCloses(sockets);
    expect(close!.code).toBe(CloseCode.quotaExceeded);
    expect(close!.reason).toMatch(/^quota-exceeded: text over its quota of 5000 characters/);
    await new Promise((r) => setTimeout(r, 200));
    const text = await serverText(harness, meetingId, recId);
    expect(text.replace(/\n/g, '').length).toBeLessThanOrEqual(5_000);
    expect(text.length).toBeGreaterThan(3_000);
    // A newcomer downloads what is within the quota, and the meeting goes on.
    const reader = open(harness, writer, meetingId);
    await waitSynced(reader);
    expect(fragmentText(reader.doc, recId)).toBe(text);
  });

  it('caps the meeting document as a whole', async ({ harness }) => {
    const { writer, meetingId, recId } = await setUp(harness, { maxMeetingBytes: 12_000 });
    const s = open(harness, writer, meetingId);
    await waitSynced(s);
    for (let i = 0; i < 30 && s.closes.length === 0; i++) {
      appendParagraph(s.doc, recId, 'x'.repeat(1_000));
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => quotaCloses([s]).length > 0, 5_000, 'a quota refusal');
    expect(quotaCloses([s])[0]!.reason).toMatch(/meeting over its quota of 12000 bytes/);
    const bytes = await harness.server.kenes.rooms.read(
      meetingId,
      (doc) => Y.encodeStateAsUpdate(doc).byteLength,
    );
    expect(bytes).toBeLessThanOrEqual(12_000);
  });

  it('caps one user’s edit rate across all their sockets, not another user’s', async ({
    harness,
  }) => {
    const t = Date.now();
    // The room's clock stands still: no budget comes back during the test.
    const { chair, writer, meetingId, recId } = await setUp(
      harness,
      { userBytesPerSecond: 1_000, userByteBurst: 6_000 },
      () => t,
    );
    const sockets = [0, 1, 2].map(() => open(harness, writer, meetingId));
    await Promise.all(sockets.map((s) => waitSynced(s)));
    for (let i = 0; i < 12; i++) {
      const s = sockets[i % sockets.length]!;
      if (s.provider.wsconnected) appendParagraph(s.doc, recId, 'w'.repeat(1_000));
      await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor(() => quotaCloses(sockets).length > 0, 5_000, 'a rate refusal');
    expect(quotaCloses(sockets)[0]!.reason).toMatch(/edits too fast/);
    await new Promise((r) => setTimeout(r, 200));
    const text = await serverText(harness, meetingId, recId);
    // Each socket alone stayed far below its own limits; together they met the user's.
    expect(text.split('').filter((ch) => ch === 'w').length).toBeLessThanOrEqual(6_000);
    // The chair, another user, still writes.
    const c = open(harness, chair, meetingId);
    await waitSynced(c);
    appendParagraph(c.doc, recId, 'chair note');
    let latest = '';
    for (let i = 0; i < 100 && !latest.includes('chair note'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      latest = await serverText(harness, meetingId, recId);
    }
    expect(latest).toContain('chair note');
  });
});
