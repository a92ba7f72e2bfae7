/**
 * The Kenes server process: reads the environment, wires the store and the
 * seams, listens, and shuts down gracefully on SIGTERM/SIGINT. The only file
 * with side effects.
 */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';
import { describeStoreTarget, openStore } from './store/openStore.js';
import type { Fanout } from './fanout/Fanout.js';
import { openFanout } from './fanout/openFanout.js';
import type { OpenedRedisThrottle } from './auth/redisThrottle.js';
import { redactUrl } from './redactUrl.js';
import type { Config } from './config.js';
import type { MailLimiters } from './http/limits/mailLimits.js';

/** With Redis, the mail budgets are counted there too, so N processes do not mean N budgets. */
async function redisMailLimiters(
  redis: OpenedRedisThrottle['redis'],
  config: Config,
): Promise<MailLimiters> {
  const { createRedisWindowLimiter } = await import('./auth/redisWindowLimiter.js');
  const { MAIL_WINDOWS } = await import('./http/limits/mailLimits.js');
  const m = config.mail;
  const p = `${config.redisChannelPrefix}:mail`;
  return {
    resetPerAddress: createRedisWindowLimiter(
      redis,
      `${p}:reset-address`,
      m.resetsPerAddressPerHour,
      MAIL_WINDOWS.reset,
    ),
    resetPerClient: createRedisWindowLimiter(
      redis,
      `${p}:reset-client`,
      m.resetsPerClientPerHour,
      MAIL_WINDOWS.reset,
    ),
    invitePerSender: createRedisWindowLimiter(
      redis,
      `${p}:invite-sender`,
      m.invitesPerSenderPerDay,
      MAIL_WINDOWS.invite,
    ),
    invitePerRecipient: createRedisWindowLimiter(
      redis,
      `${p}:invite-recipient`,
      m.invitesPerRecipientPerDay,
      MAIL_WINDOWS.invite,
    ),
  };
}

/** How often expired sessions are deleted. */
const SESSION_SWEEP_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception'));

  const store = await openStore(config);
  let fanout: Fanout | undefined;
  let throttle: OpenedRedisThrottle | undefined;
  try {
    fanout = await openFanout(config, logger);
    // With Redis, login failures are counted there, so every process sees them (ioredis loads only then).
    if (config.redisUrl) {
      const { openRedisLoginThrottle } = await import('./auth/redisThrottle.js');
      throttle = await openRedisLoginThrottle({
        url: config.redisUrl,
        prefix: config.redisChannelPrefix,
        logger: logger.child({ component: 'throttle' }),
      });
    }
  } catch (err) {
    await fanout?.close();
    await store.close();
    throw err;
  }
  const server = await startServer({
    config,
    logger,
    store,
    ...(fanout ? { fanout } : {}),
    ...(throttle
      ? {
          api: { throttle: throttle.throttle },
          mailLimits: await redisMailLimiters(throttle.redis, config),
        }
      : {}),
  });
  // Tests and scripts read the bound port from this line (PORT=0 picks a free one).
  logger.info(
    {
      port: server.port,
      url: server.url,
      // Browsers must use this origin: the API and the sockets refuse others.
      publicOrigin: config.publicOrigin,
      store: describeStoreTarget(config),
      redis: config.redisUrl ? redactUrl(config.redisUrl, 'REDIS_URL') : null,
      processId: fanout?.processId,
    },
    'listening',
  );
  const sweep = setInterval(() => {
    store.accounts
      .deleteExpiredSessions(Date.now())
      .catch((err: unknown) => logger.warn({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      try {
        clearInterval(sweep);
        // Sockets close first (their awareness removals still go out), then the fan-out.
        await server.close();
        await fanout?.close();
        await throttle?.close();
        await store.close();
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      } catch (err) {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `kenes failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
