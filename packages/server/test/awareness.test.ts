import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { MessageType, meetingRoots } from '@kenes/shared';
import { encodeAwarenessUpdate } from '../src/sync/awareness.js';
import { encodeAwarenessFrame } from '../src/sync/protocol.js';
import { serverTest as it } from '../src/test-support/serverTest.js';
import { openRawSocket } from '../src/test-support/rawSocket.js';
import {
  appendParagraph,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';

type State = { user?: Record<string, unknown>; cursor?: unknown } | undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Carets to tell states apart: `mark(n)` is a caret before character n of
 * `texts.r1` (which `writer` creates), in the shape y-prosemirror publishes;
 * the server relays only well-formed carets inside a text.
 */
async function marks(writer: TestClient) {
  appendParagraph(writer.doc, 'r1', 'Some text to point into.');
  await new Promise((r) => setTimeout(r, 100));
  const text = (meetingRoots(writer.doc).texts.get('r1')!.get(0) as Y.XmlElement).get(
    0,
  ) as Y.XmlText;
  return (n: number) => {
    const at = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, n, -1)));
    return { anchor: at, head: at };
  };
}

describe('awareness', () => {
  it('stamps identity from the session, keeps a valid caret, refuses foreign client ids, removes on close', async ({
    harness,
  }) => {
    const server = await harness.start();
    const alice = harness.client('m', 'alice');
    const bob = harness.client('m', 'bob');
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    const mark = await marks(alice);

    alice.provider.awareness.setLocalState({
      user: { id: 'chair', name: 'The Ambassador', role: 'chair', color: '#f00' },
      cursor: mark(7),
    });
    const seen = (): State => bob.provider.awareness.getStates().get(alice.doc.clientID) as State;
    await waitFor(() => same(seen()?.cursor, mark(7)), 5000, 'bob sees alice');
    expect(seen()).toEqual({
      user: {
        id: 'alice',
        name: 'alice',
        organisation: 'Org of alice',
        orgType: 'ngo',
        role: 'participant',
        // The room's colour for alice, not hers.
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      },
      cursor: mark(7),
    });

    // Mallory claims alice's client id: ignored. Her own id is stamped as hers.
    const raw = await openRawSocket(server.syncUrl, 'm', 'mallory');
    raw.send(
      encodeAwarenessFrame(
        encodeAwarenessUpdate([
          {
            clientId: alice.doc.clientID,
            clock: 999,
            state: { user: { name: 'alice (really)' }, cursor: mark(0) },
          },
          {
            clientId: 424242,
            clock: 1,
            state: { user: { name: 'Mallory as chair', role: 'chair' } },
          },
        ]),
      ),
    );
    const mallory = (): State => bob.provider.awareness.getStates().get(424242) as State;
    await waitFor(() => mallory() !== undefined, 5000, 'mallory state');
    expect(mallory()!.user).toMatchObject({ id: 'mallory', name: 'mallory', role: 'participant' });
    expect(seen()?.cursor).toEqual(mark(7));
    expect(seen()?.user?.id).toBe('alice');

    // A new socket gets the present states; a query is answered without the asker's own.
    const late = await openRawSocket(server.syncUrl, 'm', 'late');
    await waitFor(() => late.frames.some((f) => f[0] === MessageType.awareness));

    // Mallory leaves: her state is removed at the others.
    raw.ws.close();
    await waitFor(() => mallory() === undefined, 5000, 'removal');
    late.ws.close();
  });

  it('a reconnecting client can re-announce its own id; another user cannot take it over', async ({
    harness,
  }) => {
    const server = await harness.start();
    const bob = harness.client('m', 'bob');
    await waitSynced(bob);
    const mark = await marks(bob);
    const first = await openRawSocket(server.syncUrl, 'm', 'alice');
    first.send(
      encodeAwarenessFrame(
        encodeAwarenessUpdate([{ clientId: 77, clock: 3, state: { cursor: mark(1) } }]),
      ),
    );
    const at77 = (): State => bob.provider.awareness.getStates().get(77) as State;
    await waitFor(() => same(at77()?.cursor, mark(1)));
    first.ws.close();
    await waitFor(() => at77() === undefined);

    const eve = await openRawSocket(server.syncUrl, 'm', 'eve');
    eve.send(
      encodeAwarenessFrame(
        encodeAwarenessUpdate([{ clientId: 77, clock: 9, state: { cursor: mark(6) } }]),
      ),
    );
    const again = await openRawSocket(server.syncUrl, 'm', 'alice');
    // Same clock as before: the server's own clock makes peers accept it anyway.
    again.send(
      encodeAwarenessFrame(
        encodeAwarenessUpdate([{ clientId: 77, clock: 3, state: { cursor: mark(2) } }]),
      ),
    );
    await waitFor(() => same(at77()?.cursor, mark(2)), 5000, 'alice back');
    expect(at77()?.user?.id).toBe('alice');
    eve.ws.close();
    again.ws.close();
  });
});
