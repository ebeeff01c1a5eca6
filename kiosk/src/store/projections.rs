//! The projections of the whole log, kept up to date incrementally and saved as a
//! snapshot, so start-up replays only the events recorded after the snapshot instead of
//! years of history. The rules themselves live in `baeumteo_core::projection`.

use baeumteo_core::event::Event;
pub use baeumteo_core::projection::Projections;
use baeumteo_core::projection::log_order;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, read_row};

/// The projections from scratch, replaying the log in its canonical order.
pub fn replay(mut events: Vec<Event>) -> Projections {
    log_order(&mut events);
    Projections::from_events(&events)
}

/// Projections together with how far into the store they reach.
#[derive(Debug, Clone, Default)]
pub struct ProjectionCache {
    pub projections: Projections,
    /// The highest store rowid applied.
    watermark: i64,
    caught_up: usize,
}

impl ProjectionCache {
    /// How many events the last `catch_up` applied.
    pub fn caught_up(&self) -> usize {
        self.caught_up
    }

    /// Applies every event stored since the cache was last brought up to date.
    pub fn catch_up(&mut self, store: &Store) -> Result<usize, StoreError> {
        let mut stmt = store.conn().prepare_cached(
            "SELECT id, kiosk_id, seq, at, body, rowid FROM events WHERE rowid > ?1 ORDER BY rowid",
        )?;
        let mut rows = stmt.query([self.watermark])?;
        let mut applied = 0;
        while let Some(row) = rows.next()? {
            let event = read_row(row)??;
            self.projections.apply(&event);
            self.watermark = row.get(5)?;
            applied += 1;
        }
        self.caught_up = applied;
        Ok(applied)
    }
}

