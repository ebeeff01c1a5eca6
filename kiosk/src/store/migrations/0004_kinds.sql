-- Start-up reads the learners' name cards and the center's set-up by kind; without an
-- index that was a scan of the whole log (years of check-ins and steps).
CREATE INDEX events_by_kind ON events (kind);
