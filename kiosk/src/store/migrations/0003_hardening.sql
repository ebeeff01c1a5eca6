-- Hardening (issue 10).
-- The random secret this kiosk sends with an enrollment code: only a kiosk holding it can
-- redeem the same code again when the answer with the token was lost.
ALTER TABLE sync_state ADD COLUMN enroll_secret TEXT;
-- The server's course-signing public key (hex), pinned at enrollment: course packages
-- that do not verify with it are refused.
ALTER TABLE sync_state ADD COLUMN course_key TEXT;
-- Events of other kiosks pulled before the server checked times could carry a time that
-- does not read back (year 10000, year 1), which made every read of the log fail. Only
-- pulled events (local = 0) are dropped, never this kiosk's own facts; readable times
-- start with the digit 1 or 2 (years 1000 to 2999).
DELETE FROM events WHERE local = 0 AND substr(at, 1, 1) NOT IN ('1', '2');
-- The signature the server announced with each pending course version.
ALTER TABLE pending_courses ADD COLUMN signature TEXT NOT NULL DEFAULT '';
