use crate::db::{DirtyMonth, Holder};
use crate::testkit::{learner_profile, required_consent};
use baeumteo_core::event::{Consent, LearnerProfile};

use super::*;

fn center(county: &str) -> CenterInfo {
    CenterInfo {
        center_name: format!("{county} 배움터"),
        county: county.into(),
        township: "입암면".into(),
    }
}

fn enrolled(db: &SqliteDatabase, county: &str) -> KioskRecord {
    let code = crate::secrets::new_enroll_code();
    let hash = crate::secrets::enroll_code_hash(&code);
    let now = Utc::now();
    db.create_enroll_code(&hash, &center(county), now, now + chrono::Duration::days(7))
        .unwrap();
    let kiosk_id = Uuid::now_v7();
    let token = crate::secrets::new_token();
    db.enroll(
        &hash,
        kiosk_id,
        None,
        &crate::secrets::token_hash(&token),
        now,
    )
    .unwrap();
    db.kiosk_by_token(&crate::secrets::token_hash(&token))
        .unwrap()
        .unwrap()
}

fn meta() -> SyncMeta {
    SyncMeta {
        received_at: Utc::now(),
        clock_offset_ms: 0,
    }
}

fn event(kiosk: &KioskRecord, seq: u64, body: EventBody) -> Event {
    Event {
        id: Uuid::now_v7(),
        kiosk_id: kiosk.kiosk_id,
        seq,
        at: Utc::now(),
        body,
    }
}

fn registered(learner: LearnerId) -> EventBody {
    EventBody::LearnerRegistered {
        learner_id: learner,
        profile: LearnerProfile {
            phone: Some("010-1234-5678".into()),
            consent: Consent {
                phone: true,
                ..required_consent()
            },
            ..learner_profile("김순자", 1948)
        },
    }
}

fn lesson_done() -> EventBody {
    EventBody::LessonCompleted {
        learner_id: Uuid::now_v7(),
        course_id: "smartphone-basics".into(),
        lesson_id: "touch".into(),
    }
}

fn check_in() -> EventBody {
    EventBody::CheckedIn {
        session_id: Uuid::now_v7(),
        learner_id: Uuid::now_v7(),
    }
}

fn db() -> (tempfile::TempDir, SqliteDatabase) {
    let dir = tempfile::tempdir().unwrap();
    let db = SqliteDatabase::open_in(dir.path()).unwrap();
    (dir, db)
}

#[test]
fn a_batch_pushed_twice_and_out_of_order_is_stored_once_and_acked_contiguously() {
    let (_dir, db) = db();
    let k = enrolled(&db, "영양군");
    let events: Vec<Event> = (1..=5).map(|s| event(&k, s, check_in())).collect();
    // 4 and 5 first: nothing contiguous yet.
    let out = db.push(&k, &Incoming::batch(&events[3..]), meta()).unwrap();
    assert_eq!((out.acked_seq, out.stored), (0, 2));
    let out = db.push(&k, &Incoming::batch(&events), meta()).unwrap();
    assert_eq!((out.acked_seq, out.stored, out.duplicates), (5, 3, 2));
    let out = db.push(&k, &Incoming::batch(&events), meta()).unwrap();
    assert_eq!((out.acked_seq, out.stored, out.duplicates), (5, 0, 5));
    assert_eq!(db.kiosk_events(k.kiosk_id).unwrap(), events);
}

