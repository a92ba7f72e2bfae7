// Peer 5, the ceiling: a plain `ws` server with no Yjs at all. Sync update
// and awareness frames are rebroadcast as bytes to the other sockets of the
// room (`/<room>`). Update frames are also kept in a log, replayed to a
// newcomer followed by an empty sync step 2, so joins work without any
// merging (a client's step 1 is answered, never relayed: relaying it would
// make every peer answer every newcomer).
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { serveIpc } from './ipc.mjs';

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** Sync step 2 carrying an empty Yjs update (0 structs, 0 deletes). */
const EMPTY_STEP2 = Uint8Array.from([MSG_SYNC, SYNC_STEP2, 2, 0, 0]);

/** @type {Map<string, { sockets: Set<import('ws').WebSocket>, log: Buffer[] }>} */
const rooms = new Map();
const roomOf = (name) => {
  let r = rooms.get(name);
  if (!r) rooms.set(name, (r = { sockets: new Set(), log: [] }));
  return r;
};

const server = http.createServer((_req, res) => res.end('okay'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const room = roomOf(req.url.slice(1).split('?')[0]);
  room.sockets.add(ws);
  ws.on('message', (data, isBinary) => {
    if (!isBinary || data.length < 2) return;
    const type = data[0];
    if (type === MSG_SYNC && data[1] === SYNC_STEP1) {
      for (const f of room.log) ws.send(f);
      ws.send(EMPTY_STEP2);
      return;
    }
    if (type === MSG_SYNC && data[1] === SYNC_UPDATE) room.log.push(data);
    else if (type !== MSG_AWARENESS) return; // step 2 answers: nobody needs them
    for (const other of room.sockets) if (other !== ws) other.send(data);
  });
  ws.on('close', () => room.sockets.delete(ws));
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));

serveIpc(
  (meetingId, update) => {
    // The prepared structure, framed as one logged update.
    const frame = Buffer.alloc(update.length + 8);
    frame[0] = MSG_SYNC;
    frame[1] = SYNC_UPDATE;
    let pos = 2;
    let n = update.length;
    while (n > 0x7f) {
      frame[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    frame[pos++] = n;
    frame.set(update, pos);
    roomOf(meetingId).log.push(frame.subarray(0, pos + update.length));
  },
  () => new Promise((resolve) => server.close(() => resolve())),
);
