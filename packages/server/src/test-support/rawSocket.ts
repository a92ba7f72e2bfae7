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
export async function openRawSocket(syncUrl: string, meetingId: string, user = 'raw'): Promise<RawSocket> {
  const ws = new WebSocket(`${syncUrl}/${meetingId}?user=${encodeURIComponent(user)}`);
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
