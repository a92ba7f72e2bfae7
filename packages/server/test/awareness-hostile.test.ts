import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CARET_COLOURS, CloseCode, MessageType, meetingRoots, type Role } from '@kenes/shared';
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from '../src/sync/awareness.js';
import { encodeAwarenessFrame } from '../src/sync/protocol.js';
import type { UpgradeAuthorizer } from '../src/sync/interfaces.js';
import {
  testPrincipal,
  type TestServer,
  type TestServerOptions,
} from '../src/test-support/testServer.js';
import { serverTest } from '../src/test-support/serverTest.js';
import { openRawSocket, type RawSocket } from '../src/test-support/rawSocket.js';
import {
  appendParagraph,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';

/**
 * Issue 15.2 on raw frames: awareness is relayed only in its shape, whatever
 * a member sends. The user is the `user` query parameter; one named
 * `observer-…` is an observer.
 */
const roleAuthorizer: UpgradeAuthorizer = {
  async authorize(req) {
    const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? 'tester';
    const role: Role = user.startsWith('observer-') ? 'observer' : 'participant';
    return { ok: true, principal: testPrincipal(user, { role }) };
  },
};

type SyncOptions = NonNullable<TestServerOptions['sync']>;

/** The room of these tests: its server (roles from the user name), stock clients, raw sockets. */
interface HostileRoom {
  start(sync?: SyncOptions): Promise<TestServer>;
  client(user: string): TestClient;
  raw(user: string): Promise<RawSocket>;
}

const it = serverTest.extend<{ room: HostileRoom }>({
  room: async ({ harness }, use) => {
    const raws: RawSocket[] = [];
    await use({
      start: (sync = {}) => harness.start({ authorizer: roleAuthorizer, sync }),
      client: (user) => harness.client('m', user),
      async raw(user) {
        const r = await openRawSocket(harness.server.syncUrl, 'm', user);
        raws.push(r);
        return r;
      },
    });
    for (const r of raws.splice(0)) r.ws.close();
  },
});
function sendState(r: RawSocket, clientId: number, clock: number, state: unknown) {
  const payload = encodeAwarenessUpdate([
    { clientId, clock, state: state as Record<string, unknown> },
  ]);
  r.send(encodeAwarenessFrame(payload));
}
/** The awareness update inside an awareness frame. */
function payloadOf(frame: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(frame);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}
/** Awareness entries a raw socket received, in order. */
function received(r: RawSocket) {
  return r.frames
    .filter((f) => f[0] === MessageType.awareness)
    .flatMap((f) => decodeAwarenessUpdate(payloadOf(f), 10_000));
}
const relPos = (rp: Y.RelativePosition) =>
  JSON.parse(JSON.stringify(rp)) as Record<string, unknown>;

/** Dana writes a paragraph; answers a caret inside it, as y-prosemirror would publish it. */
async function textWithCaret(room: HostileRoom) {
  const dana = room.client('dana');
  await waitSynced(dana);
  appendParagraph(dana.doc, 'r1', 'Line one.');
  const frag = meetingRoots(dana.doc).texts.get('r1')!;
  const text = (frag.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = relPos(Y.createRelativePositionFromTypeIndex(text, 4, -1));
  await waitFor(() => dana.provider.synced && !dana.provider.wsconnecting, 5000);
  return { dana, cursor: { anchor: at, head: at } };
}

describe('awareness from hostile members (issue 15.2)', () => {
  it("an observer's cursor {anchor: null, head: null} and extra fields never reach anyone", async ({
    room,
  }) => {
    await room.start();
    const { dana } = await textWithCaret(room);
    const watcher = await room.raw('watcher');
    const observer = await room.raw('observer-olga');
    sendState(observer, 555, 1, {
      user: { name: 'Forged', color: 'hsl(0 0% 0%)' },
      cursor: { anchor: null, head: null },
      evil: { nested: 'x'.repeat(100) },
    });
    const seen = () =>
      dana.provider.awareness.getStates().get(555) as Record<string, unknown> | undefined;
    await waitFor(() => seen() !== undefined, 5000, 'observer state relayed');
    expect(seen()).toEqual({
      user: {
        id: 'observer-olga',
        name: 'observer-olga',
        organisation: 'Org of observer-olga',
        orgType: 'ngo',
        role: 'observer',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      },
    });
    // Even a well-formed caret is not an observer's to publish.
    const { cursor } = await textWithCaret(room);
    sendState(observer, 555, 2, { cursor });
    await waitFor(() => received(watcher).some((e) => e.clientId === 555 && e.clock >= 2));
    for (const e of received(watcher).filter((x) => x.clientId === 555))
      expect(e.state && 'cursor' in e.state).toBe(false);
  });

  it("a participant's cursor is relayed only when it points inside a texts fragment", async ({
    room,
  }) => {
    await room.start();
    const { cursor } = await textWithCaret(room);
    const watcher = await room.raw('watcher');
    const yerlan = await room.raw('yerlan');
    sendState(yerlan, 601, 1, { cursor });
    const outside = relPos(
      Y.createRelativePositionFromTypeIndex(meetingRoots(new Y.Doc()).agenda, 0),
    );
    sendState(yerlan, 602, 1, { cursor: { anchor: outside, head: outside } });
    sendState(yerlan, 603, 1, {
      cursor: {
        anchor: { ...cursor.anchor, item: { client: 12345, clock: 99 } },
        head: cursor.head,
      },
    });
    sendState(yerlan, 604, 1, {
      cursor: { anchor: { type: null, tname: 'meeting', item: null, assoc: 0 }, head: cursor.head },
    });
    await waitFor(() => new Set(received(watcher).map((e) => e.clientId)).size >= 4, 5000);
    const byId = new Map(received(watcher).map((e) => [e.clientId, e.state]));
    expect(byId.get(601)?.cursor).toEqual(cursor);
    for (const id of [602, 603, 604]) expect(byId.get(id), String(id)).not.toHaveProperty('cursor');
    expect(byId.get(601)?.user).toMatchObject({ id: 'yerlan', color: expect.stringMatching(/^#/) });
  });

  it('a caret on text that its own update, sent just before, adds is relayed', async ({ room }) => {
    await room.start();
    const { dana } = await textWithCaret(room);
    const watcher = await room.raw('watcher');
    const typist = await room.raw('typist');
    // The typist's doc: the room's, plus one new paragraph.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(dana.doc));
    const before = Y.encodeStateVector(doc);
    appendParagraph(doc, 'r1', 'Typed just now.');
    const update = Y.encodeStateAsUpdate(doc, before);
    const frag = meetingRoots(doc).texts.get('r1')!;
    const text = (frag.get(frag.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = relPos(Y.createRelativePositionFromTypeIndex(text, 5, -1));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    typist.send(encoding.toUint8Array(e));
    sendState(typist, 650, 1, { cursor: { anchor: at, head: at } });
    await waitFor(() => received(watcher).some((x) => x.clientId === 650), 5000);
    expect(received(watcher).find((x) => x.clientId === 650)!.state!.cursor).toEqual({
      anchor: at,
      head: at,
    });
  });

  it('a participant demoted to observer is stamped again at once: new role, no caret', async ({
    room,
  }) => {
    const server = await room.start();
    const { cursor } = await textWithCaret(room);
    const watcher = await room.raw('watcher');
    const yerlan = await room.raw('yerlan');
    sendState(yerlan, 660, 1, { cursor });
    const latest = () =>
      received(watcher)
        .filter((x) => x.clientId === 660)
        .at(-1)?.state;
    await waitFor(() => latest()?.cursor !== undefined, 5000, 'caret relayed');
    server.kenes.rooms.setMemberRole('m', 'yerlan', 'observer');
    await waitFor(() => latest()?.cursor === undefined, 5000, 'caret withdrawn');
    expect(latest()?.user).toMatchObject({ id: 'yerlan', role: 'observer' });
  });

  it('a state larger than the cap is dropped, not relayed', async ({ room }) => {
    await room.start({ maxAwarenessStateBytes: 2048 });
    const watcher = await room.raw('watcher');
    const big = await room.raw('mallory');
    sendState(big, 700, 1, { pad: 'x'.repeat(3000) });
    sendState(big, 701, 1, { pad: 'x'.repeat(100) });
    await waitFor(() => received(watcher).some((e) => e.clientId === 701), 5000);
    expect(received(watcher).map((e) => e.clientId)).toEqual([701]);
    // The small one's extra field is dropped too.
    expect(Object.keys(received(watcher)[0]!.state!)).toEqual(['user']);
  });

  it('colours are #rrggbb from the palette and distinct for the people present', async ({
    room,
  }) => {
    await room.start();
    const watcher = await room.raw('watcher');
    const people = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((u) => room.raw(u)));
    people.forEach((r, i) => sendState(r, 800 + i, 1, { user: { color: '#000000' } }));
    await waitFor(() => new Set(received(watcher).map((e) => e.clientId)).size === 5, 5000);
    const colours = received(watcher).map((e) => (e.state!.user as { color: string }).color);
    for (const c of colours) expect(CARET_COLOURS).toContain(c);
    expect(new Set(colours).size).toBe(5);
  });

  it("a member's extra socket is refused with 4409; a query is answered within bounds", async ({
    room,
  }) => {
    await room.start({ maxSocketsPerMember: 2, maxAwarenessAnswerBytes: 1500 });
    const first = await room.raw('many');
    const second = await room.raw('many');
    const third = await room.raw('many');
    expect(await third.closed).toEqual({
      code: CloseCode.tooManySockets,
      reason: expect.stringContaining('too many'),
    });
    // The first two stay; once one closes, a new one gets in.
    first.ws.close();
    await first.closed;
    const again = await room.raw('many');
    sendState(again, 900, 1, {});
    await waitFor(() => received(second).some((e) => e.clientId === 900), 5000);

    // Twenty people (~150 bytes of state each): a query answers at most the budget, once a second.
    const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => room.raw(`p${i}`)));
    crowd.forEach((r, i) => sendState(r, 1000 + i, 1, {}));
    const asker = await room.raw('asker');
    await waitFor(() => received(second).filter((e) => e.clientId >= 1000).length === 20, 5000);
    const before = asker.frames.length;
    asker.send([MessageType.queryAwareness]);
    asker.send([MessageType.queryAwareness]);
    asker.send([MessageType.queryAwareness]);
    await waitFor(() => asker.frames.length > before, 5000);
    await new Promise((r) => setTimeout(r, 200));
    const answers = asker.frames.slice(before).filter((f) => f[0] === MessageType.awareness);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.byteLength).toBeLessThanOrEqual(1500 + 16);
    expect(decodeAwarenessUpdate(payloadOf(answers[0]!), 100).length).toBeLessThan(20);
  });
});
