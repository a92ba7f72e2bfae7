import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** How the server closed a socket (`code: -1, reason: 'still open'`: it did not). */
export interface SocketClose {
  code: number;
  reason: string;
}

/** A bare WebSocket to the sync endpoint, for sending hand-made frames. */
export interface RawSocket {
  ws: WebSocket;
  /** Frames received, in order. */
  frames: Uint8Array[];
  /** Resolves with the close code and reason. */
  closed: Promise<SocketClose>;
  send(bytes: Uint8Array | number[]): void;
}

/** Opens a raw socket to `${syncUrl}/${meetingId}` and waits for the handshake. */
export function openRawSocket(
  syncUrl: string,
  meetingId: string,
  user = 'raw',
  headers?: Record<string, string>,
): Promise<RawSocket> {
  return openRawSocketAt(`${syncUrl}/${meetingId}?user=${encodeURIComponent(user)}`, { headers });
}

/** Opens a raw socket to `url`, offering `protocols`, and waits for the handshake. */
export async function openRawSocketAt(
  url: string,
  { protocols, headers }: { protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<RawSocket> {
  const ws = new WebSocket(url, protocols ?? [], headers ? { headers } : {});
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<SocketClose>((resolve) =>
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
 * Tries an upgrade, offering `protocols`, and resolves with the HTTP status
 * the server refused it with, or 101 when it was accepted (the socket is then closed).
 */
export function upgradeStatus(
  syncUrl: string,
  meetingId: string,
  headers: Record<string, string>,
  protocols: string[] = [],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${syncUrl}/${meetingId}`, protocols, { headers });
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
 * Resolves with how the server closed `raw`, or closes it itself and
 * resolves `{ code: -1, reason: 'still open' }` after `waitMs`.
 */
export function closedWithin(raw: RawSocket, waitMs: number): Promise<SocketClose> {
  const timeout = new Promise<SocketClose>((resolve) =>
    setTimeout(() => {
      raw.ws.close();
      resolve({ code: -1, reason: 'still open' });
    }, waitMs),
  );
  return Promise.race([raw.closed, timeout]);
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
): Promise<SocketClose> {
  const raw = await openRawSocket(syncUrl, meetingId, 'unused', headers);
  raw.send(frame);
  return closedWithin(raw, waitMs);
}

/** The update a client doc synced from `base` produces when `edit` runs on it (in one transaction). */
export function craftedUpdate(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc));
  return Y.encodeStateAsUpdate(doc, before);
}
