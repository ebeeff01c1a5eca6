//! A county's years of data: 20 kiosks (two per center) × 3 years of classes, pushed
//! into a fresh store, then timed: push, pull, the statistics page (cold, cached, after
//! a push of 100,000 events held back from every kiosk, after one more event) and the
//! verify lookup; then the bytes per event of the server's store and of a kiosk's store
//! holding the same events. Prints figures; asserts nothing about time.
//!
//! The same county is run on both stores: SQLite in a temporary folder, and PostgreSQL
//! (a database of `BAEUMTEO_BENCH_DATABASE` if set, else a throwaway cluster started
//! like the tests' but with its durability settings left at PostgreSQL's defaults). A
//! last part, "ingest", has 200 kiosks push at once from as many threads as the store
//! serves connections. A table of both side by side ends the output.
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
use sync_server::breakdown::{Facts, Scope, StatsParams, breakdown};
use sync_server::dashboard::statistics::render;
use sync_server::db::{
    Database, Incoming, KioskRecord, PostgresDatabase, PostgresOptions, SqliteDatabase, SyncMeta,
};
use sync_server::secrets::{enroll_code_hash, new_enroll_code, new_token, token_hash};
use sync_server::statistics::{StatsFilter, statistics};
use sync_server::testkit::learner_profile;
use sync_server::{AppState, ServerConfig};
use uuid::Uuid;

#[derive(Clone, Copy)]
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