impl Store {
    /// The projections of everything stored: the saved snapshot, caught up with the
    /// events stored after it. A snapshot that no longer reads (an older format) is
    /// ignored and the log replayed.
    pub fn projections(&self) -> Result<ProjectionCache, StoreError> {
        let saved: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT watermark, state FROM projection_snapshot",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mut cache = match saved {
            Some((watermark, state)) => match serde_json::from_str(&state) {
                Ok(projections) => ProjectionCache {
                    projections,
                    watermark,
                    caught_up: 0,
                },
                Err(e) => {
                    tracing::warn!(error = %e, "projection snapshot unreadable; replaying the log");
                    ProjectionCache::default()
                }
            },
            None => ProjectionCache::default(),
        };
        cache.catch_up(self)?;
        Ok(cache)
    }

    /// Brings the snapshot up to date with everything stored (after a bulk write: a
    /// simulated history, a start-up that had much to catch up with).
    pub fn save_current_projections(&mut self) -> Result<(), StoreError> {
        let cache = self.projections()?;
        if cache.caught_up() > 0 {
            self.save_projections(&cache)?;
        }
        Ok(())
    }

    /// Saves the cache as the snapshot the next start-up begins from.
    pub fn save_projections(&mut self, cache: &ProjectionCache) -> Result<(), StoreError> {
        let state = serde_json::to_string(&cache.projections)?;
        self.conn().execute(
            "INSERT INTO projection_snapshot (singleton, watermark, state) VALUES (1, ?1, ?2)
             ON CONFLICT (singleton) DO UPDATE SET watermark = excluded.watermark, state = excluded.state",
            params![cache.watermark, state],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use baeumteo_core::event::{EventBody, LearnerId};
    use chrono::{Duration, TimeZone, Utc};
    use proptest::prelude::*;
    use uuid::Uuid;

    use super::*;

    /// One thing that can happen to a store: a local event, a pulled event of another
    /// kiosk, or saving a snapshot (and reopening from it).
    #[derive(Debug, Clone)]
    enum Op {
        Local(u8, u8),
        Foreign(u8, u8),
        Snapshot,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Local(a, b)),
            2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Foreign(a, b)),
            1 => Just(Op::Snapshot),
        ]
    }

    /// A small world of learners, lessons and one class session, so events interact.
    fn body(kind: u8, pick: u8, learners: &[LearnerId], session: Uuid) -> EventBody {
        let learner_id = learners[pick as usize % learners.len()];
        let lesson_id = format!("lesson-{}", pick % 3);
        let step_id = format!("step-{}", pick % 4);
        let course_id = "course".to_string();
        match kind % 7 {
            0 => EventBody::StepCompleted {
                learner_id,
                course_id,
                lesson_id,
                step_id,
            },
            1 => EventBody::StepMissed {
                learner_id,
                course_id,
                lesson_id,
                step_id,
            },
            2 => EventBody::QuizAnswered {
                learner_id,
                course_id,
                lesson_id,
                step_id,
                choice: u32::from(pick % 3),
                correct: pick.is_multiple_of(2),
            },
            3 => EventBody::LessonCompleted {
                learner_id,
                course_id,
                lesson_id,
            },
            4 => EventBody::CheckedIn {
                session_id: session,
                learner_id,
            },
            5 => EventBody::CheckedOut {
                session_id: session,
                learner_id,
            },
            _ => EventBody::SessionClosed {
                session_id: session,
            },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Projections kept incrementally across snapshots and reopenings equal the
        /// projections of replaying the whole log in seq order.
        #[test]
        fn incremental_projections_equal_a_full_replay_in_seq_order(
            ops in proptest::collection::vec(op(), 1..60),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open_in(dir.path()).unwrap();
            let learners: Vec<LearnerId> = (0..3).map(|_| Uuid::now_v7()).collect();
            let session = Uuid::now_v7();
            let other_kiosk = Uuid::now_v7();
            let start = Utc.with_ymd_and_hms(2026, 3, 2, 0, 30, 0).unwrap();
            store.append_at(
                EventBody::SessionOpened { session_id: session, course_id: "course".into(), instructor_id: None },
                start,
            ).unwrap();
            let mut cache = store.projections().unwrap();
            let mut foreign_seq = 0;
            for (i, op) in ops.iter().enumerate() {
                let at = start + Duration::minutes(7 * i as i64);
                match *op {
                    Op::Local(kind, pick) => {
                        store.append_at(body(kind, pick, &learners, session), at).unwrap();
                    }
                    Op::Foreign(kind, pick) => {
                        foreign_seq += 1;
                        let event = Event {
                            id: Uuid::now_v7(),
                            kiosk_id: other_kiosk,
                            seq: foreign_seq,
                            at,
                            body: body(kind, pick, &learners, session),
                        };
                        store.insert_foreign(&event).unwrap();
                    }
                    Op::Snapshot => {
                        cache.catch_up(&store).unwrap();
                        store.save_projections(&cache).unwrap();
                        drop(store);
                        store = Store::open_in(dir.path()).unwrap();
                        cache = store.projections().unwrap();
                    }
                }
                if i % 5 == 0 {
                    cache.catch_up(&store).unwrap();
                }
            }
            cache.catch_up(&store).unwrap();
            let replayed = replay(store.all_events().unwrap());
            prop_assert_eq!(&cache.projections, &replayed);
            prop_assert_eq!(&store.projections().unwrap().projections, &replayed);
        }
    }

    #[test]
    fn an_unreadable_snapshot_is_ignored_and_the_log_replayed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let learner = Uuid::now_v7();
        store
            .append(EventBody::LessonCompleted {
                learner_id: learner,
                course_id: "c".into(),
                lesson_id: "l".into(),
            })
            .unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO projection_snapshot (singleton, watermark, state) VALUES (1, 1, '{\"old\": 1}')",
                [],
            )
            .unwrap();
        let cache = store.projections().unwrap();
        assert_eq!(cache.projections, replay(store.all_events().unwrap()));
        assert!(
            cache
                .projections
                .progress
                .lesson_completed(learner, "c", "l")
        );
    }
}
