-- The verify page and the registry look up a holder's name among the learner's
-- registration and edits only; without this they read every event of the learner.
CREATE INDEX events_learner_profiles ON events (learner_id, kind)
WHERE kind IN ('learner_registered', 'learner_updated');
