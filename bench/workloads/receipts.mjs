// Which typed characters a received update frame carries: every writer
// types one char per transaction, so its Yjs clock k is its (k+1)-th char
// and a frame carries, per writer, the clock range [from, to).
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** Send times: per client id, per clock. */
export class SendLog {
  constructor() {
    /** @type {Map<number, number[]>} */
    this.byClient = new Map();
  }
  /** Records that `clientId`'s char at `clock` left at `t`. */
  sent(clientId, clock, t) {
    let a = this.byClient.get(clientId);
    if (!a) this.byClient.set(clientId, (a = []));
    a[clock] = t;
  }
  get(clientId, clock) {
    return this.byClient.get(clientId)?.[clock];
  }
}

/** Calls `fn(clientId, clock)` for every char an update frame (`[0][2][update]`) carries. */
export function forEachChar(frame, fn) {
  const d = decoding.createDecoder(frame);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  const { from, to } = Y.parseUpdateMeta(decoding.readVarUint8Array(d));
  for (const [client, end] of to) for (let k = from.get(client) ?? 0; k < end; k++) fn(client, k);
}
