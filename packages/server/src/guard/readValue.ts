import * as decoding from 'lib0/decoding';
import { deny } from './GuardDenial.js';

/**
 * Bounds-checked readers over lib0's decoder, for the guard's strict decode.
 *
 * The guard reads values with the very lib0 functions Yjs uses (varints,
 * strings), so that it sees exactly the numbers and strings Yjs will see: a
 * second, "cleaner" parser would open a parser-differential hole. Where lib0
 * does not check bounds (`readUint8`, the first byte of `readVarInt`) we do,
 * since reading past the end yields `undefined`, which Yjs silently treats as
 * 0 (a GC struct).
 */

/** Reads one byte, denying past the end. */
export function readByte(d: decoding.Decoder): number {
  const byte = d.arr[d.pos];
  if (byte === undefined) deny('truncated');
  d.pos++;
  return byte;
}

/** Reads an unsigned varint; lib0 throws at the end of the array and past 2^53. */
export function readUint(d: decoding.Decoder): number {
  return decoding.readVarUint(d);
}

/** Reads a length-prefixed UTF-8 string (lib0 checks bounds and, fatally, UTF-8). */
export function readString(d: decoding.Decoder): string {
  return decoding.readVarString(d);
}

/** Bytes left to read: a cheap upper bound for element counts (each takes ≥ 1 byte). */
export function remaining(d: decoding.Decoder): number {
  return d.arr.length - d.pos;
}

/** Skips `n` raw bytes, denying past the end. */
function skipBytes(d: decoding.Decoder, n: number): void {
  if (n > remaining(d)) deny('truncated');
  d.pos += n;
}

/**
 * Reads and validates one lib0 "any" value (ContentAny, ContentDoc options)
 * without building it, mirroring `decoding.readAny`'s tag table. Denies
 * values nested deeper than `maxDepth` (lib0 itself recurses without limit,
 * and so would `toJSON` and every exporter) and `__proto__` keys (lib0
 * assigns keys with `obj[key] =`, which would set the object's prototype).
 */
export function skipAny(d: decoding.Decoder, maxDepth: number, depth = 0): void {
  const tag = readByte(d);
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125: // varint: lib0 reads the first byte unchecked
      if (remaining(d) < 1) deny('truncated');
      decoding.readVarInt(d);
      return;
    case 124: // float32
      skipBytes(d, 4);
      return;
    case 123: // float64
    case 122: // bigint64
      skipBytes(d, 8);
      return;
    case 119: // string
      readString(d);
      return;
    case 118: // object
    case 117: {
      // array
      if (depth + 1 > maxDepth) deny('value_too_deep');
      const len = readUint(d);
      if (len > remaining(d)) deny('truncated');
      for (let i = 0; i < len; i++) {
        if (tag === 118 && readString(d) === '__proto__') deny('proto_key');
        skipAny(d, maxDepth, depth + 1);
      }
      return;
    }
    case 116: // Uint8Array
      decoding.readVarUint8Array(d);
      return;
    default:
      // lib0 would call `undefined(...)` and throw a TypeError: malformed.
      return deny('unknown_value_tag');
  }
}

/**
 * Parses a JSON string as Yjs does (ContentEmbed, ContentFormat,
 * ContentJSON), denies values nested deeper than `maxDepth`, and returns
 * the value (the schema check reads format values). The walk is
 * iterative so that a hostile value cannot overflow the guard's own stack.
 */
export function readJson(d: decoding.Decoder, maxDepth: number): unknown {
  const text = readString(d);
  const value: unknown = JSON.parse(text);
  checkValueDepth(value, maxDepth);
  return value;
}

/** Denies a parsed value nested deeper than `maxDepth` objects/arrays. */
export function checkValueDepth(value: unknown, maxDepth: number): void {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.v === null || typeof top.v !== 'object') continue;
    if (top.depth + 1 > maxDepth) deny('value_too_deep');
    for (const child of Object.values(top.v)) stack.push({ v: child, depth: top.depth + 1 });
  }
}
