// A bare y-websocket protocol client: one ws socket, one Y.Doc, sync steps
// 1/2 and updates, no awareness, no reconnect. Far lighter than
// WebsocketProvider, so one process can hold hundreds of them.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const MSG_SYNC = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** Milliseconds on a clock shared by every process of this machine. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * One client of a meeting. `connect()` resolves with the connect → synced
 * time once sync step 2 has been applied (what y-websocket calls synced).
 * `onRemoteUpdate(t)` is called for every update frame after sync, with its
 * arrival time taken before the update is applied.
 */
export class BenchClient {
  /**
   * @param {string} url  ws://host:port/sync/<meetingId>
   * @param {{ origin?: string, headers?: Record<string,string>, onRemoteUpdate?: (t: number, client: BenchClient) => void, deferApply?: boolean, deferSync?: boolean }} [opts]
   *   deferApply: keep update frames after sync for `flush()`;
   *   deferSync: resolve `connect()` on the arrival of sync step 2 and keep it for `flush()`.
   */
  constructor(url, opts = {}) {
    this.url = url;
    this.opts = opts;
    this.doc = new Y.Doc();
    this.synced = false;
    /** ms from `new WebSocket` to the arrival of sync step 2 (before applying it). */
    this.step2ArrivedMs = NaN;
    this.closed = null;
    /** @type {WebSocket | null} */
    this.ws = null;
    /** Frames received but not applied yet (when `deferApply`). */
    this.pending = [];
    this.doc.on('update', (update, origin) => {
      if (origin === this || this.ws?.readyState !== WebSocket.OPEN) return;
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MSG_SYNC);
      syncProtocol.writeUpdate(enc, update);
      this.ws.send(encoding.toUint8Array(enc));
    });
  }

  /** Opens the socket; resolves with ms from `new WebSocket` to synced. */
  connect(timeoutMs = 60_000) {
    const started = now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.close();
        reject(new Error(`sync timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      const ws = new WebSocket(this.url, {
        perMessageDeflate: false,
        origin: this.opts.origin,
        headers: this.opts.headers,
      });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      ws.on('open', () => {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MSG_SYNC);
        syncProtocol.writeSyncStep1(enc, this.doc);
        ws.send(encoding.toUint8Array(enc));
      });
      ws.on('message', (data) => {
        const t = now();
        const buf = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if (!this.synced && this.opts.deferSync && isStep2(buf)) {
          // Held back: the caller applies it later (flush) and times that apart,
          // so newcomers sharing this process do not queue behind each other.
          this.pending.push(buf);
          this.synced = true;
          this.step2ArrivedMs = t - started;
          clearTimeout(timer);
          resolve(this.step2ArrivedMs);
          return;
        }
        if (this.synced && this.opts.deferApply && isUpdate(buf)) {
          this.pending.push(buf);
          this.opts.onRemoteUpdate?.(t, this);
          return;
        }
        const wasSynced = this.synced;
        const kind = this.handle(buf);
        if (wasSynced && kind === SYNC_UPDATE) this.opts.onRemoteUpdate?.(t, this);
        if (!wasSynced && kind === SYNC_STEP2) {
          this.synced = true;
          this.step2ArrivedMs = t - started;
          clearTimeout(timer);
          resolve(now() - started);
        }
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

  /** Applies one frame; answers step 1; returns the sync sub-type or -1. */
  handle(buf) {
    const dec = decoding.createDecoder(buf);
    if (decoding.readVarUint(dec) !== MSG_SYNC) return -1;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    const kind = syncProtocol.readSyncMessage(dec, enc, this.doc, this);
    if (encoding.length(enc) > 1 && this.ws?.readyState === WebSocket.OPEN) {
      this.ws.send(encoding.toUint8Array(enc));
    }
    return kind;
  }

  /** Applies the frames `deferApply` held back. */
  flush() {
    const frames = this.pending;
    this.pending = [];
    for (const buf of frames) this.handle(buf);
  }

  /** Sends a raw Yjs update (for seeding). */
  sendUpdate(update) {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MSG_SYNC);
    syncProtocol.writeUpdate(enc, update);
    this.ws?.send(encoding.toUint8Array(enc));
  }

  close() {
    try {
      this.ws?.terminate();
    } catch {
      // already gone
    }
  }
}

function isStep2(buf) {
  return buf.length > 1 && buf[0] === MSG_SYNC && buf[1] === SYNC_STEP2;
}

function isUpdate(buf) {
  return buf.length > 1 && buf[0] === MSG_SYNC && buf[1] === SYNC_UPDATE;
}
