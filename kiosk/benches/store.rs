//! Store figures for a center with years of history: append rate, reading the log,
//! replaying projections from scratch, and starting from a snapshot (what the kiosk does
//! at start-up). `cargo bench -p kiosk --bench store` prints the figures; under
//! `cargo test` it runs once on a tiny log as a smoke test. Nothing here asserts times.

use std::time::Instant;

use baeumteo_core::event::EventBody;
use chrono::{Duration, TimeZone, Utc};
use kiosk::store::{Store, replay};
use uuid::Uuid;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    // 3 years × 150 class days × 15 learners × ~40 events ≈ 270 000 events.
    let (days, learners, steps) = if full { (450, 15, 36) } else { (3, 3, 4) };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("store");
    let learner_ids: Vec<Uuid> = (0..learners * 4).map(|_| Uuid::now_v7()).collect();
    let start = Utc.with_ymd_and_hms(2024, 3, 4, 0, 0, 0).unwrap();

    // One durable append at a time, as the kiosk records a learner's step.
    let probe = if full { 300 } else { 5 };
    let t = Instant::now();
    for s in 0..probe {
        store
            .append(EventBody::StepCompleted {
                learner_id: learner_ids[0],
                course_id: "warm-up".into(),
                lesson_id: "l".into(),
                step_id: format!("s{s}"),
            })
            .expect("append");
    }
    let single = t.elapsed();
    println!(
        "single append:     {probe} events in {single:.2?} ({:.2?} each, durable: synchronous=FULL)",
        single / probe
    );

    // The history itself goes in one transaction per class day.
    let t = Instant::now();
    let mut n = 0u64;
    for day in 0..days {
        let mut batch = Vec::new();
        let at = start + Duration::days(day as i64);
        let session_id = Uuid::now_v7();
        batch.push((
            EventBody::SessionOpened {
                session_id,
                course_id: "smartphone-basics".into(),
                instructor_id: None,
            },
            at,
        ));
        n += 1;
        for l in 0..learners {
            let learner_id = learner_ids[(day + l) % learner_ids.len()];
            batch.push((
                EventBody::CheckedIn {
                    session_id,
                    learner_id,
                },
                at,
            ));
            for s in 0..steps {
                batch.push((
                    EventBody::StepCompleted {
                        learner_id,
                        course_id: "smartphone-basics".into(),
                        lesson_id: format!("lesson-{}", (day + s / 12) % 5),
                        step_id: format!("step-{}", s % 12),
                    },
                    at + Duration::minutes(s as i64),
                ));
            }
            batch.push((
                EventBody::CheckedOut {
                    session_id,
                    learner_id,
                },
                at + Duration::hours(2),
            ));
            n += 2 + steps as u64;
        }
        batch.push((
            EventBody::SessionClosed { session_id },
            at + Duration::hours(2),
        ));
        n += 1;
        store.append_many(batch).expect("append a class day");
    }
    let append = t.elapsed();
    println!(
        "history:           {n} events in {:.2?} ({:.0} events/s, one transaction per class day)",
        append,
        n as f64 / append.as_secs_f64()
    );

    let t = Instant::now();
    let events = store.all_events().expect("read");
    println!(
        "read whole log:    {} events in {:.2?}",
        events.len(),
        t.elapsed()
    );

    let t = Instant::now();
    let replayed = replay(events);
    println!("replay projections from scratch: {:.2?}", t.elapsed());

    let mut cache = store.projections().expect("projections");
    store.save_projections(&cache).expect("save");
    let t = Instant::now();
    drop(store);
    let store = Store::open_in(dir.path()).expect("reopen");
    let opened = t.elapsed();
    let t = Instant::now();
    cache = store.projections().expect("projections from snapshot");
    println!(
        "start-up: open + quick_check {:.2?}, projections from snapshot {:.2?}",
        opened,
        t.elapsed()
    );
    assert_eq!(cache.projections, replayed, "snapshot and replay agree");
}