#[test]
fn a_different_event_at_a_held_seq_or_id_is_a_recorded_conflict_and_changes_nothing() {
    let (_dir, db) = db();
    let k = enrolled(&db, "영양군");
    let first = event(&k, 1, check_in());
    db.push(&k, &Incoming::batch(std::slice::from_ref(&first)), meta())
        .unwrap();
    let impostor = event(&k, 1, check_in());
    let same_id = Event {
        seq: 2,
        ..first.clone()
    };
    let out = db
        .push(&k, &Incoming::batch(&[impostor.clone(), same_id]), meta())
        .unwrap();
    assert_eq!(out.stored, 0);
    assert_eq!(out.conflicts.len(), 2);
    assert_eq!(out.conflicts[0].existing_id, first.id);
    assert_eq!(out.conflicts[1].index, 1);
    assert_eq!(db.kiosk_events(k.kiosk_id).unwrap(), vec![first]);
    assert_eq!(db.kiosks().unwrap()[0].conflicts, 2);
}

#[test]
fn an_erasure_redacts_stored_profiles_and_later_arrivals_and_retries_are_not_conflicts() {
    let (_dir, db) = db();
    let a = enrolled(&db, "영양군");
    let b = enrolled(&db, "영양군");
    let learner = Uuid::now_v7();
    let reg = event(&a, 1, registered(learner));
    db.push(&a, &Incoming::batch(std::slice::from_ref(&reg)), meta())
        .unwrap();
    let erase = event(
        &b,
        1,
        EventBody::LearnerErased {
            learner_id: learner,
        },
    );
    db.push(&b, &Incoming::batch(&[erase]), meta()).unwrap();
    let stored = db.kiosk_events(a.kiosk_id).unwrap();
    let EventBody::LearnerRegistered { profile, .. } = &stored[0].body else {
        panic!("not a registration");
    };
    assert!(profile.is_redacted());
    assert_eq!(profile.phone, None);
    // The kiosk retries its unredacted copy: a duplicate, not a conflict.
    let out = db.push(&a, &Incoming::batch(&[reg]), meta()).unwrap();
    assert_eq!((out.duplicates, out.conflicts.len()), (1, 0));
    // An update arriving after the erasure is stored redacted.
    let update = event(
        &a,
        2,
        match registered(learner) {
            EventBody::LearnerRegistered {
                learner_id,
                profile,
            } => EventBody::LearnerUpdated {
                learner_id,
                profile,
            },
            _ => unreachable!(),
        },
    );
    db.push(&a, &Incoming::batch(&[update]), meta()).unwrap();
    let all = serde_json::to_string(&db.kiosk_events(a.kiosk_id).unwrap()).unwrap();
    assert!(!all.contains("김순자") && !all.contains("010-1234"));
}

#[test]
fn pull_returns_shared_events_of_the_county_only_and_never_echoes_a_kiosks_own() {
    let (_dir, db) = db();
    let a = enrolled(&db, "영양군");
    let b = enrolled(&db, "영양군");
    let elsewhere = enrolled(&db, "봉화군");
    let learner = Uuid::now_v7();
    let reg = event(&a, 1, registered(learner));
    db.push(
        &a,
        &Incoming::batch(&[reg.clone(), event(&a, 2, check_in())]),
        meta(),
    )
    .unwrap();
    db.push(
        &elsewhere,
        &Incoming::batch(&[event(&elsewhere, 1, registered(Uuid::now_v7()))]),
        meta(),
    )
    .unwrap();
    let page = db.pull(&b, 0, 100, meta()).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].1, FeedItem::Event(reg));
    assert!(!page.more);
    let again = db.pull(&b, page.next_cursor, 100, meta()).unwrap();
    assert!(again.items.is_empty());
    assert_eq!(again.next_cursor, page.next_cursor);
    assert!(db.pull(&a, 0, 100, meta()).unwrap().items.is_empty());
}

