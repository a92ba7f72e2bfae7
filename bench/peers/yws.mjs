// Peer 4: the reference server of y-websocket 1.x (bin/utils.js,
// setupWSConnection) on yjs 13, as its bin/server.js runs it, minus the
// optional LevelDB persistence (YPERSISTENCE unset): documents live in memory.
import http from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';
import { serveIpc } from './ipc.mjs';

const require = createRequire(import.meta.url);
const utilsPath = require.resolve('y-websocket/bin/utils');
const { setupWSConnection, getYDoc } = require(utilsPath);
// The yjs instance the server uses (CJS build): apply the prepared state with it.
const Y = createRequire(utilsPath)('yjs');

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));

serveIpc(
  (meetingId, update) => Y.applyUpdate(getYDoc(meetingId), update),
  () => new Promise((resolve) => server.close(() => resolve())),
);
