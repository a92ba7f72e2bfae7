import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Fanout, FanoutMessage, FanoutSubscription, ReceivedMessage } from './Fanout.js';
import { decodeFanoutMessage, encodeFanoutMessage } from './wire.js';
import { redactUrl } from '../redactUrl.js';

/** Options of {@link openRedisFanout}. */
export interface RedisFanoutOptions {
  url: string;
  /** Channel names start with `<prefix>:meeting:`; deployments (or test runs) sharing a Redis pick different ones. */
  channelPrefix: string;
  logger: Logger;
  /** How long to wait for Redis at start before failing (default 10 s). */
  connectTimeoutMs?: number;
  now?: () => number;
}

/** How long `ping()` waits: ioredis queues commands while disconnected, readiness must not. */
const PING_TIMEOUT_MS = 2000;

type Handler = (msg: ReceivedMessage) => void;

/**
 * Redis pub/sub fan-out: one connection publishes, one subscribes (a
 * subscribed Redis connection can do nothing else). One channel per meeting,
 * joined while any room of this process needs it. ioredis reconnects and
 * re-subscribes by itself; messages published during the outage are lost, so
 * `onResume` handlers then catch up from the store.
 *
 * Rejects when Redis does not answer within `connectTimeoutMs`.
 */
export async function openRedisFanout(opts: RedisFanoutOptions): Promise<Fanout> {
  const processId = randomUUID();
  const now = opts.now ?? Date.now;
  const log = opts.logger;
  const prefix = `${opts.channelPrefix}:meeting:`;
  // Commands wait (offline queue) across short outages rather than fail at once.
  const pub = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(opts.url, { lazyConnect: true });
  for (const [name, conn] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    conn.on('error', (err: Error) =>
      log.warn({ err: err.message, connection: name }, 'redis error'),
    );
  }
  try {
    await withTimeout(
      Promise.all([pub.connect(), sub.connect()]),
      opts.connectTimeoutMs ?? 10_000,
      'no answer',
    );
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    throw new Error(
      `Redis unreachable at ${redactUrl(opts.url, 'REDIS_URL')}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }

  const handlers = new Map<string, Set<Handler>>();
  /** The SUBSCRIBE of a channel in flight or done; later subscribers of the channel await it. */
  const joined = new Map<string, Promise<unknown>>();
  const resumeFns: Array<() => void> = [];

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const set = handlers.get(channel.toString());
    if (!set || set.size === 0) return;
    let msg: ReceivedMessage;
    try {
      msg = decodeFanoutMessage(
        new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
      );
    } catch (err) {
      log.warn({ err, channel: channel.toString() }, 'undecodable fan-out message dropped');
      return;
    }
    if (msg.from === processId) return; // Our own publish, echoed by Redis.
    for (const h of set) h(msg);
  });

  let outage = false;
  sub.on('close', () => {
    if (!outage) log.warn('redis subscriber disconnected; fan-out paused until it is back');
    outage = true;
  });
  sub.on('ready', () => {
    if (!outage) return;
    outage = false;
    log.info('redis subscriber back; rooms catch up from the store');
    // ioredis re-subscribes on ready; give the SUBSCRIBEs a moment before reading the store.
    setTimeout(() => {
      for (const fn of resumeFns) fn();
    }, 250).unref();
  });

  let closed = false;
  return {
    distributed: true,
    processId,

    async subscribe(meetingId, onMessage) {
      const channel = prefix + meetingId;
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(onMessage);
      if (set.size === 1) joined.set(channel, sub.subscribe(channel));
      try {
        await joined.get(channel);
      } catch (err) {
        set.delete(onMessage);
        throw err;
      }
      const subscription: FanoutSubscription = {
        close() {
          if (!set.delete(onMessage) || set.size > 0 || closed) return;
          handlers.delete(channel);
          joined.delete(channel);
          // Commands on one connection run in order: a later re-SUBSCRIBE lands after this.
          sub
            .unsubscribe(channel)
            .catch((err: unknown) => log.warn({ err, channel }, 'redis unsubscribe failed'));
        },
      };
      return subscription;
    },

    publish(meetingId: string, msg: FanoutMessage) {
      if (closed) return;
      const data = encodeFanoutMessage(msg, processId, now());
      pub
        .publish(prefix + meetingId, Buffer.from(data.buffer, data.byteOffset, data.byteLength))
        .catch((err: unknown) =>
          log.warn({ err, meetingId }, 'fan-out publish failed (peers catch up from the store)'),
        );
    },

    onResume(fn) {
      resumeFns.push(fn);
    },

    async ping() {
      await withTimeout(
        Promise.all([
          pub.ping(),
          sub.status === 'ready'
            ? Promise.resolve()
            : Promise.reject(new Error(`redis subscriber ${sub.status}`)),
        ]),
        PING_TIMEOUT_MS,
        'Redis did not answer',
      );
    },

    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
