import type { Store } from '../Store.js';
import { openSqliteDatabase } from './open.js';
import { createSqliteDocStore } from './docs.js';
import { createSqliteAccountStore } from './accounts.js';
import { createSqliteMeetingStore } from './meetings.js';
import { createSqliteAuditStore } from './audit.js';
import { createSqliteVersionStore } from './versions.js';
import { createSqlitePasswordResetStore } from './passwordResets.js';
import { createSqliteDisplayLinkStore } from './displayLinks.js';
import { probe } from './probe.js';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Clock for `bound_at`/`updated_at` columns; tests inject one. */
  now?: () => number;
}

/**
 * Opens the SQLite store at `path` (e.g. `DATA_DIR/kenes.db`), creating and
 * migrating the file as needed. One connection serves every part of the
 * store: better-sqlite3 is synchronous, so transactions never interleave.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Store {
  const db = openSqliteDatabase(path);
  let closed = false;
  return {
    kind: 'sqlite',
    docs: createSqliteDocStore(db, opts.now),
    accounts: createSqliteAccountStore(db),
    meetings: createSqliteMeetingStore(db),
    audit: createSqliteAuditStore(db),
    versions: createSqliteVersionStore(db),
    passwordResets: createSqlitePasswordResetStore(db),
    displayLinks: createSqliteDisplayLinkStore(db),
    async ping() {
      probe(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
