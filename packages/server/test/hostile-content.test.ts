/**
 * Issue 15, finding 1, on a real server with real sign-ups and sockets: a
 * participant's legal-looking text edit carrying content outside the
 * editor's schema (an unknown mark, element or attribute) is refused whole
 * (4403), nothing of it is applied, and every other client's text is
 * unchanged.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, meetingRoots } from '@kenes/shared';
import {
  appendParagraph,
  connectClient,
  fragmentText,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { sendOneFrame } from '../src/test-support/rawSocket.js';
import { encodeUpdate } from '../src/sync/protocol.js';
import { startTestServer, type TestServer } from '../src/test-support/testServer.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

let server: TestServer;
let chair: LiveUser;
let victim: LiveUser;
let attacker: LiveUser;
let m: LiveMeeting;
const clients: TestClient[] = [];

function connect(user: LiveUser): TestClient {
  const c = connectClient(server.syncUrl, m.meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

/** Sends one frame as `user` on a raw socket; resolves with how the socket closed. */
function sendRaw(user: LiveUser, frame: Uint8Array): Promise<{ code: number; reason: string }> {
  return sendOneFrame(server.syncUrl, m.meetingId, user.socketHeaders, frame);
}

/** The server's state of the text, read through a fresh client (what a newcomer gets). */
async function storedText(): Promise<{ text: string | undefined; xml: string }> {
  const probe = connect(chair);
  await waitSynced(probe);
  const fragment = meetingRoots(probe.doc).texts.get(m.recId);
  const state = { text: fragmentText(probe.doc, m.recId), xml: fragment?.toString() ?? '' };
  // Members may hold only so many sockets: probes close when done.
  probe.destroy();
  return state;
}

beforeAll(async () => {
  server = await startTestServer({ security: 'real' });
  chair = await signUpUser(server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  victim = await signUpUser(server.url, 'Victim', 'Ombudsman', 'nhri');
  attacker = await signUpUser(server.url, 'Attacker', 'Elsewhere', 'ngo');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, victim, 'participant');
  await addMember(chair, m.meetingId, attacker, 'participant');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
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
    const attack = new Y.Doc();
    const probe = connect(attacker);
    await waitSynced(probe);
    Y.applyUpdate(attack, Y.encodeStateAsUpdate(probe.doc));
    probe.destroy();
    const sv = Y.encodeStateVector(attack);
    attack.transact(() => edit(meetingRoots(attack).texts.get(m.recId)!));
    const closed = await sendRaw(attacker, encodeUpdate(Y.encodeStateAsUpdate(attack, sv)));
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(reason);
    expect(await storedText()).toEqual(before);
  });
});
