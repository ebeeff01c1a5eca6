-- Staff sign-in sessions of the dashboard. The browser holds a random session id (256
-- bits); the server keeps only its SHA-256, so a copy of the database opens nothing.
-- A session ends at `expires_at`, at logout (`revoked_at`), or when the admin token it
-- was opened with is revoked (`sync-server revoke-admin`): the lookup joins on it.
CREATE TABLE staff_sessions (
    session_hash TEXT PRIMARY KEY,
    admin_token_hash TEXT NOT NULL REFERENCES admin_tokens (token_hash),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