fn enrolled(db: &dyn Database, center: &CenterInfo) -> KioskRecord {
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

/// Figures of one store, for the table at the end.
#[derive(Default)]
struct Figures {
    push_rate: f64,
    big_push: Duration,
    pull: Duration,
    cold: Duration,
    cached: Duration,
    after_big_push: Duration,
    after_one_event: Duration,
    verify_each: Duration,
    ingest_rate: f64,
    ingest_p95: Duration,
    page_p95: Duration,
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full { FULL } else { TINY };
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
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = Arc::new(SqliteDatabase::open_in(dir.path()).expect("store"));
    println!("\n== SQLite ({})", sqlite.path().display());
    let mut sqlite_figures = run(sqlite.clone(), &scale);
    // As many pushes at once as PostgreSQL gets; SQLite's one connection takes them in turn.
    ingest(
        sqlite.clone(),
        full,
        PostgresOptions::default().max_connections as usize,
        &mut sqlite_figures,
    );
    store_sizes(&sqlite, &scale);

    // A throwaway cluster (kept until the bench ends), unless one is named.
    let _cluster;
    let url = match std::env::var("BAEUMTEO_BENCH_DATABASE") {
        Ok(url) => url,
        Err(_) => {
            _cluster = sync_server::testkit::postgres::durable_database();
            _cluster.url.clone()
        }
    };
    let options = PostgresOptions::default();
    let postgres = Arc::new(PostgresDatabase::connect(&url, &options).expect("PostgreSQL store"));
    println!("\n== PostgreSQL ({})", postgres.target());
    let mut pg_figures = run(postgres.clone(), &scale);
    ingest(
        postgres,
        full,
        options.max_connections as usize,
        &mut pg_figures,
    );

    println!("\n| figure | SQLite | PostgreSQL |\n|---|---|---|");
    let row = |label: &str, a: String, b: String| println!("| {label} | {a} | {b} |");
    let (a, b) = (&sqlite_figures, &pg_figures);
    row(
        "push, one kiosk at a time (events/s)",
        format!("{:.0}", a.push_rate),
        format!("{:.0}", b.push_rate),
    );
    row(
        "ingest, 200 kiosks at once (events/s)",
        format!("{:.0}", a.ingest_rate),
        format!("{:.0}", b.ingest_rate),
    );
    row(
        "ingest, p95 of one 500-event push",
        format!("{:.1?}", a.ingest_p95),
        format!("{:.1?}", b.ingest_p95),
    );
    row(
        "push of the held-back events",
        format!("{:.2?}", a.big_push),
        format!("{:.2?}", b.big_push),
    );
    row(
        "pull, every kiosk from cursor 0",
        format!("{:.2?}", a.pull),
        format!("{:.2?}", b.pull),
    );
    row(
        "statistics page, cold",
        format!("{:.2?}", a.cold),
        format!("{:.2?}", b.cold),
    );
    row(
        "statistics page, cached",
        format!("{:.2?}", a.cached),
        format!("{:.2?}", b.cached),
    );
    row(
        "statistics page, cached, p95 of 50",
        format!("{:.2?}", a.page_p95),
        format!("{:.2?}", b.page_p95),
    );
    row(
        "statistics page, after the big push",
        format!("{:.2?}", a.after_big_push),
        format!("{:.2?}", b.after_big_push),
    );
    row(
        "statistics page, after a push at one center",
        format!("{:.2?}", a.after_one_event),
        format!("{:.2?}", b.after_one_event),
    );
    row(
        "`/verify` lookup, each",
        format!("{:.0?}", a.verify_each),
        format!("{:.0?}", b.verify_each),
    );
}

/// 200 kiosks of 2,500 events each (25 under `cargo test`) pushing in batches of 500,
/// `threads` at a time.
fn ingest(db: Arc<dyn Database>, full: bool, threads: usize, figures: &mut Figures) {
    let (kiosks, per_kiosk) = if full { (200, 2_500) } else { (4, 25) };
    let mut rng = StdRng::seed_from_u64(99);
    let scale = Scale { weeks: 40, ..TINY };
    let mut work = Vec::new();
    for k in 0..kiosks {
        let center = CenterInfo {
            center_name: format!("센터 {k}"),
            county: format!("군 {}", k % 22),
            township: format!("면 {k}"),
        };
        let kiosk = enrolled(db.as_ref(), &center);
        let mut events = Vec::new();
        while events.len() < per_kiosk {
            let more = history(&mut rng, kiosk.kiosk_id, &scale, chrono::Duration::zero());
            events.extend(more);
        }
        events.truncate(per_kiosk);
        // Histories made one after another each start at seq 1: one log, one count.
        for (i, e) in events.iter_mut().enumerate() {
            e.seq = i as u64 + 1;
        }
        work.push((kiosk, events));
    }
    let queue = std::sync::Mutex::new(work.iter().collect::<Vec<_>>());
    let times = std::sync::Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let Some((kiosk, events)) = queue.lock().expect("queue").pop() else {
                        return;
                    };
                    for chunk in events.chunks(500) {
                        let t = Instant::now();
                        let meta = SyncMeta {
                            received_at: Utc::now(),
                            clock_offset_ms: 0,
                        };
                        db.push(kiosk, &Incoming::batch(chunk), meta).expect("push");
                        times.lock().expect("times").push(t.elapsed());
                    }
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let total = kiosks * per_kiosk;
    figures.ingest_rate = total as f64 / elapsed.as_secs_f64();
    let mut times = times.into_inner().expect("times");
    times.sort();
    figures.ingest_p95 = times[times.len() * 95 / 100];
    println!(
        "ingest: {kiosks} kiosks × {per_kiosk} events in batches of 500, {threads} pushing at a time: {elapsed:.2?} ({:.0} events/s, p95 of a push {:.1?})",
        figures.ingest_rate, figures.ingest_p95
    );
}

fn run(db: Arc<dyn Database>, scale: &Scale) -> Figures {
    let mut figures = Figures::default();
    let scale = *scale;
    let mut rng = StdRng::seed_from_u64(7);

    let mut kiosks = Vec::new();
    let mut histories = Vec::new();
    for k in 0..scale.kiosks {
        let center = CenterInfo {
            center_name: format!("배움터 {}", k / 2 + 1),
            county: "영양군".into(),
            township: format!("면 {}", k / 2 + 1),
        };
        let kiosk = enrolled(db.as_ref(), &center);
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
    println!("{total_events} events");
    // The last events of every kiosk wait for the later big push (a county back online).
    let held_per_kiosk = scale.held_back / scale.kiosks;
    let push_all = |part: &dyn Fn(&Vec<Event>) -> &[Event]| -> (Duration, f64) {
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
        (push_time, events_pushed as f64 / push_time.as_secs_f64())
    };
    figures.push_rate = push_all(&|h: &Vec<Event>| &h[..h.len().saturating_sub(held_per_kiosk)]).1;

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
    figures.pull = pull_time;
    println!(
        "pull: every kiosk from cursor 0, {pulled} changes in pages of 500: {pull_time:.2?} ({})",
        per_item(pull_time, pulled)
    );

    let state = AppState::new(db.clone(), ServerConfig::default());
    let t = I18n::new(Locale::Ko);
    let page = |label: &str| -> Duration {
        let started = Instant::now();
        let rows = statistics(db.as_ref(), &StatsFilter::default()).expect("statistics");
        let (lines, html) = stats_page(db.as_ref(), &state, &t);
        let took = started.elapsed();
        println!(
            "statistics page, {label}: {took:.2?} ({} cells, {lines} lines, {} KB of HTML)",
            rows.len(),
            html.len() / 1024
        );
        took
    };
    figures.cold = page("cold (every center computed)");
    figures.cached = page("cached");
    let mut times: Vec<Duration> = (0..50)
        .map(|_| {
            let started = Instant::now();
            statistics(db.as_ref(), &StatsFilter::default()).expect("statistics");
            stats_page(db.as_ref(), &state, &t);
            started.elapsed()
        })
        .collect();
    times.sort();
    figures.page_p95 = times[times.len() * 95 / 100];
    println!(
        "statistics page, cached, p95 of 50: {:.2?}",
        figures.page_p95
    );
    figures.big_push = push_all(&|h: &Vec<Event>| &h[h.len().saturating_sub(held_per_kiosk)..]).0;
    figures.after_big_push = page(&format!(
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
    figures.after_one_event = page("after a push at one center");

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
    figures.verify_each = lookups / numbers.len().max(1) as u32;
    figures
}

/// Bytes per event of the SQLite server store and of a kiosk's store.
fn store_sizes(db: &SqliteDatabase, scale: &Scale) {
    let mut rng = StdRng::seed_from_u64(7);
    let total_events: usize = db
        .kiosks()
        .expect("kiosks")
        .iter()
        .map(|k| k.events as usize)
        .sum();
    let histories = [(
        history(&mut rng, Uuid::now_v7(), scale, chrono::Duration::zero()),
        0,
    )];
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

/// The statistics page as a request makes it: every center's facts, the default
/// breakdown (by month over every month), the HTML. The number of lines and the page.
fn stats_page(db: &dyn Database, state: &AppState, t: &I18n) -> (usize, String) {
    let facts = Facts::load(db, &Scope::All).expect("facts");
    let p = StatsParams::default();
    let s = facts.select(&p, None).expect("selection");
    let b = breakdown(&facts, &s);
    (b.lines.len(), render(t, state, &facts, &p, &b))
}
