// A bare y-websocket client for any of the compared servers: one ws socket,
// one Y.Doc, sync steps 1/2, updates and raw awareness frames, through a
// protocol adapter (lib/protocols.mjs). Far lighter than a provider, so one
// process can hold a thousand of them.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();
export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;

/**
 * @typedef {object} PeerClientOptions
 * @property {boolean} [deferSync]  resolve `connect()` on the arrival of step 2 and keep it unapplied (`flush()` applies)
 * @property {boolean} [dropSync]  like deferSync but drop step 2 at once (storms: the client side can't apply 1000 big states)
 * @property {boolean} [applyUpdates]  apply remote updates to the doc (default true)
 * @property {Uint8Array} [stateVector]  announce this state vector in step 1 instead of the doc's own: a provider that already holds that state (reconnect storms; the state itself is not kept, so combine with dropSync)
 * @property {(t: number, frame: Uint8Array, c: PeerClient) => void} [onUpdate]  a sync update frame after sync, stamped on arrival
 * @property {(t: number, payload: Uint8Array, c: PeerClient) => void} [onAwareness]  an awareness update's payload, stamped on arrival
 * @property {string} [origin]
 */

export class PeerClient {
  /**
   * @param {string} base  ws://host:port
   * @param {string} docId
   * @param {import('./protocols.mjs').Protocol} protocol
   * @param {PeerClientOptions} [opts]
   */
  constructor(base, docId, protocol, opts = {}) {
    this.base = base;
    this.docId = docId;
    this.protocol = protocol;
    this.opts = opts;
    this.doc = new Y.Doc();
    this.synced = false;
    this.step2ArrivedMs = NaN;
    this.closed = null;
    /** @type {WebSocket | null} */
    this.ws = null;
    this.pending = [];
    this.doc.on('update', (update, origin) => {
      if (origin === this) return;
      this.sendUpdate(update);
    });
  }

  /** Opens the socket; resolves with ms from `new WebSocket` to synced (or to step 2's arrival when deferred). */
  connect(timeoutMs = 60_000) {
    const started = now();
    this.synced = false;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.close();
        reject(new Error(`sync timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      const url = this.protocol.url(this.base, this.docId);
      const ws = new WebSocket(this.opts.query ? `${url}?${this.opts.query}` : url, {
        perMessageDeflate: false,
        origin: this.opts.origin,
      });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      ws.on('open', () => {
        for (const f of this.protocol.hello(this.docId)) ws.send(f);
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MSG_SYNC);
        if (this.opts.stateVector) {
          encoding.writeVarUint(enc, SYNC_STEP1);
          encoding.writeVarUint8Array(enc, this.opts.stateVector);
        } else syncProtocol.writeSyncStep1(enc, this.doc);
        this.sendFrame(encoding.toUint8Array(enc));
      });
      ws.on('message', (data) => {
        const t = now();
        const frame = this.protocol.unwrap(
          new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        );
        if (frame === null || frame.length < 2) return;
        const type = frame[0];
        if (type === MSG_AWARENESS) {
          if (this.opts.onAwareness) {
            const d = decoding.createDecoder(frame);
            decoding.readVarUint(d);
            this.opts.onAwareness(t, decoding.readVarUint8Array(d), this);
          }
          return;
        }
        if (type !== MSG_SYNC) return;
        const sub = frame[1];
        if (!this.synced && sub === SYNC_STEP2) {
          this.synced = true;
          this.step2ArrivedMs = t - started;
          clearTimeout(timer);
          if (this.opts.dropSync) return resolve(this.step2ArrivedMs);
          if (this.opts.deferSync) {
            this.pending.push(frame);
            return resolve(this.step2ArrivedMs);
          }
          this.handle(frame);
          return resolve(now() - started);
        }
        if (sub === SYNC_STEP1) return void this.handle(frame);
        if (!this.synced && (this.opts.deferSync || this.opts.dropSync)) {
          // Updates ahead of step 2 (the relay replays its log so) count as part of the sync.
          if (this.opts.deferSync) this.pending.push(frame);
          return;
        }
        if (!this.synced) return void this.handle(frame);
        if (this.synced) this.opts.onUpdate?.(t, frame, this);
        if (this.opts.applyUpdates !== false && !this.opts.dropSync) this.handle(frame);
      });
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        clearTimeout(timer);
        if (!this.synced) reject(new Error(`closed before sync: ${code} ${reason}`));
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        if (!this.synced) reject(err);
      });
    });
  }

  /** Applies one sync frame; answers step 1. */
  handle(frame) {
    const dec = decoding.createDecoder(frame);
    decoding.readVarUint(dec);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    syncProtocol.readSyncMessage(dec, enc, this.doc, this);
    if (encoding.length(enc) > 1) this.sendFrame(encoding.toUint8Array(enc));
  }

  /** Applies the frames held back by `deferSync`. */
  flush() {
    const frames = this.pending;
    this.pending = [];
    for (const f of frames) this.handle(f);
  }

  /** Sends one y-websocket frame through the adapter. */
  sendFrame(frame) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(this.protocol.wrap(this.docId, frame));
  }

  /** Sends a raw Yjs update. */
  sendUpdate(update) {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    syncProtocol.writeUpdate(enc, update);
    this.sendFrame(encoding.toUint8Array(enc));
  }

  /** Sends an awareness update payload (see lib/awarenessFrame.mjs). */
  sendAwareness(payload) {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_AWARENESS);
    encoding.writeVarUint8Array(enc, payload);
    this.sendFrame(encoding.toUint8Array(enc));
  }

  close() {
    try {
      this.ws?.terminate();
    } catch {
      // already gone
    }
  }
}
