/** Largest payload whose length fits the 16-bit extended length field. */
const MAX_16_BIT = 0xffff;

/**
 * One whole WebSocket message as it goes on the wire from a server (RFC 6455
 * §5.2): FIN, binary opcode, no mask, the payload length, the payload. A
 * broadcast encodes it once and writes the same bytes to every socket,
 * instead of letting `ws` build a header and a two-buffer write per socket.
 *
 * @example encodeBinaryFrame(Uint8Array.of(1, 2)) // <82 02 01 02>
 */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n <= MAX_16_BIT ? 4 : 10;
  const out = Buffer.allocUnsafe(head + n);
  out[0] = 0x82; // FIN + opcode 2 (binary); a server never masks
  if (n < 126) out[1] = n;
  else if (n <= MAX_16_BIT) {
    out[1] = 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    out.writeUInt32BE(n >>> 0, 6);
  }
  out.set(payload, head);
  return out;
}