#[test]
fn a_code_enrolls_once_and_a_live_kiosk_cannot_be_taken_over() {
    let (_dir, db) = db();
    let now = Utc::now();
    let hash = crate::secrets::enroll_code_hash("ABCD-EFGH-JKMN");
    db.create_enroll_code(
        &hash,
        &center("영양군"),
        now,
        now + chrono::Duration::days(7),
    )
    .unwrap();
    let kiosk = Uuid::now_v7();
    let secret = Some("hash-of-the-kiosks-secret");
    assert!(db.enroll(&hash, kiosk, secret, "t0", now).is_ok());
    // The answer was lost: the same kiosk, proving its secret, redeems the code again.
    assert!(db.enroll(&hash, kiosk, secret, "t1", now).is_ok());
    assert!(db.kiosk_by_token("t0").unwrap().is_none());
    // Its id alone (shown on the dashboard) is not enough, nor another secret.
    for other_secret in [None, Some("a-guess")] {
        assert!(matches!(
            db.enroll(&hash, kiosk, other_secret, "t-thief", now),
            Err(EnrollError::InvalidCode)
        ));
    }
    assert!(db.kiosk_by_token("t1").unwrap().is_some());
    assert!(matches!(
        db.enroll(&hash, Uuid::now_v7(), secret, "t2", now),
        Err(EnrollError::InvalidCode)
    ));
    let hash2 = crate::secrets::enroll_code_hash("ABCD-EFGH-JKMP");
    db.create_enroll_code(
        &hash2,
        &center("영양군"),
        now,
        now + chrono::Duration::days(7),
    )
    .unwrap();
    assert!(matches!(
        db.enroll(&hash2, kiosk, secret, "t3", now),
        Err(EnrollError::AlreadyEnrolled)
    ));
    let expired = crate::secrets::enroll_code_hash("ABCD-EFGH-JKMQ");
    db.create_enroll_code(
        &expired,
        &center("영양군"),
        now,
        now - chrono::Duration::seconds(1),
    )
    .unwrap();
    assert!(matches!(
        db.enroll(&expired, Uuid::now_v7(), None, "t4", now),
        Err(EnrollError::InvalidCode)
    ));
    assert!(db.revoke_kiosk(kiosk, now).unwrap());
    assert!(
        db.kiosk_by_token("t1")
            .unwrap()
            .unwrap()
            .revoked_at
            .is_some()
    );
    // The old code cannot undo the revocation; a fresh code from the county can.
    assert!(matches!(
        db.enroll(&hash, kiosk, secret, "t6", now),
        Err(EnrollError::InvalidCode)
    ));
    assert!(db.enroll(&hash2, kiosk, secret, "t5", now).is_ok());
    assert!(db.kiosk_by_token("t1").unwrap().is_none());
}

#[test]
fn a_code_redeemed_without_a_secret_never_works_again() {
    let (_dir, db) = db();
    let now = Utc::now();
    let hash = crate::secrets::enroll_code_hash(&crate::secrets::new_enroll_code());
    db.create_enroll_code(
        &hash,
        &center("영양군"),
        now,
        now + chrono::Duration::days(7),
    )
    .unwrap();
    let kiosk = Uuid::now_v7();
    db.enroll(&hash, kiosk, None, "t0", now).unwrap();
    for secret in [None, Some("late-secret")] {
        assert!(matches!(
            db.enroll(&hash, kiosk, secret, "t1", now),
            Err(EnrollError::InvalidCode)
        ));
    }
}

#[test]
fn a_course_version_is_published_once_and_only_newer_ones_after() {
    let (_dir, db) = db();
    let k = enrolled(&db, "영양군");
    let update = db
        .publish_course("smartphone-basics", 2, b"tar bytes", Utc::now())
        .unwrap()
        .unwrap();
    assert_eq!(update.size, 9);
    assert_eq!(
        db.publish_course("smartphone-basics", 2, b"other", Utc::now())
            .unwrap(),
        Err(2)
    );
    let page = db.pull(&k, 0, 10, meta()).unwrap();
    assert_eq!(page.items, vec![(1, FeedItem::Course(update))]);
    assert_eq!(
        db.course_package("smartphone-basics", 2)
            .unwrap()
            .as_deref(),
        Some(&b"tar bytes"[..])
    );
}

