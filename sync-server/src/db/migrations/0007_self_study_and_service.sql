-- Self-study time (minutes on lesson steps outside class) is a figure of its own beside
-- attendance. The cells cached before it existed lack it: every center is marked dirty
-- so the next statistics request recomputes them from the events.
ALTER TABLE stats_cells ADD COLUMN self_study_minutes INTEGER NOT NULL DEFAULT 0;
INSERT INTO stats_dirty (county, township, center_name, generation)
SELECT DISTINCT county, township, center_name, 1 FROM kiosks WHERE true
ON CONFLICT (county, township, center_name) DO UPDATE SET generation = generation + 1;

-- Activists' service and certificate revocations, read by the registry, the allowance
-- and /verify without a scan of every event (queries repeat this exact IN list).
CREATE INDEX events_activist ON events (kind, kiosk_id, seq)
WHERE kind IN ('service_logged', 'service_confirmed', 'certificate_revoked');
