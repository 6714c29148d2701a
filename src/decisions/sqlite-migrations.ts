/** Schema migrations, applied in order; index + 1 is the PRAGMA user_version they lead to. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE extractions (
    id         TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'escalated')),
    version    INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL
  );
  -- Append-only: rows are inserted, never updated or deleted.
  CREATE TABLE decisions (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    extraction_id TEXT NOT NULL REFERENCES extractions(id),
    verb          TEXT NOT NULL,
    status        TEXT NOT NULL,
    actor_id      TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    decided_at    TEXT NOT NULL
  );
  CREATE INDEX decisions_by_extraction ON decisions (extraction_id, seq);
  CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
  CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
  CREATE TABLE result_sets (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    label          TEXT NOT NULL,
    sample         INTEGER NOT NULL,
    extraction_ids TEXT NOT NULL
  );
  `,
  // 2: "Show next" pages belong to one conversation and are posted exactly once, in order.
  `
  ALTER TABLE result_sets ADD COLUMN conversation_id TEXT NOT NULL DEFAULT '';
  ALTER TABLE result_sets ADD COLUMN pages_shown INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE result_sets ADD COLUMN page_size INTEGER NOT NULL DEFAULT 10;
  CREATE INDEX result_sets_by_age ON result_sets (created_at);
  `,
  // 3: who decided in which role, and why.
  `
  ALTER TABLE decisions ADD COLUMN role TEXT;
  ALTER TABLE decisions ADD COLUMN comment TEXT NOT NULL DEFAULT '';
  `,
  // 4: where each extraction's card was posted, so every copy can be updated after a decision.
  `
  CREATE TABLE postings (
    extraction_id   TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    activity_id     TEXT NOT NULL,
    reference       TEXT NOT NULL,
    posted_at       TEXT NOT NULL,
    PRIMARY KEY (conversation_id, activity_id)
  );
  CREATE INDEX postings_by_extraction ON postings (extraction_id);
  `,
  // 5: bot-wide settings set from chat (the escalation target conversation).
  `
  CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 6: Teams user ids (29:…) of the Entra users we have seen, for per-viewer card refresh.
  `
  CREATE TABLE users (
    object_id TEXT PRIMARY KEY,
    teams_id  TEXT NOT NULL,
    seen_at   TEXT NOT NULL
  );
  `,
  // 7: where the app is installed (conversation references for proactive messages).
  `
  CREATE TABLE installations (
    conversation_id TEXT PRIMARY KEY,
    scope           TEXT NOT NULL,
    team_id         TEXT,
    reference       TEXT NOT NULL,
    installed_by    TEXT,
    installed_at    TEXT NOT NULL
  );
  CREATE INDEX installations_by_team ON installations (team_id);
  `,
  // 8: the team a card posting is in (channels), so removing the app from a team forgets postings in all its channels.
  `
  ALTER TABLE postings ADD COLUMN team_id TEXT;
  CREATE INDEX postings_by_team ON postings (team_id);
  `,
];
