import { describe, expect, it } from 'vitest';
import type { EventEmitter } from 'node:events';
import * as ws from 'ws';
import { encodeBinaryFrame } from './wsFrame.js';

// ws exports its framing classes at run time; @types/ws does not declare them.
interface FrameOptions {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
}
interface WsInternals {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
  Receiver: new (options: { isServer: boolean }) => EventEmitter & { write(chunk: Buffer): void };
}
const { Sender, Receiver } = ws as unknown as WsInternals;

/** What ws itself writes for an unmasked, final binary frame. */
function wsFraming(payload: Buffer): Buffer {
  const list = Sender.frame(payload, {
    fin: true,
    rsv1: false,
    opcode: 2,
    mask: false,
    readOnly: false,
  });
  return Buffer.concat(list);
}

describe('encodeBinaryFrame', () => {
  // Each length class of RFC 6455: 7-bit, 16-bit and 64-bit lengths, and their edges.
  const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 300_000];

  it.each(sizes)('writes the same bytes as ws for a %i-byte payload', (n) => {
    const payload = Buffer.alloc(n);
    for (let i = 0; i < n; i++) payload[i] = (i * 31 + 7) & 0xff;
    expect(encodeBinaryFrame(payload).equals(wsFraming(payload))).toBe(true);
  });

  it('is read back by a ws receiver as the same binary messages, in order', async () => {
    const receiver = new Receiver({ isServer: false });
    const got: Buffer[] = [];
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      got.push(Buffer.from(data));
    });
    const payloads = sizes.map((n) => Buffer.alloc(n, n & 0xff));
    const wire = Buffer.concat(payloads.map((p) => encodeBinaryFrame(p)));
    // Written in odd-sized pieces, as TCP may deliver them.
    for (let at = 0; at < wire.length; at += 4093) receiver.write(wire.subarray(at, at + 4093));
    await new Promise((r) => setImmediate(r));
    expect(got.map((b) => b.length)).toEqual(sizes);
    got.forEach((b, i) => expect(b.equals(payloads[i]!)).toBe(true));
  });
});
