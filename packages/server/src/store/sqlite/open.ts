import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS, type Migration } from './migrations.js';

/**
 * Opens (creating when missing) the SQLite file at `path` and brings its
 * schema up to date.
 *
 * WAL with `synchronous = NORMAL`: a commit survives a crash of the process
 * (kill -9), which is what "committed before broadcast" needs; only a power
 * loss may drop the last transactions. `busy_timeout` lets a second process
 * (a migration, a backup) wait instead of failing at once.
 */
export function openSqliteDatabase(
  path: string,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Applies every migration newer than the file's `user_version`, each in its
 * own transaction together with the version bump, so a crash mid-way leaves
 * the file at the previous version rather than half-migrated.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (version > latest) {
    throw new Error(
      `database schema version ${version} is newer than this server (${latest}); refusing to open`,
    );
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= version) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // user_version lives in the file header and is transactional.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
    version = m.version;
  }
  return version;
}
