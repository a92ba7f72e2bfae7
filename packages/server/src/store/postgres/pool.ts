import { userInfo } from 'node:os';
import { Pool, TypeOverrides } from 'pg';

/** Options of {@link createPool} and `openPostgresStore`. */
export interface PostgresPoolOptions {
  /** Most connections held open (pg default: 10). */
  max?: number;
  /**
   * Give up connecting after this long (default 10 s) rather than pg's
   * forever, so `ping()` behind `/readyz` answers when the network drops.
   */
  connectTimeoutMs?: number;
  /**
   * Schema to work in, set as `search_path` on every pooled connection. Lets
   * tests (or several deployments) share one database without colliding.
   */
  schema?: string;
  /**
   * Told about errors of idle pooled connections (e.g. the server restarted).
   * pg would otherwise crash the process on them; the pool replaces the
   * connection on its own, so these are reported, not fatal.
   */
  onIdleError?: (err: Error) => void;
}

/** Postgres type oids this module parses itself. */
const INT8_OID = 20;

/** A plain identifier: safe in `search_path` without quoting. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * pg returns BIGINT as a string since it may exceed 2^53. Kenes' BIGINTs are
 * epoch milliseconds, sequence numbers and counts, all far below; refuse
 * rather than silently round if that ever stops holding.
 */
function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`BIGINT out of the safe integer range: ${text}`);
  return n;
}

/**
 * `url` naming a user. When it names none, pg falls back to `$USER`, which
 * service managers and test runners often leave unset; libpq (psql) asks the
 * OS instead, and so do we, so a bare `postgres://host/db` works wherever
 * psql does. (pg lets the parsed URL override a separate `user` option, so
 * the name goes into the URL itself.)
 */
export function withDefaultUser(url: string): string {
  if (process.env.PGUSER || process.env.USER) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // Not a URL (e.g. a socket path): leave it all to pg.
  }
  if (parsed.username !== '') return url;
  parsed.username = encodeURIComponent(userInfo().username);
  return parsed.toString();
}

/**
 * A pg pool for the store: BIGINT parsed to `number` on this pool only (no
 * change to pg's global parsers), optional `search_path`, idle errors caught.
 */
export function createPool(url: string, opts: PostgresPoolOptions = {}): Pool {
  const types = new TypeOverrides();
  types.setTypeParser(INT8_OID, parseBigint);
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new Error(`invalid schema name: ${JSON.stringify(opts.schema)}`);
  }
  const pool = new Pool({
    connectionString: withDefaultUser(url),
    types,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    ...(opts.max !== undefined ? { max: opts.max } : {}),
    ...(opts.schema !== undefined ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const onIdleError =
    opts.onIdleError ??
    ((err: Error) => {
      console.error(
        JSON.stringify({ level: 'error', msg: 'postgres idle connection error', err: err.message }),
      );
    });
  pool.on('error', onIdleError);
  return pool;
}
