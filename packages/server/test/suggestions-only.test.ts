/**
 * "Suggestions only" (issue 18) against a real server, real guard, real
 * sockets: a participant's raw frames that delete another organisation's
 * text, insert unmarked text, or carry a suggestion mark in someone else's
 * name close 4403 `write-refused`, and every other client keeps its text; a
 * legal suggestion is accepted, reaches the others, and the chair's accept
 * makes it plain text, audited with the organisation and the text.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloseCode,
  WriteRefusal,
  listSuggestions,
  meetingRoots,
  readWriteRefusal,
} from '@kenes/shared';
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
import { suggestionFormat, suggestionKey } from '../src/test-support/suggestionFormat.js';

let server: TestServer;
let chair: LiveUser;
let ministry: LiveUser;
let ngo: LiveUser;
let m: LiveMeeting;
const clients: TestClient[] = [];

function connect(user: LiveUser): TestClient {
  const c = connectClient(server.syncUrl, m.meetingId, { headers: user.socketHeaders });
  clients.push(c);
  return c;
}

/** The server's text, read through a fresh client. */
async function stored(): Promise<string | undefined> {
  const probe = connect(chair);
  await waitSynced(probe);
  const text = fragmentText(probe.doc, m.recId);
  probe.destroy();
  return text;
}

/** An update the NGO makes on a synced copy of the room (first paragraph's text). */
async function ngoUpdate(edit: (text: Y.XmlText, fragment: Y.XmlFragment) => void) {
  const probe = connect(ngo);
  await waitSynced(probe);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(probe.doc));
  probe.destroy();
  const sv = Y.encodeStateVector(copy);
  const fragment = meetingRoots(copy).texts.get(m.recId)!;
  const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  copy.transact(() => edit(text, fragment));
  return Y.encodeStateAsUpdate(copy, sv);
}

beforeAll(async () => {
  server = await startTestServer({ security: 'real' });
  chair = await signUpUser(server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  ministry = await signUpUser(server.url, 'Marat', 'Ministry of Justice', 'government');
  ngo = await signUpUser(server.url, 'Dana Seitkali', 'Union of Crisis Centres', 'ngo');
  m = await createMeetingWithText(chair);
  await addMember(chair, m.meetingId, ministry, 'participant');
  await addMember(chair, m.meetingId, ngo, 'participant');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.stop();
});

describe('a suggestions-only text', () => {
  it('refuses direct edits 4403 whole, accepts a suggestion, and the chair’s accept is audited', async () => {
    const author = connect(ministry);
    await waitSynced(author);
    appendParagraph(author.doc, m.recId, 'Adopt a law on domestic violence');
    const written = fragmentText(author.doc, m.recId)!;
    await expect.poll(stored).toBe(written);
    await chair.mustCommand(m.meetingId, {
      type: 'rec.suggestionSettings',
      recId: m.recId,
      suggestionsOnly: true,
    });

    const attacks: Array<[string, (t: Y.XmlText, f: Y.XmlFragment) => void, RegExp]> = [
      ['a direct deletion', (t) => t.delete(0, 5), /deletes text directly/],
      ['an unmarked insertion', (t) => t.insert(0, 'Urgently '), /not marked as your suggestion/],
      [
        'a mark in the ministry’s name',
        (t) =>
          t.insert(0, 'Never ', {
            [suggestionKey('insertion', `${ministry.userId}:x1`)]: {
              id: `${ministry.userId}:x1`,
              by: ministry.userId,
            },
          }),
        /another member's name/,
      ],
      ['a whole paragraph removed', (_t, f) => f.delete(0, f.length), /structure of the text/],
    ];
    for (const [what, edit, reason] of attacks) {
      const closed = await sendOneFrame(
        server.syncUrl,
        m.meetingId,
        ngo.socketHeaders,
        encodeUpdate(await ngoUpdate(edit)),
      );
      expect(closed.code, what).toBe(CloseCode.forbidden);
      expect(readWriteRefusal(closed.code, closed.reason), what).toBe(WriteRefusal.refused);
      expect(closed.reason, what).toMatch(reason);
      // Every other client unchanged.
      expect(fragmentText(author.doc, m.recId), what).toBe(written);
    }
    expect(await stored()).toBe(written);

    // A legal suggestion: the NGO's own insertion and deletion marks.
    const legal = await ngoUpdate((t) => {
      t.format(0, 5, suggestionFormat('deletion', { id: `${ngo.userId}:d1`, by: ngo.userId }));
      t.insert(
        5,
        ' urgently',
        suggestionFormat('insertion', { id: `${ngo.userId}:i1`, by: ngo.userId }),
      );
    });
    const s = connect(ngo);
    await waitSynced(s);
    Y.applyUpdate(s.doc, legal);
    await expect
      .poll(() => listSuggestions(meetingRoots(author.doc).texts.get(m.recId)!).length)
      .toBe(2);
    expect(s.closes).toEqual([]);

    const decided = await chair.mustCommand(m.meetingId, {
      type: 'suggestion.decide',
      recId: m.recId,
      decision: 'accept',
      suggestionId: `${ngo.userId}:i1`,
    });
    expect(decided.decided).toEqual([
      {
        id: `${ngo.userId}:i1`,
        kind: 'insertion',
        by: ngo.userId,
        organisation: 'Union of Crisis Centres',
        text: ' urgently',
      },
    ]);
    await chair.mustCommand(m.meetingId, {
      type: 'suggestion.decide',
      recId: m.recId,
      decision: 'reject',
      organisation: 'Union of Crisis Centres',
    });
    await expect.poll(stored).toBe('Adopt urgently a law on domestic violence');
    await expect
      .poll(() => fragmentText(author.doc, m.recId))
      .toBe('Adopt urgently a law on domestic violence');
    const audit = await chair.call<{ entries: Array<{ action: string; payload: unknown }> }>(
      'GET',
      `/api/meetings/${m.meetingId}/audit?limit=5`,
    );
    const decisions = audit.body.entries.filter((e) => e.action === 'suggestion.decide');
    expect(JSON.stringify(decisions)).toContain('Union of Crisis Centres');
    expect(JSON.stringify(decisions)).toContain(' urgently');
    expect(decisions).toHaveLength(2);
  });
});
