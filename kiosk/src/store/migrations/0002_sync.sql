-- Sync bookkeeping: which server, the device token, how far each direction has got,
-- and how the last attempt went (for the instructor's view and `kiosk status`).
CREATE TABLE sync_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    server_url TEXT,
    token TEXT,
    allow_insecure_http INTEGER NOT NULL DEFAULT 0,
    center_name TEXT,
    county TEXT,
    township TEXT,
    enrolled_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    -- The server's contiguous high-water seq for this kiosk's events.
    pushed_seq INTEGER NOT NULL DEFAULT 0,
    -- The server-assigned change-feed cursor.
    pull_cursor INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_success_at TEXT,
    -- JSON of the last failure's kind (NULL after a success).
    last_failure TEXT,
    last_clock_offset_ms INTEGER
);
INSERT INTO sync_state (singleton) VALUES (1);

-- Course versions announced by the server and not installed yet.
CREATE TABLE pending_courses (
    course_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL
);

-- Course versions installed from the server.
CREATE TABLE installed_courses (
    course_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    installed_at TEXT NOT NULL
);
