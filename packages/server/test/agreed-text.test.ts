/**
 * Issue 18: an agreed recommendation's text is locked by the server. Real
 * server, real guard, raw sockets: a participant's and the chair's write to
 * an agreed text close 4403 `write-refused` (denial `agreed_text` /
 * `delete_agreed_text`), every other client is unchanged; set back to draft
 * by command, the same write is accepted. An update in flight while the
 * status flips is decided by the status at accept time, in document order.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  WriteRefusal,
  guardDenialMessage,
  meetingRoots,
  readRecommendations,
  readWriteRefusal,
  writeRefusalReason,
  type VersionDetail,
  type VersionList,
} from '@kenes/shared';
import {
  appendParagraph,
  connectClient,
  fragmentText,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { openRawSocket, sendOneFrame } from '../src/test-support/rawSocket.js';
import { encodeUpdate } from '../src/sync/protocol.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

/** Per round, when the write leaves relative to the agreement (negative: before it), ms. */
const OFFSETS_MS = [-20, -2, -1, 0, 1, 2, 20];

let server: TestServer;
let chair: LiveUser;
let author: LiveUser;
let other: LiveUser;
let m: LiveMeeting;
const clients: TestClient[] = [];

function connect(user: LiveUser): TestClient {
  const c = connectClient(server.syncUrl, m.meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

/** The server's text of the recommendation, read through a fresh client. */
async function storedText(): Promise<string | undefined> {
  const probe = connect(chair);
  await waitSynced(probe);
  const text = fragmentText(probe.doc, m.recId);
  probe.destroy();
  return text;
}

/** An update made by `edit` on a copy of the server's doc as `user` sees it. */
async function updateAs(
  user: LiveUser,
  edit: (fragment: Y.XmlFragment) => void,
): Promise<Uint8Array> {
  const probe = connect(user);
  await waitSynced(probe);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(probe.doc));
  probe.destroy();
  const sv = Y.encodeStateVector(copy);
  copy.transact(() => edit(meetingRoots(copy).texts.get(m.recId)!));
  return Y.encodeStateAsUpdate(copy, sv);
}

function paragraph(text: string): (f: Y.XmlFragment) => void {
  return (f) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    f.insert(f.length, [p]);
  };
}

async function setStatus(status: 'agreed' | 'draft' | 'discussed'): Promise<void> {
  await chair.mustCommand(m.meetingId, { type: 'rec.setStatus', recId: m.recId, status });
}

/** The text of the newest version saved because the recommendation was agreed. */
async function lastAgreedVersionText(): Promise<string> {
  const list = await chair.call<VersionList>('GET', `/api/meetings/${m.meetingId}/versions`);
  const v = list.body.versions.find((x) => x.kind === 'agreed');
  if (!v) throw new Error('no agreed version');
  const detail = await chair.call<VersionDetail>(
    'GET',
    `/api/meetings/${m.meetingId}/versions/${v.id}`,
  );
  return detail.body.content.recommendations.find((r) => r.id === m.recId)?.text ?? '';
}

beforeAll(async () => {
  server = await startTestServer({ security: 'real' });
  chair = await signUpUser(server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  author = await signUpUser(server.url, 'Author', 'Union of Crisis Centres', 'ngo');
  other = await signUpUser(server.url, 'Other', 'Ombudsman', 'nhri');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, author, 'participant');
  await addMember(chair, m.meetingId, other, 'participant');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

describe("an agreed recommendation's text", () => {
  it("a participant's and the chair's writes close 4403 with the denial; others unchanged; set back, writes work", async () => {
    const a = connect(author);
    await waitSynced(a);
    appendParagraph(a.doc, m.recId, 'Adopt a law on domestic violence');
    const written = 'Adopt a law on domestic violence';
    await expect.poll(storedText).toBe(written);

    await setStatus('agreed');
    // The time of agreement is in the document for the editors to show.
    await expect
      .poll(() => readRecommendations(a.doc).find((r) => r.id === m.recId)?.agreedAt ?? null)
      .toBeTypeOf('number');
    const watcher = connect(other);
    await waitSynced(watcher);

    const insertion = await updateAs(author, paragraph('Quietly added'));
    const byAuthor = await sendOneFrame(
      server.syncUrl,
      m.meetingId,
      author.socketHeaders,
      encodeUpdate(insertion),
    );
    expect(byAuthor.code).toBe(CloseCode.forbidden);
    expect(readWriteRefusal(byAuthor.code, byAuthor.reason)).toBe(WriteRefusal.refused);
    expect(byAuthor.reason).toBe(
      writeRefusalReason(WriteRefusal.refused, guardDenialMessage('agreed_text', m.recId)),
    );

    const erase = await updateAs(chair, (f) => f.delete(0, f.length));
    const byChair = await sendOneFrame(
      server.syncUrl,
      m.meetingId,
      chair.socketHeaders,
      encodeUpdate(erase),
    );
    expect(byChair.code).toBe(CloseCode.forbidden);
    expect(byChair.reason).toBe(
      writeRefusalReason(WriteRefusal.refused, guardDenialMessage('delete_agreed_text', m.recId)),
    );

    // Nothing reached anyone: the stored text, the watcher's, the author's editor.
    expect(await storedText()).toBe(written);
    expect(fragmentText(watcher.doc, m.recId)).toBe(written);
    expect(fragmentText(a.doc, m.recId)).toBe(written);
    expect(watcher.closes).toEqual([]);
    expect(a.closes).toEqual([]);

    // Set back by command: the same kind of write goes through.
    await setStatus('discussed');
    await expect
      .poll(() => readRecommendations(a.doc).find((r) => r.id === m.recId)?.agreedAt)
      .toBeNull();
    appendParagraph(a.doc, m.recId, 'Fund shelters');
    await expect.poll(storedText).toBe(`${written}\nFund shelters`);
    await expect.poll(() => fragmentText(watcher.doc, m.recId)).toBe(`${written}\nFund shelters`);
    expect(a.closes).toEqual([]);
    a.destroy();
    watcher.destroy();
  });

  it('an update in flight while the status flips: decided at accept time, in document order', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < OFFSETS_MS.length; round++) {
      await setStatus('draft');
      const words = `Round ${round} amendment`;
      const update = await updateAs(author, paragraph(words));
      const raw = await openRawSocket(server.syncUrl, m.meetingId, 'race', author.socketHeaders);
      const closed = raw.closed.then((c) => c);
      // The write and the agreement race; the offset decides which leaves first and by how much.
      const offset = OFFSETS_MS[round] ?? 0;
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      let agree: Promise<void>;
      if (offset < 0) {
        raw.send(encodeUpdate(update));
        await sleep(-offset);
        agree = setStatus('agreed');
      } else {
        agree = setStatus('agreed');
        await sleep(offset);
        raw.send(encodeUpdate(update));
      }
      await agree;
      const close = await Promise.race([
        closed,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 500)),
      ]);
      raw.ws.close();
      const text = (await storedText()) ?? '';
      const agreedText = await lastAgreedVersionText();
      // Whatever the order, the text stored is the text agreed: nothing changed it after agreement.
      expect(text).toBe(agreedText);
      if (close === null) {
        // Accepted: it came first, so the agreed text holds it.
        expect(text).toContain(words);
        outcomes.push('accepted-before');
      } else {
        expect(close.code).toBe(CloseCode.forbidden);
        expect(close.reason).toMatch(/agreed recommendation/);
        expect(text).not.toContain(words);
        outcomes.push('refused-after');
      }
    }
    expect(outcomes).toHaveLength(OFFSETS_MS.length);
  });
});
