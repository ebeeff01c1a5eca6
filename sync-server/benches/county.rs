//! A county's years of data: 20 kiosks (two per center) × 3 years of classes, pushed
//! into a fresh store, then timed: push, pull, the statistics page (cold, cached, after
//! a push of 100,000 events held back from every kiosk, after one more event) and the
//! verify lookup; then the bytes per event of the server's store and of a kiosk's store
//! holding the same events. Prints figures; asserts nothing about time.
//!
//! `cargo bench -p sync-server --bench county` runs the full size; under `cargo test`
//! (no `--bench` argument) it runs a tiny county so it stays a quick smoke test.

use std::sync::Arc;
use std::time::{Duration, Instant};

use baeumteo_core::event::{Event, EventBody, KioskId, LearnerId};
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::wire::{CenterInfo, MAX_PUSH_EVENTS};
use chrono::{DateTime, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sync_server::dashboard::statistics::{StatsQuery, render};
use sync_server::db::{Database, Incoming, KioskRecord, SqliteDatabase, SyncMeta};
use sync_server::secrets::{enroll_code_hash, new_enroll_code, new_token, token_hash};
use sync_server::statistics::{StatsFilter, statistics};
use sync_server::testkit::learner_profile;
use sync_server::{AppState, ServerConfig};
use uuid::Uuid;

struct Scale {
    kiosks: usize,
    /// Events held back from the first push and pushed later in one go, in total.
    held_back: usize,
    weeks: u32,
    learners_per_kiosk: usize,
    sessions_per_week: u32,
    class_size: usize,
}

const FULL: Scale = Scale {
    kiosks: 20,
    held_back: 100_000,
    weeks: 156,
    learners_per_kiosk: 40,
    sessions_per_week: 2,
    class_size: 10,
};

const TINY: Scale = Scale {
    kiosks: 2,
    held_back: 100,
    weeks: 3,
    learners_per_kiosk: 6,
    sessions_per_week: 1,
    class_size: 3,
};

const COURSES: &[(&str, &[&str])] = &[
    ("smartphone-basics", &["touch", "call", "photo", "kakao"]),
    ("kiosk-order", &["menu", "pay"]),
    ("mobile-banking", &["app", "transfer", "phishing"]),
];

/// One kiosk's history: registrations, classes with check-in/out, steps, quizzes,
/// lessons, and a few certificates. `at` is the kiosk's clock, `skew` off.
fn history(rng: &mut StdRng, kiosk: KioskId, scale: &Scale, skew: chrono::Duration) -> Vec<Event> {
    let start = Utc
        .with_ymd_and_hms(2023, 11, 6, 0, 0, 0)
        .single()
        .expect("a date");
    let mut events = Vec::new();
    let mut push = |at: DateTime<Utc>, body: EventBody| {
        let seq = events.len() as u64 + 1;
        events.push(Event {
            id: Uuid::now_v7(),
            kiosk_id: kiosk,
            seq,
            at: at + skew,
            body,
        });
    };
    let learners: Vec<LearnerId> = (0..scale.learners_per_kiosk)
        .map(|_| Uuid::now_v7())
        .collect();
    for (i, l) in learners.iter().enumerate() {
        push(
            start + chrono::Duration::minutes(i as i64),
            EventBody::LearnerRegistered {
                learner_id: *l,
                profile: learner_profile(format!("학습자{i}"), 1940 + (i % 25) as u16),
            },
        );
    }
    for week in 0..scale.weeks {
        for s in 0..scale.sessions_per_week {
            // Classes at 10:00 or 14:00 KST (01:00 / 05:00 UTC) on Tue/Thu.
            let day = start + chrono::Duration::days(i64::from(week * 7 + 1 + s * 2));
            let open = day + chrono::Duration::hours(if s % 2 == 0 { 1 } else { 5 });
            let (course, lessons) = COURSES[rng.random_range(0..COURSES.len())];
            let session = Uuid::now_v7();
            push(
                open,
                EventBody::SessionOpened {
                    session_id: session,
                    course_id: course.into(),
                    instructor_id: None,
                },
            );
            let mut class: Vec<LearnerId> = Vec::new();
            while class.len() < scale.class_size.min(learners.len()) {
                let l = learners[rng.random_range(0..learners.len())];
                if !class.contains(&l) {
                    class.push(l);
                }
            }
            for (i, l) in class.iter().enumerate() {
                let t = open + chrono::Duration::minutes(i as i64);
                push(
                    t,
                    EventBody::CheckedIn {
                        session_id: session,
                        learner_id: *l,
                    },
                );
                let lesson = lessons[rng.random_range(0..lessons.len())];
                for step in 0..3 {
                    push(
                        t + chrono::Duration::minutes(10 + step * 10),
                        EventBody::StepCompleted {
                            learner_id: *l,
                            course_id: course.into(),
                            lesson_id: lesson.into(),
                            step_id: format!("s{step}"),
                        },
                    );
                }
                push(
                    t + chrono::Duration::minutes(45),
                    EventBody::QuizAnswered {
                        learner_id: *l,
                        course_id: course.into(),
                        lesson_id: lesson.into(),
                        step_id: "quiz".into(),
                        choice: 1,
                        correct: rng.random_bool(0.8),
                    },
                );
                push(
                    t + chrono::Duration::minutes(50),
                    EventBody::LessonCompleted {
                        learner_id: *l,
                        course_id: course.into(),
                        lesson_id: lesson.into(),
                    },
                );
                if rng.random_bool(0.8) {
                    push(
                        t + chrono::Duration::minutes(100),
                        EventBody::CheckedOut {
                            session_id: session,
                            learner_id: *l,
                        },
                    );
                }
            }
            push(
                open + chrono::Duration::minutes(120),
                EventBody::SessionClosed {
                    session_id: session,
                },
            );
        }
    }
    let end = start + chrono::Duration::weeks(i64::from(scale.weeks));
    for (i, l) in learners.iter().take(5).enumerate() {
        push(
            end,
            EventBody::CertificationIssued {
                certificate_no: format!("2026-{}-{:04}", &kiosk.simple().to_string()[26..], i + 1),
                learner_id: *l,
                course_id: "digital-activist".into(),
                minutes: 1200,
                verification_code: "K7QX9M3P".into(),
                issued_by: None,
            },
        );
    }
    events
}

fn enrolled(db: &SqliteDatabase, center: &CenterInfo) -> KioskRecord {
    let code = new_enroll_code();
    let now = Utc::now();
    db.create_enroll_code(
        &enroll_code_hash(&code),
        center,
        now,
        now + chrono::Duration::days(1),
    )
    .expect("code");
    let token = new_token();
    db.enroll(
        &enroll_code_hash(&code),
        Uuid::now_v7(),
        None,
        &token_hash(&token),
        now,
    )
    .expect("enrolled");
    db.kiosk_by_token(&token_hash(&token))
        .expect("kiosk")
        .expect("enrolled kiosk")
}

fn per_item(total: Duration, n: usize) -> String {
    if n == 0 {
        return "-".into();
    }
    format!("{:.1} µs each", total.as_secs_f64() * 1e6 / n as f64)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full { FULL } else { TINY };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Arc::new(SqliteDatabase::open_in(dir.path()).expect("store"));
    let mut rng = StdRng::seed_from_u64(7);
    println!(
        "county bench: {} kiosks × {} weeks ({})",
        scale.kiosks,
        scale.weeks,
        if full {
            "full"
        } else {
            "tiny, under cargo test"
        }
    );

    let mut kiosks = Vec::new();
    let mut histories = Vec::new();
    for k in 0..scale.kiosks {
        let center = CenterInfo {
            center_name: format!("배움터 {}", k / 2 + 1),
            county: "영양군".into(),
            township: format!("면 {}", k / 2 + 1),
        };
        let kiosk = enrolled(&db, &center);
        // Every third kiosk's clock is off by up to three hours.
        let skew_ms = if k % 3 == 0 {
            rng.random_range(-3 * 3_600_000..3 * 3_600_000)
        } else {
            0
        };
        let events = history(
            &mut rng,
            kiosk.kiosk_id,
            &scale,
            chrono::Duration::milliseconds(skew_ms),
        );
        histories.push((events, skew_ms));
        kiosks.push(kiosk);
    }
    let total_events: usize = histories.iter().map(|(h, _)| h.len()).sum();
    // The last events of every kiosk wait for the later big push (a county back online).
    let held_per_kiosk = scale.held_back / scale.kiosks;
    let push_all = |part: &dyn Fn(&Vec<Event>) -> &[Event]| {
        let started = Instant::now();
        let (mut batches, mut events_pushed) = (0, 0);
        for (kiosk, (events, skew_ms)) in kiosks.iter().zip(&histories) {
            for chunk in part(events).chunks(MAX_PUSH_EVENTS) {
                let batch = Incoming::batch(chunk);
                let meta = SyncMeta {
                    received_at: Utc::now(),
                    clock_offset_ms: *skew_ms,
                };
                db.push(kiosk, &batch, meta).expect("push");
                batches += 1;
                events_pushed += chunk.len();
            }
        }
        let push_time = started.elapsed();
        println!(
            "push: {events_pushed} events in {batches} batches of ≤{MAX_PUSH_EVENTS}: {push_time:.2?} ({}, {:.0} events/s)",
            per_item(push_time, events_pushed),
            events_pushed as f64 / push_time.as_secs_f64()
        );
    };
    push_all(&|h: &Vec<Event>| &h[..h.len().saturating_sub(held_per_kiosk)]);

    let started = Instant::now();
    let mut pulled = 0;
    for kiosk in &kiosks {
        let mut cursor = 0;
        loop {
            let meta = SyncMeta {
                received_at: Utc::now(),
                clock_offset_ms: 0,
            };
            let page = db.pull(kiosk, cursor, 500, meta).expect("pull");
            pulled += page.items.len();
            cursor = page.next_cursor;
            if !page.more {
                break;
            }
        }
    }
    let pull_time = started.elapsed();
    println!(
        "pull: every kiosk from cursor 0, {pulled} changes in pages of 500: {pull_time:.2?} ({})",
        per_item(pull_time, pulled)
    );

    let state = AppState::new(db.clone(), ServerConfig::default());
    let t = I18n::new(Locale::Ko);
    let page = |label: &str| {
        let started = Instant::now();
        let rows = statistics(db.as_ref(), &StatsFilter::default()).expect("statistics");
        let html = render(&t, &state, &StatsQuery::default(), &rows);
        println!(
            "statistics page, {label}: {:.2?} ({} rows, {} KB of HTML)",
            started.elapsed(),
            rows.len(),
            html.len() / 1024
        );
    };
    page("cold (every center computed)");
    page("cached");
    push_all(&|h: &Vec<Event>| &h[h.len().saturating_sub(held_per_kiosk)..]);
    page(&format!(
        "after a {}-event push (every kiosk's last months)",
        held_per_kiosk * scale.kiosks
    ));
    // One more class at one center: only that center is computed again.
    let (kiosk, (events, skew_ms)) = (&kiosks[0], &histories[0]);
    let last = events.last().expect("events");
    let extra = Event {
        id: Uuid::now_v7(),
        kiosk_id: kiosk.kiosk_id,
        seq: last.seq + 1,
        at: last.at,
        body: EventBody::SessionOpened {
            session_id: Uuid::now_v7(),
            course_id: "kiosk-order".into(),
            instructor_id: None,
        },
    };
    db.push(
        kiosk,
        &Incoming::batch(&[extra]),
        SyncMeta {
            received_at: Utc::now(),
            clock_offset_ms: *skew_ms,
        },
    )
    .expect("push");
    page("after a push at one center");

    let numbers: Vec<String> = histories
        .iter()
        .flat_map(|(h, _)| h.iter())
        .filter_map(|e| match &e.body {
            EventBody::CertificationIssued { certificate_no, .. } => Some(certificate_no.clone()),
            _ => None,
        })
        .collect();
    let started = Instant::now();
    let mut found = 0;
    for n in &numbers {
        found += db.certificates_by_number(n).expect("lookup").len();
    }
    let lookups = started.elapsed();
    println!(
        "verify lookup: {} certificates looked up ({found} found): {lookups:.2?} ({})",
        numbers.len(),
        per_item(lookups, numbers.len())
    );
    let server = store_bytes(db.path(), true);
    let per_event = server as f64 / total_events as f64;
    println!(
        "server store: {} MB after VACUUM, {per_event:.0} B per event",
        server / (1024 * 1024)
    );
    // A kiosk's store (its migration 0001, rows as the kiosk writes them) with one
    // kiosk's own events: the same measure.
    let kiosk_dir = tempfile::tempdir().expect("temp dir");
    let kiosk_path = kiosk_dir.path().join("kiosk.sqlite3");
    let kiosk_events = &histories[0].0;
    {
        let mut conn = rusqlite::Connection::open(&kiosk_path).expect("kiosk store");
        conn.execute_batch(include_str!(
            "../../kiosk/src/store/migrations/0001_events.sql"
        ))
        .expect("kiosk schema");
        let tx = conn.transaction().expect("tx");
        for e in kiosk_events {
            tx.execute(
                "INSERT INTO events (kiosk_id, seq, id, at, kind, learner_id, body, local)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
                rusqlite::params![
                    e.kiosk_id.to_string(),
                    e.seq,
                    e.id.to_string(),
                    e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    e.body.kind(),
                    e.body.learner_id().map(|l| l.to_string()),
                    serde_json::to_string(&e.body).expect("json"),
                ],
            )
            .expect("kiosk insert");
        }
        tx.commit().expect("commit");
    }
    let kiosk = store_bytes(&kiosk_path, false) as f64 / kiosk_events.len() as f64;
    println!(
        "kiosk store: {kiosk:.0} B per event ({} events); server / kiosk: {:.2}",
        kiosk_events.len(),
        per_event / kiosk
    );
}

/// The bytes of a store after VACUUM (page count × page size); with `detail`, the
/// largest tables and indexes too (when SQLite has `dbstat`).
fn store_bytes(path: &std::path::Path, detail: bool) -> u64 {
    let conn = rusqlite::Connection::open(path).expect("open store");
    let bytes = |conn: &rusqlite::Connection| -> u64 {
        let pages: u64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .expect("page count");
        let size: u64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size");
        pages * size
    };
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    if detail {
        // What a running server's file holds: pages freed by rewrites (an erasure,
        // the statistics cache) are reused, never returned.
        println!("  file before VACUUM: {} MB", bytes(&conn) / (1024 * 1024));
    }
    conn.execute_batch("VACUUM;").expect("vacuum");
    if detail {
        let sizes = conn
            .prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?
                    .collect::<Result<Vec<_>, _>>()
            });
        if let Ok(sizes) = sizes {
            for (name, bytes) in sizes {
                println!("  {name}: {} KB", bytes / 1024);
            }
        }
    }
    bytes(&conn)
}
