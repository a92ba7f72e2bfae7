import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Limits } from '@kenes/shared';
import type { SyncConfig } from './sync/SyncConfig.js';

/** The server package's root (this file sits in src/ or dist/ one level below it). */
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Everything the server reads from its environment, parsed and defaulted. */
export interface Config {
  port: number;
  host: string;
  /** Directory of the SQLite file (and other local state). */
  dataDir: string;
  /** `DATA_DIR/kenes.db`. */
  dbPath: string;
  /** The origin browsers use (cookies, Origin checks, invite links). */
  publicOrigin: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The built client, served with an SPA fallback. */
  clientDir: string;
  /** Postgres instead of SQLite when set. */
  databaseUrl: string | undefined;
  /** Postgres schema to work in (`search_path`); default: the database's own. */
  databaseSchema: string | undefined;
  /** Redis fan-out between processes when set (requires `databaseUrl`). */
  redisUrl: string | undefined;
  /** First part of the per-meeting channel names, so deployments can share one Redis. */
  redisChannelPrefix: string;
  /** With fan-out: how often rooms catch up from the store and expire remote awareness. */
  fanoutTickMs: number;
  sync: SyncConfig;
  /** Largest request body on any route, bytes; larger ones are refused (413) before being read. */
  maxBodyBytes: number;
  /** Commands one member may send to one meeting: sustained per second, and the burst on top. */
  commandRate: { perSecond: number; burst: number };
  /** Sign-ups one client address may make: sustained per second, and the burst on top. */
  signupRate: { perSecond: number; burst: number };
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`; unset, the public port does not serve it. */
  metricsToken: string | undefined;
  /** When set, a second listener on this port (same host) serves `/metrics` alone, without a token. */
  metricsPort: number | undefined;
  mail: MailConfig;
}

/** Outgoing mail (invitations, password reset) and how much of it anyone can cause. */
export interface MailConfig {
  /** SMTP server (`SMTP_URL`); without it mails are written to {@link MailConfig.outboxDir}. */
  smtpUrl: string | undefined;
  /** `DATA_DIR/outbox`: where `.eml` files go without SMTP. */
  outboxDir: string;
  /** The From header (`MAIL_FROM`): `Kenes <no-reply@host>` by default. */
  from: string;
  /** IANA time zone of the dates in mails (`MAIL_TIME_ZONE`, default UTC). */
  timeZone: string;
  /** Invitation mails one account may have sent per 24 hours (all its meetings together). */
  invitesPerSenderPerDay: number;
  /** Invitation mails one address may receive per 24 hours (from all chairs together). */
  invitesPerRecipientPerDay: number;
  /** Password-reset requests per e-mail address and hour. */
  resetsPerAddressPerHour: number;
  /** Password-reset requests per client (IP) address and hour. */
  resetsPerClientPerHour: number;
}

/** Bad environment: the message lists every offending variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

// Unset and empty both mean "use the default", as in most shells' `FOO= cmd`.
const blank = (v: unknown): unknown => (v === '' ? undefined : v);
const int = (def: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(def));
const str = (def: string) => z.preprocess(blank, z.string().min(1).default(def));

/** `Name <addr@host>` or `addr@host`, on one line (it becomes a header). */
const MAIL_FROM_RE = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  PORT: int(8787, 0, 65535),
  HOST: str('0.0.0.0'),
  DATA_DIR: str('./data'),
  PUBLIC_ORIGIN: z.preprocess(blank, z.url().optional()),
  LOG_LEVEL: z.preprocess(
    blank,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  CLIENT_DIR: str('../client/dist'),
  DATABASE_URL: z.preprocess(blank, z.string().optional()),
  DATABASE_SCHEMA: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a plain lower-case identifier')
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    blank,
    z
      .string()
      .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_CHANNEL_PREFIX: str('kenes'),
  FANOUT_TICK_MS: int(5000, 100),
  MAX_FRAME_BYTES: int(Limits.maxFrameBytes, 1024, 64 * 1024 * 1024),
  ROOM_IDLE_GRACE_MS: int(30_000, 0),
  COMPACT_AFTER_UPDATES: int(500, 1),
  COMPACT_AFTER_BYTES: int(4 * 1024 * 1024, 1),
  SOCKET_MESSAGES_PER_SEC: int(100, 1),
  SOCKET_MESSAGE_BURST: int(300, 1),
  SOCKET_BYTES_PER_SEC: int(1024 * 1024, 1),
  SOCKET_BYTE_BURST: z.preprocess(blank, z.coerce.number().int().min(1).optional()),
  MAX_AWARENESS_ENTRIES: int(1024, 1),
  MAX_BUFFERED_BYTES: int(16 * 1024 * 1024, 1024),
  MAX_CLIENT_IDS_PER_USER: int(Limits.maxClientIdsPerUser, 1),
  MAX_CLIENT_IDS_PER_MEETING: int(Limits.maxClientIdsPerMeeting, 1),
  MAX_BODY_BYTES: int(64 * 1024, 1024, 64 * 1024 * 1024),
  COMMANDS_PER_SEC: int(5, 1),
  COMMAND_BURST: int(30, 1),
  SIGNUPS_PER_HOUR: int(360, 1),
  SIGNUP_BURST: int(30, 1),
  METRICS_TOKEN: z.preprocess(
    blank,
    z.string().min(16, 'at least 16 characters (it guards the metrics)').optional(),
  ),
  METRICS_PORT: z.preprocess(blank, z.coerce.number().int().min(0).max(65535).optional()),
  TEXT_MAX_CHARS: int(100_000, 100),
  MEETING_MAX_BYTES: int(32 * 1024 * 1024, 64 * 1024),
  USER_EDIT_BYTES_PER_SEC: int(64 * 1024, 1024),
  USER_EDIT_BYTE_BURST: int(1024 * 1024, 1024),
  SMTP_URL: z.preprocess(
    blank,
    z
      .string()
      .regex(/^smtps?:\/\/[^/\s]/, 'an smtp:// or smtps:// URL')
      .refine((v) => URL.canParse(v), 'an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    blank,
    z
      .string()
      .max(320)
      .regex(MAIL_FROM_RE, 'an address, or "Name <address>", on one line')
      .optional(),
  ),
  MAIL_TIME_ZONE: z.preprocess(
    blank,
    z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Almaty').default('UTC'),
  ),
  INVITE_MAILS_PER_DAY: int(100, 1),
  INVITE_MAILS_PER_RECIPIENT: int(5, 1),
  RESET_MAILS_PER_HOUR: int(3, 1),
  RESET_REQUESTS_PER_HOUR: int(30, 1),
});

/**
 * Parses the environment. Throws {@link ConfigError} naming each bad
 * variable, so a typo stops the server at startup rather than later.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    // Several processes on one SQLite file would each count seqs and
    // serialize commands on their own: fan-out needs the shared Postgres store.
    throw new ConfigError(
      'Invalid environment:\n  REDIS_URL: needs DATABASE_URL (fan-out runs on the Postgres store)',
    );
  }
  const dataDir = resolve(e.DATA_DIR);
  const maxFrameBytes = e.MAX_FRAME_BYTES;
  const publicOrigin = (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbPath: resolve(dataDir, 'kenes.db'),
    publicOrigin,
    logLevel: e.LOG_LEVEL,
    clientDir: isAbsolute(e.CLIENT_DIR) ? e.CLIENT_DIR : resolve(PACKAGE_ROOT, e.CLIENT_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisChannelPrefix: e.REDIS_CHANNEL_PREFIX,
    fanoutTickMs: e.FANOUT_TICK_MS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    commandRate: { perSecond: e.COMMANDS_PER_SEC, burst: e.COMMAND_BURST },
    signupRate: { perSecond: e.SIGNUPS_PER_HOUR / 3600, burst: e.SIGNUP_BURST },
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    mail: {
      smtpUrl: e.SMTP_URL,
      outboxDir: resolve(dataDir, 'outbox'),
      from: e.MAIL_FROM ?? `Kenes <no-reply@${new URL(publicOrigin).hostname}>`,
      timeZone: e.MAIL_TIME_ZONE,
      invitesPerSenderPerDay: e.INVITE_MAILS_PER_DAY,
      invitesPerRecipientPerDay: e.INVITE_MAILS_PER_RECIPIENT,
      resetsPerAddressPerHour: e.RESET_MAILS_PER_HOUR,
      resetsPerClientPerHour: e.RESET_REQUESTS_PER_HOUR,
    },
    sync: {
      maxFrameBytes,
      roomIdleGraceMs: e.ROOM_IDLE_GRACE_MS,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      compactAfterBytes: e.COMPACT_AFTER_BYTES,
      maxAwarenessEntries: e.MAX_AWARENESS_ENTRIES,
      maxAwarenessIdsPerSocket: 8,
      maxBufferedBytes: e.MAX_BUFFERED_BYTES,
      quotas: {
        maxTextChars: e.TEXT_MAX_CHARS,
        maxMeetingBytes: e.MEETING_MAX_BYTES,
        userBytesPerSecond: e.USER_EDIT_BYTES_PER_SEC,
        userByteBurst: e.USER_EDIT_BYTE_BURST,
      },
      maxClientIdsPerUser: e.MAX_CLIENT_IDS_PER_USER,
      maxClientIdsPerMeeting: e.MAX_CLIENT_IDS_PER_MEETING,
      maxPendingFrames: 256,
      heartbeatMs: 30_000,
      rateLimits: {
        messagesPerSecond: e.SOCKET_MESSAGES_PER_SEC,
        messageBurst: e.SOCKET_MESSAGE_BURST,
        bytesPerSecond: e.SOCKET_BYTES_PER_SEC,
        // A burst smaller than one frame would refuse every large-but-legal frame.
        byteBurst: e.SOCKET_BYTE_BURST ?? Math.max(4 * 1024 * 1024, 2 * maxFrameBytes),
      },
    },
  };
}
