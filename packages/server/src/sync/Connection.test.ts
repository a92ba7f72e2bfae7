import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { Connection } from './Connection.js';
import { SocketRateLimiter } from './rateLimit.js';
import { encodeBinaryFrame } from './wsFrame.js';

const principal = {
  kind: 'member',
  userId: 'u1',
  sessionId: 's1',
  name: 'Ada',
  organisation: 'Org',
  orgType: 'ngo',
  role: 'participant',
} as const;

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

/** A real server socket wrapped in a Connection, and the client at the other end. */
async function pair(): Promise<{ conn: Connection; client: WebSocket; socket: Duplex }> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  let raw: Duplex | null = null;
  const made = new Promise<Connection>((resolve) => {
    server.on('upgrade', (req, socket: Duplex, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        raw = socket;
        const limiter = new SocketRateLimiter(
          { messagesPerSecond: 1e6, messageBurst: 1e6, bytesPerSecond: 1e9, byteBurst: 1e9 },
          Date.now,
        );
        resolve(
          new Connection(ws, socket, 'm1', principal, limiter, pino({ level: 'silent' }), 1 << 26),
        );
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    perMessageDeflate: false,
  });
  client.binaryType = 'nodebuffer';
  const conn = await made;
  await new Promise((r) => client.once('open', r));
  open.push(async () => {
    client.terminate();
    wss.close();
    await new Promise((r) => server.close(r));
  });
  return { conn, client, socket: raw! };
}

describe('Connection', () => {
  it('keeps the order of messages sent through ws and of pre-framed ones, whatever their size', async () => {
    const { conn, client } = await pair();
    const sizes = [0, 3, 125, 126, 1000, 65_535, 65_536, 200_000];
    const sent: Buffer[] = [];
    for (let i = 0; i < 120; i++) {
      const msg = Buffer.alloc(sizes[i % sizes.length]!, i & 0xff);
      sent.push(msg);
      if (i % 3 === 0) conn.send(msg);
      else conn.sendFramed(encodeBinaryFrame(msg));
    }
    const got: Buffer[] = [];
    await new Promise<void>((resolve) =>
      client.on('message', (data: Buffer, isBinary) => {
        expect(isBinary).toBe(true);
        got.push(data);
        if (got.length === sent.length) resolve();
      }),
    );
    expect(got.map((b) => b.length)).toEqual(sent.map((b) => b.length));
    got.forEach((b, i) => expect(b.equals(sent[i]!)).toBe(true));
  });

  it('writes nothing once closing: the close frame is the last thing the client reads', async () => {
    const { conn, client, socket } = await pair();
    const got: number[] = [];
    client.on('message', (data: Buffer) => got.push(data.length));
    const closed = new Promise<number>((r) => client.once('close', (code) => r(code)));
    conn.sendFramed(encodeBinaryFrame(Buffer.alloc(5)));
    conn.close(4403, 'refused');
    const written = (socket as Duplex & { bytesWritten: number }).bytesWritten;
    conn.sendFramed(encodeBinaryFrame(Buffer.alloc(7)));
    conn.send(Buffer.alloc(9));
    expect((socket as Duplex & { bytesWritten: number }).bytesWritten).toBe(written);
    expect(await closed).toBe(4403);
    expect(got).toEqual([5]);
    await conn.closed;
  });
});
