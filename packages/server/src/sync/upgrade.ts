import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { DISPLAY_PROTOCOL, SYNC_PATH } from '@kenes/shared';
import type { RoomRegistry } from './RoomRegistry.js';
import type { UpgradeAuthorizer } from './interfaces.js';

/** Meeting ids are opaque, URL-safe and short; anything else is not a meeting. */
const MEETING_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The meeting id of a sync URL (`/sync/:meetingId`, query ignored), or null. */
export function meetingIdOf(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split('?', 1)[0]!;
  const prefix = `${SYNC_PATH}/`;
  if (!path.startsWith(prefix)) return null;
  let id: string;
  try {
    id = decodeURIComponent(path.slice(prefix.length));
  } catch {
    return null;
  }
  return MEETING_ID.test(id) ? id : null;
}

/** Writes a plain HTTP error on a socket that was never upgraded, then destroys it. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

/** What the upgrade handler needs. */
export interface UpgradeDeps {
  authorizer: UpgradeAuthorizer;
  rooms: RoomRegistry;
  logger: Logger;
  maxFrameBytes: number;
  /** Ping interval (0: none). Dead TCP peers otherwise keep their awareness and room alive. */
  heartbeatMs: number;
}

/** The http server's `upgrade` listener, and how to stop it. */
export interface UpgradeHandler {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/**
 * Builds the `upgrade` handler: checks the path, asks the authorizer
 * *before* the handshake (a refusal is a plain HTTP answer), then hands the
 * socket to the room registry. `maxPayload` makes `ws` close oversize frames
 * with 1009 before they are buffered whole. Never throws.
 */
export function createUpgradeHandler(deps: UpgradeDeps): UpgradeHandler {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: deps.maxFrameBytes,
    perMessageDeflate: false,
    // A hall display offers its name and its token as protocols (the authorizer
    // read the token): the answer names the display protocol, never echoes the token.
    handleProtocols: (protocols) => (protocols.has(DISPLAY_PROTOCOL) ? DISPLAY_PROTOCOL : false),
  });
  const log = deps.logger;
  let closed = false;
  const alive = new WeakSet<object>();
  // Shared by every socket (a closure per socket would be held for its life).
  const onPong = function (this: WebSocket): void {
    alive.add(this);
  };
  const onUpgradeSocketError = (err: Error): void => log.debug({ err }, 'upgrade socket error');
  const heartbeat =
    deps.heartbeatMs > 0
      ? setInterval(() => {
          for (const ws of wss.clients) {
            if (!alive.has(ws)) {
              ws.terminate();
              continue;
            }
            alive.delete(ws);
            ws.ping();
          }
        }, deps.heartbeatMs).unref()
      : null;

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', onUpgradeSocketError);
    if (closed) return refuse(socket, 503, 'unavailable', 'Server is shutting down');
    const meetingId = meetingIdOf(req.url);
    if (!meetingId) return refuse(socket, 404, 'not_found', `No sync endpoint at ${req.url ?? ''}`);
    let decision;
    try {
      decision = await deps.authorizer.authorize(req, meetingId);
    } catch (err) {
      // Deny by default: an authorizer that throws refuses.
      log.error({ err, meetingId }, 'upgrade authorization failed');
      return refuse(socket, 503, 'unavailable', 'Authorization unavailable');
    }
    if (!decision.ok) {
      log.info({ meetingId, status: decision.status, code: decision.code }, 'upgrade refused');
      return refuse(socket, decision.status, decision.code, decision.message);
    }
    if (socket.destroyed || closed)
      return refuse(socket, 503, 'unavailable', 'Server is shutting down');
    const principal = decision.principal;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // From here on `ws` handles (and logs) the socket's errors.
      socket.off('error', onUpgradeSocketError);
      alive.add(ws);
      ws.on('pong', onPong);
      log.debug({ meetingId, userId: principal.userId }, 'socket opened');
      deps.rooms.attach(ws, socket, meetingId, principal);
    });
  }

  return {
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((err: unknown) => {
        log.error({ err }, 'upgrade failed');
        refuse(socket, 500, 'internal_error', 'Internal server error');
      });
    },
    close() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      wss.close();
    },
  };
}
