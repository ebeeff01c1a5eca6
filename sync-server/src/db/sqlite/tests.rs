use crate::db::Holder;
use crate::db::conformance::*;

use super::*;

fn db() -> (tempfile::TempDir, SqliteDatabase) {
    let dir = tempfile::tempdir().unwrap();
    let db = SqliteDatabase::open_in(dir.path()).unwrap();
    (dir, db)
}

fn meta_with_offset(clock_offset_ms: i64) -> SyncMeta {
    SyncMeta {
        received_at: Utc::now(),
        clock_offset_ms,
    }
}

/// What a kiosk, the pages and the statistics read back from a store.
type ReadBack = (
    Vec<Vec<Event>>,
    Vec<(Event, i64)>,
    Vec<FeedPage>,
    Vec<crate::statistics::StatsRow>,
    Vec<CertificateRecord>,
);

fn everything_read(db: &SqliteDatabase, kiosks: &[&KioskRecord]) -> ReadBack {
    let events: Vec<Vec<Event>> = kiosks
        .iter()
        .map(|k| db.kiosk_events(k.kiosk_id).unwrap())
        .collect();
    let mut center = db.center_events(&kiosks[0].center).unwrap();
    center.sort_by_key(|(e, _)| (e.kiosk_id, e.seq));
    let pulls: Vec<FeedPage> = kiosks
        .iter()
        .map(|k| db.pull(k, 0, 1000, meta()).unwrap())
        .collect();
    let stats = crate::statistics::statistics(db, &Default::default()).unwrap();
    (events, center, pulls, stats, db.certificates().unwrap())
}

#[test]
fn upgrading_a_store_indexes_the_certificates_it_already_holds() {
    let (dir, db) = db();
    let kiosk = enrolled(&db, "영양군");
    let learner = Uuid::now_v7();
    db.push(
        &kiosk,
        &Incoming::batch(&[
            event(&kiosk, 1, registered(learner)),
            event(&kiosk, 2, certified(learner, "2026-ABCDEF-0001")),
        ]),
        meta(),
    )
    .unwrap();
    // Back to schema 1, as a store made before the county views.
    undo_hardening_schema(&db);
    db.lock()
        .execute_batch(
            "DROP TABLE certificates; DROP TABLE stats_dirty; DROP TABLE stats_cells;
             DROP TABLE admin_tokens; DROP TABLE access_log; DROP INDEX events_learner_profiles;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    drop(db);
    let db = SqliteDatabase::open_in(dir.path()).unwrap();
    let found = db.certificates_by_number("2026-ABCDEF-0001").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].verification_code, "K7QX9M3P");
    assert_eq!(found[0].minutes, 1230);
    assert_eq!(found[0].holder, Holder::Named("김순자".into()));
    assert_eq!(
        db.dirty_centers().unwrap().len(),
        1,
        "its statistics get computed"
    );
}

/// Takes the store back to schema 5, as made before migration 0006: every event as a
/// whole JSON with its time, receive time and offset as text on its row.
fn undo_compact_events(db: &SqliteDatabase) {
    let conn = db.lock();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         ALTER TABLE stats_cells DROP COLUMN self_study_minutes;
         CREATE TABLE events_old (
             kiosk_id TEXT NOT NULL,
             seq INTEGER NOT NULL,
             id TEXT NOT NULL UNIQUE,
             at TEXT NOT NULL,
             kind TEXT NOT NULL,
             learner_id TEXT,
             event TEXT NOT NULL,
             received_at TEXT NOT NULL,
             clock_offset_ms INTEGER NOT NULL,
             PRIMARY KEY (kiosk_id, seq)
         );",
    )
    .unwrap();
    type OldRow = (events::EventCols, String, Option<String>, i64, i64);
    let rows: Vec<OldRow> = conn
        .prepare(
            "SELECT e.id, e.kiosk_id, e.seq, e.at, e.body, e.kind, e.learner_id,
                    r.received_at, r.clock_offset_ms
             FROM events e JOIN receipts r ON r.id = e.receipt ORDER BY e.rowid",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                events::read_cols(r, 0)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (cols, kind, learner, received_at, offset) in rows {
        let e = events::event_from(cols).unwrap();
        conn.execute(
            "INSERT INTO events_old (kiosk_id, seq, id, at, kind, learner_id, event,
             received_at, clock_offset_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                e.kiosk_id.to_string(),
                e.seq,
                e.id.to_string(),
                fmt_time(e.at),
                kind,
                learner,
                serde_json::to_string(&e).unwrap(),
                fmt_time(DateTime::from_timestamp_micros(received_at).unwrap()),
                offset
            ],
        )
        .unwrap();
    }
    conn.execute_batch(
        "DROP TABLE events;
         ALTER TABLE events_old RENAME TO events;
         CREATE INDEX events_by_learner ON events (learner_id) WHERE learner_id IS NOT NULL;
         CREATE INDEX events_learner_profiles ON events (learner_id, kind)
         WHERE kind IN ('learner_registered', 'learner_updated');
         DROP TABLE receipts; DROP TABLE event_months; DROP TABLE stats_sessions;
         DROP TABLE stats_dirty_months;
         PRAGMA user_version = 5;
         PRAGMA foreign_keys = ON;",
    )
    .unwrap();
}

