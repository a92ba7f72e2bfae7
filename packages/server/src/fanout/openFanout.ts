import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Fanout } from './Fanout.js';

/** What {@link openFanout} needs of the configuration. */
export type FanoutConfig = Pick<Config, 'redisUrl' | 'redisChannelPrefix'>;

/**
 * The fan-out the configuration asks for: the Redis one when `REDIS_URL` is
 * set (connected, or throwing when Redis is unreachable), else none — the
 * registry then uses its local no-op. ioredis is loaded only in the first
 * case, so a single-process server never carries it.
 */
export async function openFanout(
  config: FanoutConfig,
  logger: Logger,
): Promise<Fanout | undefined> {
  if (!config.redisUrl) return undefined;
  const { openRedisFanout } = await import('./redis.js');
  return openRedisFanout({
    url: config.redisUrl,
    channelPrefix: config.redisChannelPrefix,
    logger: logger.child({ component: 'fanout' }),
  });
}
