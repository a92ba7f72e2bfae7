/**
 * Issue 15, finding 1, on a real server with real sign-ups and sockets: a
 * participant's legal-looking text edit carrying content outside the
 * editor's schema (an unknown mark, element or attribute) is refused whole
 * (4403), nothing of it is applied, and every other client's text is
 * unchanged.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, meetingRoots } from '@kenes/shared';
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
let victim: LiveUser;
let attacker: LiveUser;
let m: LiveMeeting;

const connect = (user: LiveUser): TestClient => live.connect(user, m.meetingId);

/** Sends one frame as `user` on a raw socket; resolves with how the socket closed. */
const sendRaw = (user: LiveUser, frame: Uint8Array) => live.sendRaw(user, m.meetingId, frame);

/** The server's state of the text, read through a fresh client (what a newcomer gets). */
function storedText(): Promise<{ text: string | undefined; xml: string }> {
  return live.read(chair, m.meetingId, (doc) => ({
    text: fragmentText(doc, m.recId),
    xml: meetingRoots(doc).texts.get(m.recId)?.toString() ?? '',
  }));
}

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  victim = await signUpUser(live.server.url, 'Victim', 'Ombudsman', 'nhri');
  attacker = await signUpUser(live.server.url, 'Attacker', 'Elsewhere', 'ngo');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, victim, 'participant');
  await addMember(chair, m.meetingId, attacker, 'participant');
});

describe('content outside the editor schema', () => {
  it("the 111-byte attack: a format {x: true} on each of the victim's paragraphs is refused with 4403, the text is unchanged", async () => {
    const v = connect(victim);
    await waitSynced(v);
    const lines = ['Adopt a law on domestic violence', 'Train the police', 'Fund shelters'];
    for (const line of lines) appendParagraph(v.doc, m.recId, line);
    const written = fragmentText(v.doc, m.recId)!;
    expect(written).toContain('Fund shelters');
    await expect.poll(async () => (await storedText()).text).toBe(written);

    // The attacker's client syncs and formats the first character of each paragraph.
    const a = connect(attacker);
    await waitSynced(a);
    const before = Y.encodeStateVector(a.doc);
    const attack = new Y.Doc();
    Y.applyUpdate(attack, Y.encodeStateAsUpdate(a.doc));
    attack.transact(() => {
      for (const p of meetingRoots(attack).texts.get(m.recId)!.toArray()) {
        if (!(p instanceof Y.XmlElement)) continue;
        const t = p.get(0);
        if (t instanceof Y.XmlText && t.length > 0) t.format(0, 1, { x: true });
      }
    });
    const update = Y.encodeStateAsUpdate(attack, before);
    expect(update.byteLength).toBeLessThan(200);
    const closed = await sendRaw(attacker, encodeUpdate(update));
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(/unknown mark 'x'/);

    // Nothing of it was applied: the victim's and a newcomer's text hold no format.
    const stored = await storedText();
    expect(stored.text).toBe(written);
    expect(stored.xml).not.toMatch(/<x>|x=/);
    expect(fragmentText(v.doc, m.recId)).toBe(written);
    expect(meetingRoots(v.doc).texts.get(m.recId)!.toString()).not.toContain('<x>');
  });

  it.each([
    [
      'an <image> element',
      (f: Y.XmlFragment) => f.insert(0, [new Y.XmlElement('image')]),
      /unknown element 'image'/,
    ],
    [
      'a <script> element',
      (f: Y.XmlFragment) => {
        const s = new Y.XmlElement('script');
        s.insert(0, [new Y.XmlText('alert(1)')]);
        f.insert(0, [s]);
      },
      /unknown element 'script'/,
    ],
    [
      'a link mark',
      (f: Y.XmlFragment) =>
        ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, {
          link: { href: 'javascript:alert(1)' },
        }),
      /unknown mark 'link'/,
    ],
    [
      'a heading inside a paragraph',
      (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('heading')]),
      /'heading' not allowed in 'paragraph'/,
    ],
    [
      'an attribute the schema lacks',
      (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)'),
      /unknown attribute 'onclick'/,
    ],
  ])('%s is refused with 4403 and nothing changes', async (_name, edit, reason) => {
    const before = await storedText();
    expect(before.text).toContain('Fund shelters');
    const update = await live.memberUpdate(attacker, m.meetingId, (doc) =>
      edit(meetingRoots(doc).texts.get(m.recId)!),
    );
    const closed = await sendRaw(attacker, encodeUpdate(update));
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(reason);
    expect(await storedText()).toEqual(before);
  });
});
