// Awareness payloads by hand, as y-protocols encodes them, without an
// Awareness instance per client (a thousand of those cost the client core
// more than the server we measure).
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** One entry: `[count=1][clientID][clock][JSON state]`. */
export function encodeAwareness(clientId, clock, state) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encoding.toUint8Array(e);
}

/** Calls `fn(clientId, clock)` per entry; the JSON states are skipped, not parsed. */
export function forEachAwarenessEntry(payload, fn) {
  const d = decoding.createDecoder(payload);
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    decoding.readVarUint8Array(d); // a varString is a length-prefixed byte run
    fn(id, clock);
  }
}