fn certified(learner: LearnerId, no: &str) -> EventBody {
    EventBody::CertificationIssued {
        certificate_no: no.into(),
        learner_id: learner,
        course_id: "activist".into(),
        minutes: 1230,
        verification_code: "K7QX9M3P".into(),
        issued_by: None,
    }
}

#[test]
fn a_pushed_certificate_is_found_by_number_with_its_holder_until_the_holder_is_erased() {
    let (_dir, db) = db();
    let kiosk = enrolled(&db, "영양군");
    let learner = Uuid::now_v7();
    let late = SyncMeta {
        received_at: Utc::now(),
        // The kiosk's clock ran an hour fast: the issue time is corrected back.
        clock_offset_ms: 3_600_000,
    };
    let cert = event(&kiosk, 2, certified(learner, "2026-ABCDEF-0001"));
    db.push(
        &kiosk,
        &Incoming::batch(&[event(&kiosk, 1, registered(learner)), cert.clone()]),
        late,
    )
    .unwrap();
    assert!(
        db.certificates_by_number("2026-ABCDEF-0002")
            .unwrap()
            .is_empty()
    );
    let found = db.certificates_by_number("2026-ABCDEF-0001").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].holder, Holder::Named("김순자".into()));
    assert_eq!(
        found[0].issued_at.timestamp_micros(),
        (cert.at - chrono::Duration::hours(1)).timestamp_micros()
    );
    assert_eq!(found[0].center.center_name, "영양군 배움터");
    assert_eq!(db.certificates().unwrap().len(), 1);

    db.push(
        &kiosk,
        &Incoming::batch(&[event(
            &kiosk,
            3,
            EventBody::LearnerErased {
                learner_id: learner,
            },
        )]),
        meta(),
    )
    .unwrap();
    let found = db.certificates_by_number("2026-ABCDEF-0001").unwrap();
    assert_eq!(found[0].holder, Holder::Erased);
}

#[test]
fn a_push_marks_the_month_it_changes_dirty_and_a_refresh_read_before_a_later_push_keeps_the_mark() {
    let (_dir, db) = db();
    let kiosk = enrolled(&db, "영양군");
    db.push(
        &kiosk,
        &Incoming::batch(&[event(&kiosk, 1, lesson_done())]),
        meta(),
    )
    .unwrap();
    assert!(
        db.dirty_centers().unwrap().is_empty(),
        "not the whole center"
    );
    let dirty = db.dirty_months().unwrap();
    assert_eq!(dirty.len(), 1);
    let DirtyMonth {
        center,
        month,
        generation,
    } = dirty[0].clone();
    assert_eq!(center, kiosk.center);
    assert_eq!(month, YearMonth::of_instant(Utc::now()));
    // Another push lands between reading the events and storing the figures.
    let second = event(&kiosk, 2, lesson_done());
    db.push(
        &kiosk,
        &Incoming::batch(std::slice::from_ref(&second)),
        meta(),
    )
    .unwrap();
    assert!(
        !db.store_center_months(&center, &[(month, generation)], &[])
            .unwrap()
    );
    let newer = db.dirty_months().unwrap()[0].generation;
    assert!(
        db.store_center_months(&center, &[(month, newer)], &[])
            .unwrap()
    );
    assert!(db.dirty_months().unwrap().is_empty());
    // A repeated batch stores nothing and leaves the figures clean.
    db.push(&kiosk, &Incoming::batch(&[second]), meta())
        .unwrap();
    assert!(db.dirty_months().unwrap().is_empty());
}

