/**
 * A recommendation the chair removed keeps its text (so `rec.restore` can
 * bring it back) and the room hides it; a raw client must still not write
 * into that text. Real server, real guard, real sockets: the write closes
 * 4403 `write-refused: …`, the stored text is unchanged, and once the chair
 * restores the recommendation its text is writable again.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  WriteRefusal,
  meetingRoots,
  readRemovedRecommendations,
  readWriteRefusal,
} from '@kenes/shared';
import {
  appendParagraph,
  fragmentText,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { encodeUpdate } from '../src/sync/protocol.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

const live = useLiveServer();
let chair: LiveUser;
let author: LiveUser;
let attacker: LiveUser;
let m: LiveMeeting;

const connect = (user: LiveUser): TestClient => live.connect(user, m.meetingId);

/** Sends one frame as `user` on a raw socket; resolves with how the socket closed. */
const sendRaw = (user: LiveUser, frame: Uint8Array) => live.sendRaw(user, m.meetingId, frame);

/** The server's text of the recommendation and its removed ids, read through a fresh client. */
function stored(): Promise<{ text: string | undefined; removed: string[] }> {
  return live.read(chair, m.meetingId, (doc) => ({
    text: fragmentText(doc, m.recId),
    removed: readRemovedRecommendations(doc).map((r) => r.id),
  }));
}

/** An update made on a copy of the attacker's synced doc by `edit`. */
function attackerUpdate(edit: (fragment: Y.XmlFragment) => void): Promise<Uint8Array> {
  return live.memberUpdate(attacker, m.meetingId, (doc) =>
    edit(meetingRoots(doc).texts.get(m.recId)!),
  );
}

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  author = await signUpUser(live.server.url, 'Author', 'Ombudsman', 'nhri');
  attacker = await signUpUser(live.server.url, 'Attacker', 'Elsewhere', 'ngo');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, author, 'participant');
  await addMember(chair, m.meetingId, attacker, 'participant');
});

describe("a removed recommendation's text", () => {
  it('a raw write into it is refused 4403 write-refused and changes nothing; restored, it is writable again', async () => {
    const a = connect(author);
    await waitSynced(a);
    appendParagraph(a.doc, m.recId, 'Adopt a law on domestic violence');
    const written = fragmentText(a.doc, m.recId)!;
    await expect.poll(async () => (await stored()).text).toBe(written);
    a.destroy();

    await chair.mustCommand(m.meetingId, { type: 'rec.remove', recId: m.recId });
    expect((await stored()).removed).toEqual([m.recId]);

    // Insertion: a new paragraph.
    const insert = await attackerUpdate((f) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Injected while hidden')]);
      f.insert(f.length, [p]);
    });
    const insertClosed = await sendRaw(attacker, encodeUpdate(insert));
    expect(insertClosed.code).toBe(CloseCode.forbidden);
    expect(readWriteRefusal(insertClosed.code, insertClosed.reason)).toBe(WriteRefusal.refused);
    expect(insertClosed.reason).toMatch(/removed recommendation/);

    // Deletion: the whole text.
    const erase = await attackerUpdate((f) => f.delete(0, f.length));
    const eraseClosed = await sendRaw(attacker, encodeUpdate(erase));
    expect(eraseClosed.code).toBe(CloseCode.forbidden);
    expect(readWriteRefusal(eraseClosed.code, eraseClosed.reason)).toBe(WriteRefusal.refused);

    expect(await stored()).toEqual({ text: written, removed: [m.recId] });

    // Restored: the same kind of write goes through.
    await chair.mustCommand(m.meetingId, { type: 'rec.restore', recId: m.recId });
    const b = connect(author);
    await waitSynced(b);
    appendParagraph(b.doc, m.recId, 'Fund shelters');
    await expect.poll(async () => (await stored()).text).toBe(`${written}\nFund shelters`);
    expect(b.closes).toEqual([]);
  });
});
