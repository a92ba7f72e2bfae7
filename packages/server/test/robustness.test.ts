import { describe, expect } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CloseCode, MessageType } from '@kenes/shared';
import { serverTest as it } from '../src/test-support/serverTest.js';
import type { TestServer } from '../src/test-support/testServer.js';
import { openRawSocket } from '../src/test-support/rawSocket.js';
import { appendParagraph, fragmentText, waitFor, waitSynced } from '../src/test-support/clients.js';

async function healthz(server: TestServer): Promise<number> {
  return (await fetch(`${server.url}/healthz`)).status;
}

/** An awareness frame whose payload is a well-formed count but a truncated entry. */
function truncatedAwareness(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, Uint8Array.from([1, 5]));
  return encoding.toUint8Array(e);
}

const MALFORMED: Array<[string, number[] | Uint8Array]> = [
  ['bad varint (never terminates)', [0xff, 0xff, 0xff]],
  ['bad varint (out of range)', [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
  ['truncated payload', [MessageType.sync, 2, 10, 1, 2]],
  ['unknown sync subtype', [MessageType.sync, 7, 0]],
  ['trailing bytes', [MessageType.sync, 0, 1, 0, 99]],
  ['truncated awareness entry', truncatedAwareness()],
];

describe('malformed and oversize frames', () => {
  it.for(MALFORMED)(
    '%s: closes that socket with 1007; others keep syncing; /healthz OK',
    async ([, frame], { harness }) => {
      const server = await harness.start();
      const a = harness.client('m', 'alice');
      const b = harness.client('m', 'bob');
      await Promise.all([waitSynced(a), waitSynced(b)]);
      const raw = await openRawSocket(server.syncUrl, 'm', 'mallory');
      raw.send(frame);
      const closed = await raw.closed;
      expect(closed.code).toBe(CloseCode.invalidPayload);
      expect(closed.reason.length).toBeGreaterThan(0);
      expect(
        server.logs.lines.some(
          (l) => l.msg === 'malformed frame, closing socket' && l.userId === 'mallory',
        ),
      ).toBe(true);
      expect(await healthz(server)).toBe(200);
      appendParagraph(a.doc, 'rec', 'still alive');
      await waitFor(() => fragmentText(b.doc, 'rec') === 'still alive');
      expect(a.closes).toEqual([]);
    },
  );

  it('a frame over the limit closes that socket with 1009', async ({ harness }) => {
    const server = await harness.start({ sync: { maxFrameBytes: 64 * 1024 } });
    const a = harness.client('m', 'alice');
    const b = harness.client('m', 'bob');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const raw = await openRawSocket(server.syncUrl, 'm', 'mallory');
    raw.send(new Uint8Array(64 * 1024 + 1));
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig);
    expect(await healthz(server)).toBe(200);
    appendParagraph(a.doc, 'rec', 'still alive');
    await waitFor(() => fragmentText(b.doc, 'rec') === 'still alive');
  });

  it('ignores unknown top-level message types and auth frames', async ({ harness }) => {
    const server = await harness.start();
    const raw = await openRawSocket(server.syncUrl, 'm');
    raw.send([MessageType.auth, 0]);
    raw.send([42, 1, 2, 3]);
    raw.send([MessageType.queryAwareness]);
    // The query is answered, so the socket is alive and the others were ignored.
    await waitFor(() => raw.frames.some((f) => f[0] === MessageType.awareness));
    raw.ws.close();
  });

  it('closes a socket over its rate limit with 4429', async ({ harness }) => {
    const server = await harness.start({
      sync: {
        rateLimits: { messagesPerSecond: 5, messageBurst: 5, bytesPerSecond: 1e6, byteBurst: 1e6 },
      },
    });
    const raw = await openRawSocket(server.syncUrl, 'm');
    for (let i = 0; i < 20; i++) raw.send([MessageType.queryAwareness]);
    expect((await raw.closed).code).toBe(CloseCode.rateLimited);
    expect(await healthz(server)).toBe(200);
  });

  it('heartbeat keeps answering clients connected', async ({ harness }) => {
    await harness.start({ sync: { heartbeatMs: 40 } });
    const a = harness.client('m', 'alice');
    await waitSynced(a);
    await new Promise((r) => setTimeout(r, 250));
    expect(a.closes).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
  });

  it('refuses an upgrade outside /sync/:meetingId with a plain HTTP 404', async ({ harness }) => {
    const server = await harness.start();
    const raw = openRawSocket(server.syncUrl.replace('/sync', '/elsewhere'), 'm');
    await expect(raw).rejects.toThrow(/404/);
  });

  it('answers an authorizer refusal with its HTTP status before the handshake', async ({
    harness,
  }) => {
    const server = await harness.start({
      authorizer: {
        authorize: async () => ({
          ok: false,
          status: 401,
          code: 'unauthorized',
          message: 'Sign in first',
        }),
      },
    });
    await expect(openRawSocket(server.syncUrl, 'm')).rejects.toThrow(/401/);
  });
});
