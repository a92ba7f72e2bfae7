/**
 * Versioned schema of the SQLite store, applied in order at open. Never edit
 * a released migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  org_type TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en',
  gender TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  starts_at INTEGER,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE TABLE members (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX members_user ON members(user_id);
CREATE TABLE invites (
  token_hash TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  max_uses INTEGER,
  uses INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX doc_updates_meeting ON doc_updates(meeting_id, seq);
CREATE TABLE doc_snapshots (
  meeting_id TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  through_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id TEXT NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL,
  payload TEXT NOT NULL,
  result TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX audit_meeting ON audit(meeting_id, id);
CREATE TABLE versions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  label TEXT NOT NULL,
  snapshot BLOB NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX versions_meeting ON versions(meeting_id, created_at);
CREATE TABLE client_bindings (
  meeting_id TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  bound_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, client_id)
);
`,
  },
  {
    version: 2,
    name: 'meeting status',
    // A copy of the document's status for meeting lists; commands keep it equal.
    sql: `ALTER TABLE meetings ADD COLUMN status TEXT NOT NULL DEFAULT 'scheduled';`,
  },
  {
    version: 3,
    name: 'moved text attributions',
    // Text an editor deleted and re-inserted in one update (split, join, move) keeps its
    // first author: the inserted item range (client, clock, length) → that author.
    sql: `
CREATE TABLE text_attributions (
  meeting_id TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  clock INTEGER NOT NULL,
  length INTEGER NOT NULL,
  user_id TEXT,
  PRIMARY KEY (meeting_id, client_id, clock)
);
`,
  },
  {
    version: 4,
    name: 'audit refusals folded, readiness probe',
    // Refused commands of one member, action and result in one time bucket are one row with a
    // count (bucket is null for every other row); minutes page accepted rows by action; the
    // readiness check writes the probe row to prove the database takes writes.
    sql: `
ALTER TABLE audit ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit ADD COLUMN bucket INTEGER;
CREATE UNIQUE INDEX audit_refusal_bucket ON audit(meeting_id, user_id, action, result, bucket) WHERE bucket IS NOT NULL;
CREATE INDEX audit_meeting_action ON audit(meeting_id, action, id);
CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
`,
  },
  {
    version: 5,
    name: 'meeting organisation, invite revocation, sticky removal',
    // A member's organisation and type are the meeting's, copied from the profile at join and
    // changed only by the chair: existing members take their profile's current ones. A revoked
    // invite keeps its row (the list shows it); a removal by the chair is remembered so that an
    // invite made before it cannot bring the person back.
    sql: `
ALTER TABLE members ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN org_type TEXT NOT NULL DEFAULT 'other';
UPDATE members SET
  organisation = (SELECT u.organisation FROM users u WHERE u.id = members.user_id),
  org_type = (SELECT u.org_type FROM users u WHERE u.id = members.user_id);
ALTER TABLE invites ADD COLUMN revoked_at INTEGER;
CREATE INDEX invites_meeting ON invites(meeting_id, created_at);
CREATE TABLE member_removals (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  removed_at INTEGER NOT NULL,
  removed_by TEXT NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
`,
  },
  {
    version: 6,
    name: 'session last use and device',
    // The profile lists one's sessions: when each was last used (written at most once a
    // minute) and the browser's User-Agent at sign-in (to name the device). Existing sessions
    // count as last used at sign-in and name no device.
    sql: `
ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
UPDATE sessions SET last_used_at = created_at;
`,
  },
  {
    version: 7,
    name: 'password resets, e-mailed invites',
    // A reset link is stored by the SHA-256 of its token, used once, and expires; an invite the
    // server e-mailed records to whom (shown to chairs only).
    sql: `
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX password_resets_user ON password_resets(user_id);
ALTER TABLE invites ADD COLUMN emailed_to TEXT;
`,
  },
  {
    version: 8,
    name: 'hall display links',
    // A chair's revocable link for the hall PC: the token's SHA-256 only; revoked rows stay (who
    // made and revoked it), lists read the live ones of a meeting.
    sql: `
CREATE TABLE display_links (
  token_hash TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER,
  revoked_by TEXT
);
CREATE INDEX display_links_meeting ON display_links(meeting_id, created_at);
`,
  },
  {
    version: 9,
    name: 'meeting venue',
    // The document holds a meeting's details (meeting.setDetails); the row mirrors what lists show.
    sql: `ALTER TABLE meetings ADD COLUMN venue TEXT NOT NULL DEFAULT '';`,
  },
  {
    version: 10,
    name: 'version kind',
    // Why a version was saved (shared's VERSION_KINDS): by hand, or by the server when a
    // recommendation became agreed, the meeting closed or a version was restored. Existing
    // versions were all saved by hand.
    sql: `
ALTER TABLE versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'manual';
`,
  },
];
