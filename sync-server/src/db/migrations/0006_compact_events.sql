-- Performance (issue 11): events stored compactly and statistics kept per month.
-- Run together with `upgrade::compact_events`, which fills `events_compact` and the
-- month bookkeeping from the old rows, then puts `events_compact` in the place of
-- `events` (foreign keys are off during migrations, see `migrate`).

-- One row per push that stored something: the server's receive time (unix
-- microseconds) and the kiosk's clock offset then. Events point here instead of
-- repeating both on every row.
CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    clock_offset_ms INTEGER NOT NULL
);

-- Every kiosk event, at most once per (kiosk_id, seq) and per id. Only the body is
-- JSON; the Event is rebuilt from the columns. `at` is the kiosk's clock in unix
-- nanoseconds (exact, so a retried push is recognised as the same fact), or RFC 3339
-- text for a time outside what nanoseconds can hold: hence no declared type.
-- `receipt` is the push it came with (`receipts.id`).
CREATE TABLE events_compact (
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    at NOT NULL,
    kind TEXT NOT NULL,
    learner_id TEXT,
    body TEXT NOT NULL,
    receipt INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, seq)
);

-- Which seqs of a kiosk fall in which month (Korean, clock-corrected), as runs of
-- consecutive seqs: a compact time index, so a month's figures read only that month.
-- `month` is year × 100 + month.
CREATE TABLE event_months (
    kiosk_id TEXT NOT NULL,
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    month INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, seq_from)
) WITHOUT ROWID;
CREATE INDEX event_months_by_month ON event_months (kiosk_id, month);

-- The months a class session's events fall in, so a month's figures can read whole
-- sessions (a class opened on the 31st, a check-out recorded next month).
CREATE TABLE stats_sessions (
    session_id TEXT PRIMARY KEY,
    first_month INTEGER NOT NULL,
    last_month INTEGER NOT NULL
) WITHOUT ROWID;

-- Months of a center whose figures a push changed; like `stats_dirty`, a mark is
-- cleared only if no push came in since it was read.
CREATE TABLE stats_dirty_months (
    county TEXT NOT NULL,
    township TEXT NOT NULL,
    center_name TEXT NOT NULL,
    month INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (county, township, center_name, month)
) WITHOUT ROWID;