/// Takes the store back to schema 3, as made before migrations 0004 and 0005 (the
/// conflicts table keeps its nullable column: harmless for the tests).
fn undo_hardening_schema(db: &SqliteDatabase) {
    undo_compact_events(db);
    db.lock()
        .execute_batch(
            "DROP TABLE staff_sessions; DROP TABLE learners; DROP TABLE server_keys;
             ALTER TABLE enroll_codes DROP COLUMN secret_hash;
             ALTER TABLE courses DROP COLUMN signature;
             DROP INDEX conflicts_by_kiosk; DROP INDEX conflicts_by_learner;
             PRAGMA user_version = 3;",
        )
        .unwrap();
}

#[test]
fn upgrading_a_poisoned_store_moves_impossible_and_unauthorised_events_aside() {
    let (dir, db) = db();
    let home = enrolled(&db, "영양군");
    let other_county = enrolled(&db, "봉화군");
    let learner = Uuid::now_v7();
    db.push(
        &home,
        &Incoming::batch(&[
            event(&home, 1, registered(learner)),
            event(&home, 2, certified(learner, "2026-ABCDEF-0001")),
        ]),
        meta(),
    )
    .unwrap();
    undo_hardening_schema(&db);
    // What an older server stored without asking: a certificate from year 10000, and a
    // rename of the learner by a kiosk of another county.
    let mut poisoned = event(&home, 3, certified(learner, "2026-ABCDEF-0002"));
    poisoned.at = "+10000-01-01T00:00:00Z".parse().unwrap();
    let mut rename = event(&other_county, 1, registered(learner));
    if let EventBody::LearnerRegistered { profile, .. } = &mut rename.body {
        profile.name = "도둑".into();
    }
    let rename = Event {
        body: match rename.body {
            EventBody::LearnerRegistered {
                learner_id,
                profile,
            } => EventBody::LearnerUpdated {
                learner_id,
                profile,
            },
            other => other,
        },
        ..rename
    };
    {
        let conn = db.lock();
        for (e, at) in [
            (&poisoned, "+10000-01-01T00:00:00.000000Z".to_string()),
            (&rename, fmt_time(rename.at)),
        ] {
            conn.execute(
                "INSERT INTO events (kiosk_id, seq, id, at, kind, learner_id, event, received_at,
                 clock_offset_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
                params![
                    e.kiosk_id.to_string(),
                    e.seq,
                    e.id.to_string(),
                    at,
                    e.body.kind(),
                    learner.to_string(),
                    serde_json::to_string(e).unwrap(),
                    fmt_time(Utc::now())
                ],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO certificates (event_id, certificate_no, verification_code, learner_id,
             course_id, minutes, kiosk_id, at, clock_offset_ms)
             VALUES (?1, '2026-ABCDEF-0002', 'X', ?2, 'digital-activist', 1, ?3,
                     '+10000-01-01T00:00:00.000000Z', 0)",
            params![
                poisoned.id.to_string(),
                learner.to_string(),
                home.kiosk_id.to_string()
            ],
        )
        .unwrap();
    }
    drop(db);
    let db = SqliteDatabase::open_in(dir.path()).unwrap();
    let certs = db.certificates().unwrap();
    assert_eq!(
        certs.len(),
        1,
        "the registry reads again, without the poison"
    );
    assert_eq!(certs[0].holder, Holder::Named("김순자".into()));
    assert!(
        db.certificates_by_number("2026-ABCDEF-0002")
            .unwrap()
            .is_empty()
    );
    let conflicts: Vec<String> = db
        .lock()
        .prepare("SELECT reason FROM conflicts ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(conflicts.len(), 2);
    assert!(conflicts[0].contains("moved aside on upgrade") && conflicts[0].contains("time"));
    assert!(conflicts[1].contains("영양군"), "{}", conflicts[1]);
    // The kiosk is not blocked: the seqs moved aside still count as held.
    let out = db
        .push(
            &home,
            &Incoming::batch(&[event(&home, 4, check_in())]),
            meta(),
        )
        .unwrap();
    assert_eq!(out.acked_seq, 4);
}

#[test]
fn upgrading_a_schema_5_store_rewrites_its_events_compactly_and_reads_every_one_back_identically() {
    let (dir, db) = db();
    let home = enrolled(&db, "영양군");
    let other = enrolled(&db, "영양군");
    let (learner, leaving) = (Uuid::now_v7(), Uuid::now_v7());
    let mut first = event(&home, 1, registered(learner));
    // A kiosk clock with nanoseconds: kept exactly, or a retry would be a conflict.
    first.at = DateTime::from_timestamp_nanos(1_790_000_000_123_456_789);
    let batch = vec![
        first,
        event(&home, 2, registered(leaving)),
        event(&home, 3, certified(learner, "2026-ABCDEF-0001")),
        event(&home, 4, check_in()),
    ];
    db.push(&home, &Incoming::batch(&batch), meta()).unwrap();
    db.push(
        &home,
        &Incoming::batch(&[
            event(&home, 5, lesson_done()),
            event(
                &home,
                6,
                EventBody::LearnerErased {
                    learner_id: leaving,
                },
            ),
        ]),
        meta_with_offset(3_600_000),
    )
    .unwrap();
    db.push(
        &other,
        &Incoming::batch(&[event(&other, 1, lesson_done())]),
        meta_with_offset(-120_000),
    )
    .unwrap();
    // A different event at a held seq: a conflict, kept aside.
    let clash = db
        .push(
            &other,
            &Incoming::batch(&[event(&other, 1, check_in())]),
            meta(),
        )
        .unwrap();
    assert_eq!(clash.conflicts.len(), 1);
    let before = everything_read(&db, &[&home, &other]);

    undo_compact_events(&db);
    drop(db);
    let db = SqliteDatabase::open_in(dir.path()).unwrap();
    assert_eq!(everything_read(&db, &[&home, &other]), before);
    let by_learner: bool = db
        .lock()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'events_by_learner')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!by_learner, "no index a query does not need");
    // The kiosk retries its first batch (its answer was lost): the same facts, even the
    // erased learner's registration the server has redacted since.
    let retry = db.push(&home, &Incoming::batch(&batch), meta()).unwrap();
    assert_eq!((retry.stored, retry.duplicates), (0, 4));
    assert!(retry.conflicts.is_empty());
    assert_eq!(db.certificates().unwrap().len(), 1);
}

