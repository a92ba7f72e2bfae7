import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FanoutMessage, ReceivedMessage } from './Fanout.js';

/** Format version: a process refuses messages of a newer one (mixed versions during a roll are logged). */
const VERSION = 1;

// New kinds are added, never renumbered: an older process drops (and logs) a kind it does not know.
const Kind = { update: 0, awareness: 1, awarenessQuery: 2, close: 3 } as const;

/**
 * Encodes a fan-out message: varuint version, varuint kind, varstring
 * process id, float64 send time, then the payload (update: count and byte
 * arrays, then count and seqs; awareness: one byte array). Binary, so updates are not base64'd.
 */
export function encodeFanoutMessage(msg: FanoutMessage, from: string, sentAt: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, VERSION);
  encoding.writeVarUint(e, Kind[msg.kind]);
  encoding.writeVarString(e, from);
  encoding.writeFloat64(e, sentAt);
  if (msg.kind === 'update') {
    encoding.writeVarUint(e, msg.updates.length);
    for (const u of msg.updates) encoding.writeVarUint8Array(e, u);
    // After the updates, so a process that predates them reads the message and ignores the rest.
    encoding.writeVarUint(e, msg.seqs.length);
    for (const s of msg.seqs) encoding.writeVarUint(e, s);
  } else if (msg.kind === 'awareness') {
    encoding.writeVarUint8Array(e, msg.payload);
  } else if (msg.kind === 'close') {
    encoding.writeVarString(e, msg.userId);
    encoding.writeVarUint(e, msg.code);
    encoding.writeVarString(e, msg.reason);
  }
  return encoding.toUint8Array(e);
}

/** Decodes {@link encodeFanoutMessage}'s output; throws on anything else. */
export function decodeFanoutMessage(data: Uint8Array): ReceivedMessage {
  const d = decoding.createDecoder(data);
  const version = decoding.readVarUint(d);
  if (version !== VERSION) throw new Error(`unsupported fan-out message version ${version}`);
  const kind = decoding.readVarUint(d);
  const from = decoding.readVarString(d);
  const sentAt = decoding.readFloat64(d);
  switch (kind) {
    case Kind.update: {
      const n = decoding.readVarUint(d);
      const updates: Uint8Array[] = [];
      for (let i = 0; i < n; i++) updates.push(decoding.readVarUint8Array(d));
      const seqs: number[] = [];
      if (decoding.hasContent(d))
        for (let i = decoding.readVarUint(d); i > 0; i--) seqs.push(decoding.readVarUint(d));
      return { kind: 'update', updates, seqs, from, sentAt };
    }
    case Kind.awareness:
      return { kind: 'awareness', payload: decoding.readVarUint8Array(d), from, sentAt };
    case Kind.awarenessQuery:
      return { kind: 'awarenessQuery', from, sentAt };
    case Kind.close: {
      const userId = decoding.readVarString(d);
      const code = decoding.readVarUint(d);
      return { kind: 'close', userId, code, reason: decoding.readVarString(d), from, sentAt };
    }
    default:
      throw new Error(`unknown fan-out message kind ${kind}`);
  }
}
