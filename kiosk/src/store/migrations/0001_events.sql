-- The kiosk's identity, made once when the store is created.
CREATE TABLE kiosk (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    kiosk_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The append-only log: this kiosk's events (local = 1) and events of other kiosks
-- pulled from the server (local = 0). Rows are never updated, except that an erasure
-- replaces the personal data in a learner's profile events.
CREATE TABLE events (
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    learner_id TEXT,
    body TEXT NOT NULL,
    local INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, seq)
);
CREATE INDEX events_by_learner ON events (learner_id) WHERE learner_id IS NOT NULL;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A saved state of the projections, covering every event with rowid <= watermark, so
-- that start-up replays only what came after it.
CREATE TABLE projection_snapshot (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    watermark INTEGER NOT NULL,
    state TEXT NOT NULL
);
