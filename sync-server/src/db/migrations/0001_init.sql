-- One-time enrollment codes; only the hash of the code is kept.
CREATE TABLE enroll_codes (
    code_hash TEXT PRIMARY KEY,
    center_name TEXT NOT NULL,
    county TEXT NOT NULL,
    township TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT
);

-- Enrolled kiosks; only the hash of the device token is kept.
CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    center_name TEXT NOT NULL,
    county TEXT NOT NULL,
    township TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    acked_seq INTEGER NOT NULL DEFAULT 0,
    last_sync_at TEXT,
    last_clock_offset_ms INTEGER
);

-- Every kiosk event, at most once per (kiosk_id, seq) and per id. `received_at` and
-- `clock_offset_ms` let statistics correct the kiosk's clock.
CREATE TABLE events (
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    learner_id TEXT,
    event TEXT NOT NULL,
    received_at TEXT NOT NULL,
    clock_offset_ms INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, seq)
);
CREATE INDEX events_by_learner ON events (learner_id) WHERE learner_id IS NOT NULL;

-- A different event claiming a key already held: kept here for a person to look at.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    incoming_id TEXT NOT NULL,
    existing_id TEXT NOT NULL,
    learner_id TEXT,
    event TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE TABLE erased_learners (
    learner_id TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL
);

-- Published course packages.
CREATE TABLE courses (
    course_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    package BLOB NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (course_id, version)
);

-- The change feed kiosks pull, CouchDB `_changes` style: the cursor is this table's
-- rowid. `county` NULL means every county; `origin` is the kiosk not to echo it to.
CREATE TABLE changes (
    cursor INTEGER PRIMARY KEY AUTOINCREMENT,
    county TEXT,
    origin TEXT,
    event_id TEXT REFERENCES events (id),
    course_id TEXT,
    course_version INTEGER,
    CHECK ((event_id IS NULL) <> (course_id IS NULL))
);
CREATE INDEX changes_by_county ON changes (county, cursor);
