import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType, SyncMessageType } from '@kenes/shared';

/**
 * The y-websocket wire format, decoded strictly. Client frames are never
 * handed to y-protocols' `readSyncMessage`: it applies updates to the doc
 * directly, which would skip the guard and the store.
 */

/** One decoded client frame. Payloads are copies, safe to keep. */
export type Frame =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; payload: Uint8Array }
  | { type: 'queryAwareness' }
  /** Auth frames and unknown top-level types: ignored, as y-websocket does. */
  | { type: 'ignored'; messageType: number };

/** A frame that does not follow the protocol; the socket that sent it is closed. */
export class MalformedFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedFrameError';
  }
}

function readVarUint(d: decoding.Decoder, what: string): number {
  let n: number;
  try {
    n = decoding.readVarUint(d);
  } catch {
    throw new MalformedFrameError(`bad varint (${what})`);
  }
  // lib0 only checks the range while bits are set: 0x80… 0x01 decodes to 2^56.
  if (!Number.isSafeInteger(n)) throw new MalformedFrameError(`bad varint (${what})`);
  return n;
}

function readPayload(d: decoding.Decoder, what: string): Uint8Array {
  const len = readVarUint(d, `${what} length`);
  if (len > d.arr.length - d.pos) throw new MalformedFrameError(`truncated ${what}`);
  // Copy: the frame's buffer may be reused by the socket layer.
  return decoding.readUint8Array(d, len).slice();
}

function expectEnd(d: decoding.Decoder): void {
  if (decoding.hasContent(d)) throw new MalformedFrameError('trailing bytes');
}

/**
 * Decodes one client frame. Throws {@link MalformedFrameError} on a bad
 * varint, a truncated payload, trailing bytes or an unknown sync subtype;
 * answers `ignored` for auth and unknown top-level types.
 */
export function decodeFrame(frame: Uint8Array): Frame {
  const d = decoding.createDecoder(frame);
  const type = readVarUint(d, 'message type');
  switch (type) {
    case MessageType.sync: {
      const sub = readVarUint(d, 'sync type');
      if (
        sub !== SyncMessageType.step1 &&
        sub !== SyncMessageType.step2 &&
        sub !== SyncMessageType.update
      ) {
        throw new MalformedFrameError(`unknown sync type ${sub}`);
      }
      const payload = readPayload(d, 'sync payload');
      expectEnd(d);
      if (sub === SyncMessageType.step1) return { type: 'syncStep1', stateVector: payload };
      return { type: sub === SyncMessageType.step2 ? 'syncStep2' : 'update', update: payload };
    }
    case MessageType.awareness: {
      const payload = readPayload(d, 'awareness payload');
      expectEnd(d);
      return { type: 'awareness', payload };
    }
    case MessageType.queryAwareness:
      expectEnd(d);
      return { type: 'queryAwareness' };
    default:
      return { type: 'ignored', messageType: type };
  }
}

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Sync step 1: the server's state vector, asking the client for what it lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep1, stateVector);
}

/** Sync step 2: the answer to a client's step 1 (marks the provider synced). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep2, update);
}

/** A committed update relayed to the room. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsUpdate, update);
}

/** An awareness frame around an encoded awareness update. */
export function encodeAwarenessFrame(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
