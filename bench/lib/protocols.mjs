// How a bench client reaches a document on each server. Every server speaks
// y-websocket frames ([varUint type][payload]); Hocuspocus wraps each frame
// with the document name (a varString prefix), needs an Auth message before
// anything else, and answers sync step 1 with its own type 4 (SyncReply).
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/**
 * @typedef {object} Protocol
 * @property {(base: string, docId: string) => string} url  the WebSocket URL of one document
 * @property {(docId: string) => Uint8Array[]} hello  frames to send as soon as the socket opens
 * @property {(docId: string, frame: Uint8Array) => Uint8Array} wrap  a y-websocket frame → wire bytes
 * @property {(buf: Uint8Array) => Uint8Array | null} unwrap  wire bytes → a y-websocket frame, or null to ignore
 */

/** y-websocket framing as is; the document is the path (Kenes: `/sync/<id>`). */
export function yWebsocket(pathPrefix = '/') {
  return {
    url: (base, docId) => `${base}${pathPrefix}${docId}`,
    hello: () => [],
    wrap: (_docId, frame) => frame,
    unwrap: (buf) => buf,
  };
}

const HP_SYNC = 0;
const HP_AWARENESS = 1;
const HP_AUTH = 2;
const HP_SYNC_REPLY = 4;
const HP_AUTH_TOKEN = 0;

/** Hocuspocus 3 framing: `[varString docName][varUint type][payload]`, one socket per document here. */
export function hocuspocus() {
  /** Prefix cache: one encoded name per document, reused for every frame. */
  const prefixes = new Map();
  const prefixOf = (docId) => {
    let p = prefixes.get(docId);
    if (!p) {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, docId);
      p = encoding.toUint8Array(e);
      prefixes.set(docId, p);
    }
    return p;
  };
  return {
    url: (base) => `${base}/`,
    hello(docId) {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, docId);
      encoding.writeVarUint(e, HP_AUTH);
      encoding.writeVarUint(e, HP_AUTH_TOKEN);
      encoding.writeVarString(e, 'bench');
      return [encoding.toUint8Array(e)];
    },
    wrap(docId, frame) {
      const p = prefixOf(docId);
      const out = new Uint8Array(p.length + frame.length);
      out.set(p, 0);
      out.set(frame, p.length);
      return out;
    },
    unwrap(buf) {
      const d = decoding.createDecoder(buf);
      decoding.readVarString(d);
      const at = d.pos;
      const type = buf[at];
      if (type === HP_SYNC || type === HP_AWARENESS) return buf.subarray(at);
      if (type === HP_SYNC_REPLY) {
        // A reply to our step 1 is plain sync to a y-websocket client; we own the buffer.
        const frame = buf.subarray(at);
        frame[0] = HP_SYNC;
        return frame;
      }
      return null; // Auth (authenticated), SyncStatus, stateless: nothing to apply
    },
  };
}
