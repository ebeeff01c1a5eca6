//! The behaviour every store must have, written once against `dyn Database` and run on
//! each backend: `sqlite::…` on a store in a temporary folder, `postgres::…` on a fresh
//! database of the test cluster (`crate::testkit::postgres`). A test of one backend's
//! own machinery (SQLite's schema upgrades, query plans) stays in that backend's tests.

use baeumteo_core::event::{Event, EventBody, LearnerId};
use baeumteo_core::projection::YearMonth;
use baeumteo_core::wire::CenterInfo;
use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::db::{
    Database, EnrollError, FeedItem, Incoming, KioskRecord, NewStaffSession, SyncMeta,
};
use crate::db::{DirtyMonth, Holder};
use crate::testkit::{learner_profile, required_consent};
use baeumteo_core::event::{Consent, LearnerProfile};

pub(crate) fn center(county: &str) -> CenterInfo {
    CenterInfo {
        center_name: format!("{county} 배움터"),
        county: county.into(),
        township: "입암면".into(),
    }
}

pub(crate) fn enrolled(db: &dyn Database, county: &str) -> KioskRecord {
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

pub(crate) fn meta() -> SyncMeta {
    SyncMeta {
        received_at: Utc::now(),
        clock_offset_ms: 0,
    }
}

pub(crate) fn event(kiosk: &KioskRecord, seq: u64, body: EventBody) -> Event {
    Event {
        id: Uuid::now_v7(),
        kiosk_id: kiosk.kiosk_id,
        seq,
        at: Utc::now(),
        body,
    }
}

pub(crate) fn registered(learner: LearnerId) -> EventBody {
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

pub(crate) fn lesson_done() -> EventBody {
    EventBody::LessonCompleted {
        learner_id: Uuid::now_v7(),
        course_id: "smartphone-basics".into(),
        lesson_id: "touch".into(),
    }
}

pub(crate) fn check_in() -> EventBody {
    EventBody::CheckedIn {
        session_id: Uuid::now_v7(),
        learner_id: Uuid::now_v7(),
    }
}

pub(super) fn a_batch_pushed_twice_and_out_of_order_is_stored_once_and_acked_contiguously(
    db: &dyn Database,
) {
    let k = enrolled(db, "영양군");
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

pub(super) fn a_different_event_at_a_held_seq_or_id_is_a_recorded_conflict_and_changes_nothing(
    db: &dyn Database,
) {
    let k = enrolled(db, "영양군");
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

pub(super) fn an_erasure_redacts_stored_profiles_and_later_arrivals_and_retries_are_not_conflicts(
    db: &dyn Database,
) {
    let a = enrolled(db, "영양군");
    let b = enrolled(db, "영양군");
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

pub(super) fn pull_returns_shared_events_of_the_county_only_and_never_echoes_a_kiosks_own(
    db: &dyn Database,
) {
    let a = enrolled(db, "영양군");
    let b = enrolled(db, "영양군");
    let elsewhere = enrolled(db, "봉화군");
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

pub(super) fn the_center_page_gives_the_centers_other_kiosks_events_held_without_gaps(
    db: &dyn Database,
) {
    use baeumteo_core::wire::KioskMark;
    let a = enrolled(db, "영양군");
    let b = enrolled(db, "영양군");
    let elsewhere = enrolled(db, "봉화군");
    let a_events: Vec<Event> = vec![
        event(&a, 1, registered(Uuid::now_v7())),
        event(&a, 2, check_in()),
        event(&a, 3, check_in()),
        event(&a, 4, check_in()),
        event(&a, 5, check_in()),
    ];
    // Seq 4 is late: only up to 3 is held without a gap.
    let early = [&a_events[..3], &a_events[4..]].concat();
    db.push(&a, &Incoming::batch(&early), meta()).unwrap();
    db.push(
        &elsewhere,
        &Incoming::batch(&[event(&elsewhere, 1, check_in())]),
        meta(),
    )
    .unwrap();
    let page = db.center_events_after(&b, &[], 100).unwrap();
    // The registration comes by the feed; the other county's kiosk not at all.
    assert_eq!(page.events, a_events[1..3].to_vec());
    let mark = |seq| KioskMark {
        kiosk_id: a.kiosk_id,
        seq,
    };
    assert_eq!(page.marks, vec![mark(3)]);
    assert!(!page.more);
    // A kiosk never gets its own back.
    assert!(
        db.center_events_after(&a, &[], 100)
            .unwrap()
            .events
            .is_empty()
    );
    // The late event arrives: the page goes on from the mark, in seq order.
    db.push(&a, &Incoming::batch(&a_events[3..4]), meta())
        .unwrap();
    let next = db.center_events_after(&b, &page.marks, 100).unwrap();
    assert_eq!(next.events, a_events[3..].to_vec());
    assert_eq!(next.marks, vec![mark(5)]);
    // A small page says there is more and where it stopped.
    let small = db.center_events_after(&b, &[], 1).unwrap();
    assert_eq!(small.events, a_events[1..2].to_vec());
    assert_eq!(small.marks, vec![mark(2)]);
    assert!(small.more);
    let done = db.center_events_after(&b, &next.marks, 100).unwrap();
    assert!(done.events.is_empty() && done.marks.is_empty() && !done.more);
}

pub(super) fn a_code_enrolls_once_and_a_live_kiosk_cannot_be_taken_over(db: &dyn Database) {
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

pub(super) fn a_code_redeemed_without_a_secret_never_works_again(db: &dyn Database) {
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

pub(super) fn a_course_version_is_published_once_and_only_newer_ones_after(db: &dyn Database) {
    let k = enrolled(db, "영양군");
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

pub(crate) fn certified(learner: LearnerId, no: &str) -> EventBody {
    EventBody::CertificationIssued {
        certificate_no: no.into(),
        learner_id: learner,
        course_id: "activist".into(),
        minutes: 1230,
        verification_code: "K7QX9M3P".into(),
        issued_by: None,
    }
}

pub(super) fn a_pushed_certificate_is_found_by_number_with_its_holder_until_the_holder_is_erased(
    db: &dyn Database,
) {
    let kiosk = enrolled(db, "영양군");
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

pub(super) fn a_push_marks_the_month_it_changes_dirty_and_a_refresh_read_before_a_later_push_keeps_the_mark(
    db: &dyn Database,
) {
    let kiosk = enrolled(db, "영양군");
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

pub(super) fn a_session_event_marks_every_month_of_its_session_and_the_month_after_dirty(
    db: &dyn Database,
) {
    let kiosk = enrolled(db, "영양군");
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
    let clear = |db: &dyn Database| {
        let months: Vec<(YearMonth, u64)> = db
            .dirty_months()
            .unwrap()
            .into_iter()
            .map(|d| (d.month, d.generation))
            .collect();
        db.store_center_months(&kiosk.center, &months, &[]).unwrap();
        months.into_iter().map(|(m, _)| m).collect::<Vec<_>>()
    };
    assert_eq!(clear(db), vec![m("2026-09"), m("2026-10")]);
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
        clear(db),
        vec![m("2026-09"), m("2026-10"), m("2026-11"), m("2026-12")]
    );
}

pub(super) fn a_revoked_kiosk_enrolled_at_another_center_marks_both_centers_dirty(
    db: &dyn Database,
) {
    let kiosk = enrolled(db, "영양군");
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

pub(super) fn an_event_of_another_countys_learner_is_refused_and_kept_aside_and_later_events_go_on(
    db: &dyn Database,
) {
    let home = enrolled(db, "영양군");
    let thief = enrolled(db, "봉화군");
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

pub(super) fn a_session_lives_until_it_expires_is_ended_or_its_admin_token_is_revoked(
    db: &dyn Database,
) {
    let now = Utc::now();
    db.create_admin_token("admin-hash", "군청 박주무관", now)
        .unwrap();
    let session = |hash: &str| NewStaffSession {
        session_hash: hash.into(),
        admin_token_hash: "admin-hash".into(),
        name: "군청 박주무관".into(),
        created_at: now,
        expires_at: now + Duration::hours(8),
    };
    db.create_staff_session(&session("s1")).unwrap();
    db.create_staff_session(&session("s2")).unwrap();
    let who = |hash: &str, at| db.staff_by_session(hash, at).unwrap();
    assert_eq!(who("s1", now).as_deref(), Some("군청 박주무관"));
    assert_eq!(who("unknown", now), None);
    assert_eq!(who("s1", now + Duration::hours(8)), None, "expired");

    assert!(db.revoke_staff_session("s1", now).unwrap());
    assert!(!db.revoke_staff_session("s1", now).unwrap());
    assert_eq!(who("s1", now), None, "ended at logout");
    assert_eq!(who("s2", now).as_deref(), Some("군청 박주무관"));

    db.revoke_admin_tokens("군청 박주무관", now).unwrap();
    assert_eq!(who("s2", now), None, "its admin token was revoked");
}

/// One `#[test]` per behaviour and backend, named `BACKEND::behaviour`.
macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                let dir = tempfile::tempdir().unwrap();
                let db = crate::db::SqliteDatabase::open_in(dir.path()).unwrap();
                super::$name(&db);
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                let pg = crate::testkit::postgres::database();
                let db = crate::db::PostgresDatabase::connect(&pg.url, &Default::default())
                    .expect("the test database opens");
                super::$name(&db);
            })*
        }
    };
}

on_every_backend!(
    a_batch_pushed_twice_and_out_of_order_is_stored_once_and_acked_contiguously,
    a_different_event_at_a_held_seq_or_id_is_a_recorded_conflict_and_changes_nothing,
    an_erasure_redacts_stored_profiles_and_later_arrivals_and_retries_are_not_conflicts,
    pull_returns_shared_events_of_the_county_only_and_never_echoes_a_kiosks_own,
    the_center_page_gives_the_centers_other_kiosks_events_held_without_gaps,
    a_code_enrolls_once_and_a_live_kiosk_cannot_be_taken_over,
    a_code_redeemed_without_a_secret_never_works_again,
    a_course_version_is_published_once_and_only_newer_ones_after,
    a_pushed_certificate_is_found_by_number_with_its_holder_until_the_holder_is_erased,
    a_push_marks_the_month_it_changes_dirty_and_a_refresh_read_before_a_later_push_keeps_the_mark,
    a_session_event_marks_every_month_of_its_session_and_the_month_after_dirty,
    a_revoked_kiosk_enrolled_at_another_center_marks_both_centers_dirty,
    an_event_of_another_countys_learner_is_refused_and_kept_aside_and_later_events_go_on,
    a_session_lives_until_it_expires_is_ended_or_its_admin_token_is_revoked,
);
