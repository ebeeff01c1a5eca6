-- What county staff look at: certificates (for /verify and the activist registry),
-- cached monthly statistics per center, admin tokens and the personal-data access log.

-- One row per synced CertificationIssued, so /verify is one indexed lookup. `at` is the
-- kiosk's clock and `clock_offset_ms` the offset the server saw when it arrived: the
-- issue date shown is corrected with both. Numbers are unique by construction (they
-- carry a part of the kiosk id), but the index is not UNIQUE: a clash must not make a
-- push fail, and the verification code tells the two apart.
CREATE TABLE certificates (
    event_id TEXT PRIMARY KEY REFERENCES events (id),
    certificate_no TEXT NOT NULL,
    verification_code TEXT NOT NULL,
    learner_id TEXT NOT NULL,
    course_id TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    kiosk_id TEXT NOT NULL,
    at TEXT NOT NULL,
    clock_offset_ms INTEGER NOT NULL
);
CREATE INDEX certificates_by_number ON certificates (certificate_no);
INSERT INTO certificates (event_id, certificate_no, verification_code, learner_id, course_id,
                          minutes, kiosk_id, at, clock_offset_ms)
SELECT id, json_extract(event, '$.body.certificate_no'),
       json_extract(event, '$.body.verification_code'), learner_id,
       json_extract(event, '$.body.course_id'), json_extract(event, '$.body.minutes'),
       kiosk_id, at, clock_offset_ms
FROM events WHERE kind = 'certification_issued';

-- Monthly figures per center, course and month, as core's `monthly_summary` computes
-- them from the center's clock-corrected events. A push marks its center dirty (the
-- generation grows); the next statistics request recomputes only dirty centers and
-- clears the mark only if no push came in meanwhile, so the figures stay exact.
CREATE TABLE stats_dirty (
    county TEXT NOT NULL,
    township TEXT NOT NULL,
    center_name TEXT NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (county, township, center_name)
);
INSERT INTO stats_dirty (county, township, center_name, generation)
SELECT DISTINCT county, township, center_name, 1 FROM kiosks;

CREATE TABLE stats_cells (
    county TEXT NOT NULL,
    township TEXT NOT NULL,
    center_name TEXT NOT NULL,
    month TEXT NOT NULL,
    course_id TEXT NOT NULL,
    sessions_held INTEGER NOT NULL,
    learners INTEGER NOT NULL,
    attendance_minutes INTEGER NOT NULL,
    lessons_completed INTEGER NOT NULL,
    certifications INTEGER NOT NULL,
    PRIMARY KEY (county, township, center_name, month, course_id)
);

-- County staff who may see personal data on the dashboard; only the token's hash.
CREATE TABLE admin_tokens (
    token_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Every view or export of personal data: who, when, what and why (개인정보 보호법).
CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    what TEXT NOT NULL,
    purpose TEXT NOT NULL
);
