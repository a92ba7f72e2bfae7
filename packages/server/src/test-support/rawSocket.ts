import { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';

/** A bare WebSocket to the sync endpoint, for sending hand-made frames. */
export interface RawSocket {
  ws: WebSocket;
  /** Frames received, in order. */
  frames: Uint8Array[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | number[]): void;
}

/** Opens a raw socket to `${syncUrl}/${meetingId}` and waits for the handshake. */
export async function openRawSocket(
  syncUrl: string,
  meetingId: string,
  user = 'raw',
  headers?: Record<string, string>,
): Promise<RawSocket> {
  const ws = new WebSocket(
    `${syncUrl}/${meetingId}?user=${encodeURIComponent(user)}`,
    headers ? { headers } : {},
  );
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    closed,
    send(bytes) {
      ws.send(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    },
  };
}

/** The top-level message type of a frame the server sent. */
export function frameType(frame: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(frame));
}

/**
 * Tries an upgrade and resolves with the HTTP status the server refused it
 * with, or 101 when it was accepted (the socket is then closed).
 */
export function upgradeStatus(
  syncUrl: string,
  meetingId: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${syncUrl}/${meetingId}`, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', (err) => {
      // After 'unexpected-response' ws may also emit an error; the status is already known.
      if (ws.readyState !== WebSocket.CLOSED) reject(err);
    });
  });
}

/**
 * Sends one frame on a fresh raw socket and resolves with how the server
 * closed it, or `{ code: -1, reason: 'still open' }` after `waitMs`.
 */
export async function sendOneFrame(
  syncUrl: string,
  meetingId: string,
  headers: Record<string, string>,
  frame: Uint8Array,
  waitMs = 3000,
): Promise<{ code: number; reason: string }> {
  const raw = await openRawSocket(syncUrl, meetingId, 'unused', headers);
  raw.send(frame);
  const timeout = new Promise<{ code: number; reason: string }>((resolve) =>
    setTimeout(() => {
      raw.ws.close();
      resolve({ code: -1, reason: 'still open' });
    }, waitMs),
  );
  return Promise.race([raw.closed, timeout]);
}
