import type { Role } from '@kenes/shared';
import { pino } from 'pino';
import { createApi, type ApiDeps } from '../http/api.js';
import { createArgon2Hasher } from '../auth/passwords.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import type { ConnectionControl } from '../sync/interfaces.js';
import type { Store } from '../store/Store.js';
import { openTestStore } from './openTestStore.js';

/** One call made on the recording {@link ConnectionControl}. */
export type ConnectionCall =
  | { kind: 'closeSession'; sessionId: string; code: number; reason: string }
  | { kind: 'closeMember'; meetingId: string; userId: string; code: number; reason: string }
  | { kind: 'setMemberRole'; meetingId: string; userId: string; role: Role };

/** A {@link ConnectionControl} that only records what it was asked. */
export function recordingConnections(): ConnectionControl & { calls: ConnectionCall[] } {
  const calls: ConnectionCall[] = [];
  return {
    calls,
    closeSession: (sessionId, code, reason) =>
      calls.push({ kind: 'closeSession', sessionId, code, reason }),
    closeMember: (meetingId, userId, code, reason) =>
      calls.push({ kind: 'closeMember', meetingId, userId, code, reason }),
    setMemberRole: (meetingId, userId, role) =>
      calls.push({ kind: 'setMemberRole', meetingId, userId, role }),
  };
}

/** Cheap argon2id so the bulk of tests stay fast; one test uses the real parameters. */
export const FAST_HASHER = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

/** The public origin the harness serves (plain http: cookies without Secure). */
export const ORIGIN = 'http://kenes.test';
/** A valid password for tests (12+ characters). */
export const PASSWORD = 'correct horse battery';

/** Options of a request through {@link ApiHarness.call}. */
export interface CallOptions {
  body?: unknown;
  cookie?: string | null;
  /** `null` omits the Origin header; default the public origin. */
  origin?: string | null;
  /** Client address, read by the injected `clientAddress`. */
  address?: string;
  /** The `User-Agent` header (none by default). */
  userAgent?: string;
  /** More request headers (e.g. `authorization`). */
  headers?: Record<string, string>;
}

/** The API over a real SQLite store, with a settable clock and recorded socket calls. */
export interface ApiHarness {
  store: Store;
  connections: ReturnType<typeof recordingConnections>;
  clock: { now: number; advance(ms: number): void };
  call(method: string, path: string, opts?: CallOptions): Promise<Response>;
  /** Signs up a user; resolves with their session cookie (`name=value`) and id. */
  signup(
    email: string,
    extra?: Record<string, unknown>,
  ): Promise<{ cookie: string; userId: string }>;
  cleanup(): Promise<void>;
}

/** The `name=value` of the session cookie a response sets, or null. */
export function sessionCookie(res: Response): string | null {
  const set = res.headers.getSetCookie().find((h) => h.startsWith(`${SESSION_COOKIE}=`));
  return set ? (set.split(';')[0] ?? null) : null;
}

/** The raw `Set-Cookie` header for the session cookie, or null. */
export function rawSessionCookie(res: Response): string | null {
  return res.headers.getSetCookie().find((h) => h.startsWith(`${SESSION_COOKIE}=`)) ?? null;
}

/** Builds the harness; `overrides` replace any of `createApi`'s deps. */
export async function createApiHarness(overrides: Partial<ApiDeps> = {}): Promise<ApiHarness> {
  const { store, cleanup } = await openTestStore();
  const connections = recordingConnections();
  const clock = {
    now: Date.UTC(2030, 0, 1),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const api = createApi({
    store,
    publicOrigin: ORIGIN,
    logger: pino({ level: 'silent' }),
    connections,
    now: () => clock.now,
    clientAddress: (c) => c.req.header('x-test-address') ?? 'test-client',
    passwordHasher: FAST_HASHER,
    // Tests sign many people up from one address; the sign-up throttle's own tests pass the default.
    signupRate: { perSecond: 100, burst: 10_000 },
    ...overrides,
  });
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.address) headers['x-test-address'] = opts.address;
    if (opts.userAgent) headers['user-agent'] = opts.userAgent;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return api.request(path, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === 'string'
            ? opts.body
            : JSON.stringify(opts.body),
    });
  };
  return {
    store,
    connections,
    clock,
    call,
    async signup(email, extra = {}) {
      const res = await call('POST', '/auth/signup', {
        body: {
          email,
          password: PASSWORD,
          name: email.split('@')[0],
          organisation: 'Org',
          orgType: 'ngo',
          ...extra,
        },
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
      const cookie = sessionCookie(res);
      const body = (await res.json()) as { user: { id: string } };
      if (!cookie) throw new Error('signup set no cookie');
      return { cookie, userId: body.user.id };
    },
    cleanup,
  };
}