/// How SQLite runs a query: the detail lines of EXPLAIN QUERY PLAN.
fn plan(db: &SqliteDatabase, sql: &str) -> String {
    db.lock()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .join("; ")
}

#[test]
fn lookups_by_learner_and_by_month_use_an_index_never_a_scan_of_every_event() {
    let (_dir, db) = db();
    let by_learner = [
        "SELECT id, body FROM events WHERE learner_id = 'x'
           AND kind IN ('learner_registered', 'learner_updated', 'learner_erased')",
        "SELECT e.id FROM events e WHERE e.learner_id = 'x'
           AND e.kind IN ('learner_registered', 'learner_updated', 'learner_erased')
         ORDER BY e.rowid",
    ];
    for sql in by_learner {
        let p = plan(&db, sql);
        assert!(p.contains("USING INDEX events_learner_profiles"), "{p}");
    }
    let p = plan(
        &db,
        "SELECT e.body FROM kiosks k JOIN event_months m ON m.kiosk_id = k.kiosk_id
              JOIN events e ON e.kiosk_id = m.kiosk_id AND e.seq BETWEEN m.seq_from AND m.seq_to
              LEFT JOIN receipts r ON r.id = e.receipt
         WHERE k.county = 'a' AND k.township = 'b' AND k.center_name = 'c'
           AND m.month BETWEEN 202601 AND 202603",
    );
    assert!(!p.contains("SCAN e") && !p.contains("SCAN events"), "{p}");
}

#[test]
fn a_damaged_event_row_is_skipped_by_pulls_names_and_statistics_and_never_fails_them() {
    let (_dir, db) = db();
    let home = enrolled(&db, "영양군");
    let other = enrolled(&db, "영양군");
    let (learner, damaged) = (Uuid::now_v7(), Uuid::now_v7());
    db.push(
        &home,
        &Incoming::batch(&[
            event(&home, 1, registered(learner)),
            event(&home, 2, registered(damaged)),
            event(&home, 3, lesson_done()),
            event(&home, 4, lesson_done()),
            event(&home, 5, certified(learner, "2026-ABCDEF-0001")),
        ]),
        meta(),
    )
    .unwrap();
    // A body that no longer reads, and a time of the wrong type.
    db.lock()
        .execute_batch(&format!(
            "UPDATE events SET body = '{{broken' WHERE learner_id = '{damaged}';
             UPDATE events SET at = x'00' WHERE seq = 4;"
        ))
        .unwrap();
    let page = db.pull(&other, 0, 100, meta()).unwrap();
    assert_eq!(
        page.items.len(),
        2,
        "the registration that reads, the certificate"
    );
    assert_eq!(db.center_events(&home.center).unwrap().len(), 3);
    let figures = crate::statistics::statistics(&db, &Default::default()).unwrap();
    assert_eq!(figures.iter().map(|r| r.lessons_completed).sum::<u32>(), 1);
    let certs = db.certificates_by_number("2026-ABCDEF-0001").unwrap();
    assert_eq!(certs[0].holder, Holder::Named("김순자".into()));
}
