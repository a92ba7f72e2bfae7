import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MalformedFrameError } from './protocol.js';
import { RoomAwareness, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness.js';
import { stampedUser } from './awarenessState.js';
import { testPrincipal } from '../test-support/testServer.js';

describe('awareness codec', () => {
  it('round-trips with y-protocols', () => {
    const doc = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState({ cursor: 3, user: { name: 'x' } });
    const entries = decodeAwarenessUpdate(
      awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]),
      10,
    );
    expect(entries).toEqual([
      { clientId: doc.clientID, clock: 1, state: { cursor: 3, user: { name: 'x' } } },
    ]);
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(other, encodeAwarenessUpdate(entries), 'test');
    expect(other.getStates().get(doc.clientID)).toEqual({ cursor: 3, user: { name: 'x' } });
    aw.destroy();
    other.destroy();
  });

  it('rejects too many entries, bad JSON, non-object states and trailing bytes', () => {
    const ok = encodeAwarenessUpdate([
      { clientId: 1, clock: 1, state: {} },
      { clientId: 2, clock: 1, state: null },
    ]);
    expect(() => decodeAwarenessUpdate(ok, 1)).toThrow(/too many/);
    expect(() => decodeAwarenessUpdate(Uint8Array.from([...ok, 0]), 5)).toThrow(/trailing/);
    expect(() => decodeAwarenessUpdate(Uint8Array.from([1, 1, 1, 1, 0x7b]), 5)).toThrow(/JSON/);
    expect(() => decodeAwarenessUpdate(Uint8Array.from([1, 1, 1, 1, 0x31]), 5)).toThrow(/object/);
  });

  it('never throws anything but MalformedFrameError on random bytes (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (bytes) => {
        try {
          decodeAwarenessUpdate(bytes, 16);
        } catch (err) {
          return err instanceof MalformedFrameError;
        }
        return true;
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe('RoomAwareness', () => {
  const alice = testPrincipal('alice');
  const bob = testPrincipal('bob');
  /** The room's shaping, reduced to the stamp: what these tests are about is ownership. */
  const stamp = (p: typeof alice) => () => ({ user: stampedUser(p, '#b91c1c') });

  it('gives ownership to the first socket and ignores others', () => {
    const aw = new RoomAwareness<string>(2);
    expect(
      aw.apply(
        'sA',
        alice,
        [{ clientId: 1, clock: 0, state: { user: { name: 'spoof' } } }],
        stamp(alice),
      ),
    ).toEqual([
      {
        clientId: 1,
        clock: 0,
        state: {
          user: {
            id: 'alice',
            name: 'alice',
            organisation: 'Org of alice',
            orgType: 'ngo',
            role: 'participant',
            color: '#b91c1c',
          },
        },
      },
    ]);
    expect(aw.apply('sB', bob, [{ clientId: 1, clock: 5, state: {} }], stamp(bob))).toEqual([]);
    expect(aw.states('sA')).toEqual([]);
    expect(aw.states('sB')).toHaveLength(1);
  });

  it('caps the ids a socket may own and only lets the previous user re-claim a released id', () => {
    const aw = new RoomAwareness<string>(2);
    aw.apply(
      'sA',
      alice,
      [1, 2, 3].map((clientId) => ({ clientId, clock: 0, state: {} })),
      stamp(alice),
    );
    expect(aw.idsOf('sA')).toEqual([1, 2]);
    expect(aw.release('sA')).toEqual([
      { clientId: 1, clock: 1, state: null },
      { clientId: 2, clock: 1, state: null },
    ]);
    expect(aw.apply('sB', bob, [{ clientId: 1, clock: 9, state: {} }], stamp(bob))).toEqual([]);
    expect(
      aw.apply('sA2', alice, [{ clientId: 1, clock: 0, state: {} }], stamp(alice))[0]!.clock,
    ).toBe(2);
  });

  it('never lets a socket announce a client id bound to another user (issue 15, id stealing)', () => {
    const bindings = new Map([[7, 'alice']]);
    const aw = new RoomAwareness<string>(4, undefined, (id) => bindings.get(id));
    expect(aw.apply('sB', bob, [{ clientId: 7, clock: 1, state: {} }], stamp(bob))).toEqual([]);
    expect(aw.claimant(7)).toBeUndefined();
    expect(
      aw.apply('sA', alice, [{ clientId: 7, clock: 1, state: {} }], stamp(alice)),
    ).toHaveLength(1);
    expect(aw.claimant(7)).toBe('alice');
  });

  it('claims an announced id for its user while the socket is open, and not after', () => {
    const aw = new RoomAwareness<string>(4);
    aw.apply('sA', alice, [{ clientId: 3, clock: 1, state: {} }], stamp(alice));
    expect(aw.claimant(3)).toBe('alice');
    // A null state (the client cleared its presence) keeps the socket's claim.
    aw.apply('sA', alice, [{ clientId: 3, clock: 2, state: null }], stamp(alice));
    expect(aw.claimant(3)).toBe('alice');
    aw.release('sA');
    expect(aw.claimant(3)).toBeUndefined();
    expect(aw.claimant(4)).toBeUndefined();
  });
});
