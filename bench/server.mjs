// The server side of the bench: the BUILT @kenes/server (packages/server/dist)
// in its own process, on a temp DATA_DIR, 127.0.0.1 and a free port. It
// reports `{type:'ready', port}` over IPC and answers `prepare` (create the
// bench meeting's recommendation text, as a command would) and `stats`.
import * as Y from 'yjs';
import { createLogger, loadConfig, openRedisFanout, openStore, startServer } from '@kenes/server';
import { meetingRoots } from '@kenes/shared';
// TEMPORARY: the server wires these dev seams in main.ts until the real guard
// lands; switch to the real guard's export then, so its cost is measured.
import { devGuard } from '../packages/server/dist/sync/devSeams.js';

/** The bench admits every socket as a participant: auth cost is not what is measured. */
const benchAuthorizer = {
  async authorize(_req, meetingId) {
    return {
      ok: true,
      principal: {
        userId: `bench-${meetingId}`,
        sessionId: 'bench',
        name: 'Bench',
        organisation: 'Kenes bench',
        orgType: 'other',
        role: 'participant',
      },
    };
  },
};

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: process.env.HOST ?? '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // The bench measures latency and sync cost, not the abuse limits: a seeding
  // writer sends ~100 frames of merged history as fast as the socket allows.
  SOCKET_MESSAGES_PER_SEC: '1000000',
  SOCKET_MESSAGE_BURST: '1000000',
  SOCKET_BYTES_PER_SEC: String(1 << 30),
  SOCKET_BYTE_BURST: String(1 << 30),
});
const logger = createLogger({ level: config.logLevel });
// SQLite by default; DATABASE_URL (+ DATABASE_SCHEMA) and REDIS_URL for the scale-out bench.
const store = await openStore(config);
const fanout = config.redisUrl
  ? await openRedisFanout({
      url: config.redisUrl,
      channelPrefix: config.redisChannelPrefix,
      logger,
    })
  : undefined;
const server = await startServer({
  config,
  logger,
  store,
  ...(fanout ? { fanout } : {}),
  authorizer: benchAuthorizer,
  guard: devGuard,
});

/** What `meeting.create` + `rec.create` will leave: a title and one empty paragraph body. */
function prepare(doc, meetingId) {
  const { meeting, texts } = meetingRoots(doc);
  meeting.set('title', `Bench ${meetingId}`);
  const body = new Y.XmlFragment();
  texts.set('r1', body);
  const paragraph = new Y.XmlElement('paragraph');
  body.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText()]);
}

process.on('message', (msg) => {
  void (async () => {
    try {
      if (msg.type === 'prepare') {
        await server.kenes.rooms.transact(msg.meetingId, (doc) => prepare(doc, msg.meetingId));
        process.send({ type: 'prepared', meetingId: msg.meetingId });
      } else if (msg.type === 'stats') {
        process.send({ type: 'stats', rss: process.memoryUsage().rss });
      }
    } catch (err) {
      console.error('bench server:', err);
      process.exit(1);
    }
  })();
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void server
    .close()
    .then(() => fanout?.close())
    .then(() => store.close())
    .finally(() => process.exit(0));
});
// Never outlive the orchestrator.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

process.send({ type: 'ready', port: server.port });