#[test]
fn a_session_event_marks_every_month_of_its_session_and_the_month_after_dirty() {
    let (_dir, db) = db();
    let kiosk = enrolled(&db, "영양군");
    let session = Uuid::now_v7();
    let mut open = event(
        &kiosk,
        1,
        EventBody::SessionOpened {
            session_id: session,
            course_id: "smartphone-basics".into(),
            instructor_id: None,
        },
    );
    open.at = "2026-09-30T14:00:00Z".parse().unwrap();
    db.push(&kiosk, &Incoming::batch(&[open]), meta()).unwrap();
    let m = |s: &str| YearMonth::try_from(s.to_string()).unwrap();
    let clear = |db: &SqliteDatabase| {
        let months: Vec<(YearMonth, u64)> = db
            .dirty_months()
            .unwrap()
            .into_iter()
            .map(|d| (d.month, d.generation))
            .collect();
        db.store_center_months(&kiosk.center, &months, &[]).unwrap();
        months.into_iter().map(|(m, _)| m).collect::<Vec<_>>()
    };
    assert_eq!(clear(&db), vec![m("2026-09"), m("2026-10")]);
    // The close arrives two months later: the opening month's figures change too.
    let mut close = event(
        &kiosk,
        2,
        EventBody::SessionClosed {
            session_id: session,
        },
    );
    close.at = "2026-11-20T01:00:00Z".parse().unwrap();
    db.push(&kiosk, &Incoming::batch(&[close]), meta()).unwrap();
    assert_eq!(
        clear(&db),
        vec![m("2026-09"), m("2026-10"), m("2026-11"), m("2026-12")]
    );
}

#[test]
fn a_revoked_kiosk_enrolled_at_another_center_marks_both_centers_dirty() {
    let (_dir, db) = db();
    let kiosk = enrolled(&db, "영양군");
    db.revoke_kiosk(kiosk.kiosk_id, Utc::now()).unwrap();
    let now = Utc::now();
    let hash = crate::secrets::enroll_code_hash(&crate::secrets::new_enroll_code());
    let new_center = CenterInfo {
        center_name: "석보 배움터".into(),
        county: "영양군".into(),
        township: "석보면".into(),
    };
    db.create_enroll_code(&hash, &new_center, now, now + chrono::Duration::days(7))
        .unwrap();
    db.enroll(&hash, kiosk.kiosk_id, None, "t-new", now)
        .unwrap();
    let mut dirty: Vec<CenterInfo> = db
        .dirty_centers()
        .unwrap()
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    dirty.sort_by(|a, b| a.township.cmp(&b.township));
    assert_eq!(dirty, vec![new_center.clone(), kiosk.center.clone()]);
    let moved = db.kiosk_by_token("t-new").unwrap().unwrap();
    assert_eq!((moved.center, moved.revoked_at), (new_center, None));
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
fn an_event_of_another_countys_learner_is_refused_and_kept_aside_and_later_events_go_on() {
    let (_dir, db) = db();
    let home = enrolled(&db, "영양군");
    let thief = enrolled(&db, "봉화군");
    let learner = Uuid::now_v7();
    db.push(
        &home,
        &Incoming::batch(&[event(&home, 1, registered(learner))]),
        meta(),
    )
    .unwrap();
    let erase = event(
        &thief,
        1,
        EventBody::LearnerErased {
            learner_id: learner,
        },
    );
    let out = db
        .push(
            &thief,
            &Incoming::batch(&[erase.clone(), event(&thief, 2, check_in())]),
            meta(),
        )
        .unwrap();
    assert_eq!((out.stored, out.acked_seq), (1, 2));
    assert_eq!(out.refused.len(), 1);
    assert!(out.refused[0].reason.contains("영양군"));
    // Retried: refused again, nothing new kept.
    let again = db.push(&thief, &Incoming::batch(&[erase]), meta()).unwrap();
    assert_eq!((again.refused.len(), again.stored), (1, 0));
    assert_eq!(
        db.kiosks()
            .unwrap()
            .iter()
            .map(|k| k.conflicts)
            .sum::<u64>(),
        1
    );
    // The learner is untouched.
    let stored = serde_json::to_string(&db.kiosk_events(home.kiosk_id).unwrap()).unwrap();
    assert!(stored.contains("김순자"));
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
