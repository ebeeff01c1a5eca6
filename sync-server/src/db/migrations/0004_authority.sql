-- Hardening (issue 10): where each learner belongs, refused events kept aside, the
-- secret that binds a redeemed enrollment code to one kiosk, and signed course packages.
-- Run together with `upgrade::recheck_stored_events`, which moves events stored before
-- these rules existed (impossible times, edits of another county's learners) aside and
-- fills `learners`.

-- A learner's home: the center of the kiosk that registered them first. Only kiosks of
-- its county may edit, erase or certify them; only its center gets phone and gender.
CREATE TABLE learners (
    learner_id TEXT PRIMARY KEY,
    county TEXT NOT NULL,
    township TEXT NOT NULL,
    center_name TEXT NOT NULL,
    kiosk_id TEXT NOT NULL
);

-- A refused event (bad time, no authority) is kept here with its reason and no
-- existing event; its seq counts as held so the kiosk's later events are not blocked.
CREATE TABLE conflicts_new (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    incoming_id TEXT NOT NULL,
    existing_id TEXT,
    learner_id TEXT,
    event TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at TEXT NOT NULL
);
INSERT INTO conflicts_new (id, kiosk_id, seq, incoming_id, existing_id, learner_id, event,
                           reason, received_at)
SELECT id, kiosk_id, seq, incoming_id, existing_id, learner_id, event, reason, received_at
FROM conflicts;
DROP TABLE conflicts;
ALTER TABLE conflicts_new RENAME TO conflicts;
CREATE INDEX conflicts_by_kiosk ON conflicts (kiosk_id, seq);
CREATE INDEX conflicts_by_learner ON conflicts (learner_id) WHERE learner_id IS NOT NULL;

-- The hash of the secret the kiosk sent with its first redemption of the code.
ALTER TABLE enroll_codes ADD COLUMN secret_hash TEXT;

-- Ed25519 signature of each package by the server's course key (hex).
ALTER TABLE courses ADD COLUMN signature TEXT NOT NULL DEFAULT '';

-- The server's own keys (the course-signing key), made on first use.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    secret BLOB NOT NULL,
    created_at TEXT NOT NULL
);
