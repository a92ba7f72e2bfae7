/**
 * Issue 15 (weak finding): one participant bound ~2,000 new Yjs client ids
 * a second with updates of GC-only structs under fresh ids, and every id
 * lands in every client's state vector. Client ids are capped per member
 * and per meeting; an honest client reconnecting under its own id, or
 * reloading a few times, is never refused.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@kenes/shared';
import {
  appendParagraph,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { closedWithin, openRawSocket } from '../src/test-support/rawSocket.js';
import { useLiveServer } from '../src/test-support/serverTest.js';
import { encodeUpdate } from '../src/sync/protocol.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveMeeting,
  type LiveUser,
} from '../src/test-support/liveApi.js';

const PER_USER = 5;
const PER_MEETING = 12;

const live = useLiveServer({
  security: 'real',
  sync: { maxClientIdsPerUser: PER_USER, maxClientIdsPerMeeting: PER_MEETING },
});
let chair: LiveUser;
let m: LiveMeeting;

/** A sync-update frame around an update holding one GC struct of a fresh client id. */
function gcFrame(clientId: number): Uint8Array {
  const u = encoding.createEncoder();
  encoding.writeVarUint(u, 1); // one client
  encoding.writeVarUint(u, 1); // one struct
  encoding.writeVarUint(u, clientId);
  encoding.writeVarUint(u, 0); // clock
  encoding.writeUint8(u, 0); // GC
  encoding.writeVarUint(u, 1); // length
  encoding.writeVarUint(u, 0); // empty delete set
  return encodeUpdate(encoding.toUint8Array(u));
}

async function boundTo(user: LiveUser): Promise<number> {
  const bindings = await live.server.store.docs.loadBindings(m.meetingId);
  return bindings.filter((b) => b.userId === user.userId).length;
}

/**
 * Sends GC updates under `ids` on one raw socket, `gapMs` apart (0: all in
 * one go, so the room checks them as one batch); resolves with how it closed.
 */
async function flood(
  user: LiveUser,
  ids: number[],
  gapMs = 0,
): Promise<{ code: number; reason: string }> {
  const raw = await openRawSocket(live.server.syncUrl, m.meetingId, 'unused', user.socketHeaders);
  let open = true;
  void raw.closed.then(() => (open = false));
  for (const id of ids) {
    if (!open) break;
    raw.send(gcFrame(id));
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
  return closedWithin(raw, 2000);
}

beforeAll(async () => {
  chair = await signUpUser(live.server.url, 'Chair', 'Ministry of Foreign Affairs', 'government');
  m = await createMeetingWithText(chair);
});

describe('client ids per member and per meeting', () => {
  it('a member sending updates under many fresh client ids is refused past the cap, one by one or in one batch', async () => {
    const attacker = await signUpUser(live.server.url, 'Attacker', 'Elsewhere', 'ngo');
    await addMember(chair, m.meetingId, attacker, 'participant');
    // One id per update: the first PER_USER bind, the next is refused.
    const ids = Array.from({ length: 40 }, (_, i) => 1_000_000 + i);
    const closed = await flood(attacker, ids, 30);
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(/client ids/);
    expect(await boundTo(attacker)).toBe(PER_USER);
    // A new socket cannot go on where the last one stopped.
    const again = await flood(attacker, [2_000_000]);
    expect(again.code).toBe(CloseCode.forbidden);
    expect(await boundTo(attacker)).toBe(PER_USER);
    // Many ids in one go are refused whole.
    const batcher = await signUpUser(live.server.url, 'Batcher', 'Elsewhere', 'ngo');
    await addMember(chair, m.meetingId, batcher, 'participant');
    const batch = await flood(
      batcher,
      Array.from({ length: 40 }, (_, i) => 1_500_000 + i),
    );
    expect(batch.code).toBe(CloseCode.forbidden);
    expect(await boundTo(batcher)).toBe(0);
  });

  it('an honest client reconnecting under its own id, and reloading within the cap, is never refused', async () => {
    const honest = await signUpUser(live.server.url, 'Honest', 'Ombudsman', 'nhri');
    await addMember(chair, m.meetingId, honest, 'participant');
    // One document kept across reconnects (same client id), typing each time.
    const doc = new Y.Doc();
    const clients: TestClient[] = [];
    for (let i = 0; i < 8; i++) {
      const c = live.connect(honest, m.meetingId, { doc });
      clients.push(c);
      await waitSynced(c);
      appendParagraph(c.doc, m.recId, `reconnect ${i}`);
      await expect.poll(() => boundTo(honest)).toBe(1);
      c.provider.destroy(); // the socket goes, the document (and its client id) stays
    }
    // Three reloads: a fresh client id each (still under the cap of five).
    for (let i = 0; i < 3; i++) {
      const c = live.connect(honest, m.meetingId);
      clients.push(c);
      await waitSynced(c);
      appendParagraph(c.doc, m.recId, `reload ${i}`);
      await expect.poll(() => boundTo(honest)).toBe(2 + i);
    }
    const last = clients[clients.length - 1]!;
    await waitFor(() => (fragmentText(last.doc, m.recId) ?? '').includes('reload 2'));
    expect(fragmentText(last.doc, m.recId)).toContain('reconnect 7');
    for (const c of clients)
      expect(c.closes.filter((x) => x.code === CloseCode.forbidden)).toEqual([]);
  });

  it('the meeting-wide cap holds across members', async () => {
    const others = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const u = await signUpUser(live.server.url, `Member ${i}`, `Org ${i}`, 'ngo');
        await addMember(chair, m.meetingId, u, 'participant');
        return u;
      }),
    );
    const total = async (): Promise<number> =>
      (await live.server.store.docs.loadBindings(m.meetingId)).length;
    let refused = 0;
    for (const [i, u] of others.entries()) {
      const closed = await flood(
        u,
        Array.from({ length: PER_USER - 1 }, (_, k) => 3_000_000 + i * 100 + k),
      );
      if (closed.code === CloseCode.forbidden) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    expect(await total()).toBeLessThanOrEqual(PER_MEETING);
  });
});
