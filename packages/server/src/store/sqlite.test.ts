import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeDocStoreContract } from './docs.contract.js';
import { openSqliteStore } from './sqlite/index.js';
import { openSqliteDatabase } from './sqlite/open.js';
import { SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { appendUpdates } from '../test-support/appendUpdates.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kenes-sqlite-'));
}

describeDocStoreContract('sqlite', async () => {
  const dir = tempDir();
  const store = openSqliteStore(join(dir, 'kenes.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('openSqliteDatabase', () => {
  it('migrates once, records the version, and enables WAL and foreign keys', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'sub', 'kenes.db');
      const db = openSqliteDatabase(path);
      const latest = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
      // Reopening applies nothing twice (CREATE TABLE would fail).
      openSqliteDatabase(path).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file from a newer server', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'kenes.db');
      const raw = new Database(path);
      raw.pragma('user_version = 999');
      raw.close();
      expect(() => openSqliteDatabase(path)).toThrow(/newer/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps committed updates across reopen', async () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'kenes.db');
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'persisted'); // eslint-disable-line no-restricted-syntax -- a throwaway doc, not a meeting document
      const s1 = openSqliteStore(path);
      await appendUpdates(s1.docs, 'm', [Y.encodeStateAsUpdate(doc)]);
      await s1.close();
      const s2 = openSqliteStore(path);
      const loaded = await s2.docs.load('m');
      await s2.close();
      const back = new Y.Doc();
      for (const u of loaded.updates) Y.applyUpdate(back, u);
      expect(back.getText('t').toString()).toBe('persisted'); // eslint-disable-line no-restricted-syntax -- as above
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
