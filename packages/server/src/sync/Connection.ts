import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CloseCode } from '@kenes/shared';
import type { Principal } from './interfaces.js';
import type { SocketRateLimiter } from './rateLimit.js';

let nextId = 1;

/** Where a connection's frames go once its room is loaded. */
export interface FrameSink {
  /** Handles one binary frame from `conn`; never throws. */
  receive(conn: Connection, data: Uint8Array): void;
}

/** `ws` hands frames as Buffer, ArrayBuffer or fragments; the decoder wants one Uint8Array. */
function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** Close reasons are limited to 123 bytes by RFC 6455. */
export function closeReason(reason: string): string {
  const buf = Buffer.from(reason, 'utf8');
  return buf.byteLength <= 123
    ? reason
    : buf
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD+$/, '') + '...';
}

/**
 * One open socket of one meeting, with the principal it was opened for.
 * The principal is replaced in place when the member's role changes, so the
 * guard sees the new role on the next update.
 *
 * Kept small on purpose: a meeting holds hundreds of these for hours, so
 * there is no per-socket logger (fields are added per log line) and the
 * close promise is made only when someone waits for it (shutdown).
 */
export class Connection {
  /** Process-unique id, for logs and transaction origins. */
  readonly id = nextId++;
  /** Set when the socket was refused (guard): its queued updates are dropped. */
  refused = false;
  private closing = false;
  /** True once the socket closed (the close event came). */
  gone = false;
  /** Where frames go; null while the room loads. */
  private sink: FrameSink | null = null;
  /** Frames that arrived before the room was loaded (made only if some did). */
  private pending: Uint8Array[] | null = null;

  /**
   * @param socket the TCP socket under `ws` (from the upgrade), for frames
   *   already framed for the wire ({@link sendFramed}).
   */
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    readonly meetingId: string,
    public principal: Principal,
    readonly limiter: SocketRateLimiter,
    private readonly log: Logger,
    private readonly maxBufferedBytes: number,
    private readonly maxPendingFrames = 256,
  ) {}

  /**
   * Starts listening to the socket: binary frames go to the sink once
   * {@link deliverTo} named one and are buffered (up to `maxPendingFrames`)
   * before; a text frame closes the socket. `onClose` runs once, when the
   * socket closed.
   */
  listen(onClose: () => void): void {
    const ws = this.ws;
    ws.on('message', (data, isBinary) => {
      const bytes = toBytes(data);
      if (!isBinary) {
        this.close(CloseCode.invalidPayload, 'text frames are not part of the protocol');
        return;
      }
      if (this.sink) this.sink.receive(this, bytes);
      else if ((this.pending ??= []).length < this.maxPendingFrames) this.pending.push(bytes);
      else this.close(CloseCode.rateLimited, 'too many frames before sync');
    });
    ws.on('error', (err) => this.log.warn({ err, ...this.logFields() }, 'socket error'));
    ws.on('close', (code) => {
      this.gone = true;
      this.log.debug({ ...this.logFields(), code }, 'socket closed');
      onClose();
    });
  }

  /** From now on frames go to `sink`; those buffered meanwhile first, in order. */
  deliverTo(sink: FrameSink): void {
    this.sink = sink;
    const early = this.pending ?? [];
    this.pending = null;
    for (const p of early) sink.receive(this, p);
  }

  /** The fields every log line about this socket carries. */
  logFields(): { meetingId: string; userId: string; connection: number } {
    return { meetingId: this.meetingId, userId: this.principal.userId, connection: this.id };
  }

  /** Resolves when the socket is fully closed. */
  get closed(): Promise<void> {
    const ws = this.ws;
    if (ws.readyState === ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => ws.once('close', () => resolve()));
  }

  /** True until the socket starts closing. */
  get isOpen(): boolean {
    return !this.closing && this.ws.readyState === this.ws.OPEN;
  }

  /** Sends one message; drops a reader that is too far behind. */
  send(frame: Uint8Array): void {
    if (!this.writable()) return;
    // No per-send callback: a failed write errors the socket, which closes
    // it (logged by the registry); a callback per frame costs on fan-out.
    this.ws.send(frame, { binary: true });
  }

  /**
   * Sends a message already framed for the wire (`encodeBinaryFrame`): a
   * broadcast frames once and writes the same bytes to every socket. It
   * goes straight to the TCP socket, after whatever `ws` wrote before: `ws`
   * holds nothing back of its own here (it queues only while compressing or
   * reading a Blob, and Kenes does neither), so messages keep their order.
   */
  sendFramed(wire: Buffer): void {
    if (!this.writable()) return;
    this.socket.write(wire);
  }

  /** True when a message may be written now; closes a reader that is too far behind. */
  private writable(): boolean {
    if (!this.isOpen) return false;
    // bufferedAmount counts what waits in the TCP socket, framed writes included.
    if (this.ws.bufferedAmount <= this.maxBufferedBytes) return true;
    this.log.warn(
      { ...this.logFields(), buffered: this.ws.bufferedAmount },
      'socket too slow, closing',
    );
    this.close(CloseCode.tryAgainLater, 'too slow');
    return false;
  }

  /** Starts the closing handshake once; later calls are no-ops. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    try {
      this.ws.close(code, closeReason(reason));
    } catch (err) {
      // A socket that is still CONNECTING or already broken: drop it.
      this.log.debug({ err, ...this.logFields() }, 'close failed, terminating');
      this.ws.terminate();
    }
  }

  /** Drops the socket without a closing handshake (shutdown stragglers). */
  terminate(): void {
    this.closing = true;
    this.ws.terminate();
  }
}
