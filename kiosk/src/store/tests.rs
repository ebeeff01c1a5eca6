use baeumteo_core::event::{Consent, LearnerProfile};

use super::*;

fn profile(name: &str) -> LearnerProfile {
    LearnerProfile {
        name: name.into(),
        birth_year: 1950,
        township: "남면".into(),
        gender: None,
        phone: Some("010-0000-0000".into()),
        icon: "sun".into(),
        pin_hash: None,
        consent: Consent {
            version: "2026-01".into(),
            required: true,
            gender: false,
            phone: true,
        },
    }
}

fn step(learner: LearnerId, n: usize) -> EventBody {
    EventBody::StepCompleted {
        learner_id: learner,
        course_id: "c".into(),
        lesson_id: "l".into(),
        step_id: format!("s{n}"),
    }
}

#[test]
fn appended_events_get_gap_free_seqs_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let learner = Uuid::now_v7();
    let kiosk_id;
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        kiosk_id = store.kiosk_id();
        for n in 0..5 {
            let e = store.append(step(learner, n)).unwrap();
            assert_eq!(e.seq, n as u64 + 1);
        }
    }
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.kiosk_id(), kiosk_id, "the kiosk keeps its identity");
    assert_eq!(store.last_seq().unwrap(), 5);
    let seqs: Vec<u64> = store.all_events().unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
    let after: Vec<u64> = store
        .events_after(2, 2)
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(after, vec![3, 4]);
}

#[test]
fn a_file_that_is_not_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.sqlite3");
    std::fs::write(&path, "이것은 데이터베이스가 아닙니다. ".repeat(200)).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("not a kiosk database"));
}

#[test]
fn a_damaged_database_is_reported_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        for n in 0..2000 {
            store.append(step(Uuid::now_v7(), n)).unwrap();
        }
        store
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Overwrite pages in the middle of the file with garbage, leaving the header intact.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 64 * 1024);
    for b in &mut bytes[8 * 1024..40 * 1024] {
        *b = 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn a_store_from_a_newer_kiosk_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 999, .. }),
        "{err:?}"
    );
}

#[test]
fn a_pulled_event_is_stored_once_and_a_different_one_at_its_seq_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let other = Uuid::now_v7();
    let event = Event {
        id: Uuid::now_v7(),
        kiosk_id: other,
        seq: 1,
        at: Utc::now(),
        body: step(Uuid::now_v7(), 1),
    };
    assert!(store.insert_foreign(&event).unwrap());
    assert!(
        !store.insert_foreign(&event).unwrap(),
        "a repeat is harmless"
    );
    let impostor = Event {
        id: Uuid::now_v7(),
        ..event.clone()
    };
    assert!(matches!(
        store.insert_foreign(&impostor),
        Err(StoreError::Conflict { seq: 1, .. })
    ));
    assert_eq!(store.event_count().unwrap(), 1);
    assert_eq!(store.last_seq().unwrap(), 0, "foreign events are not ours");
}

#[test]
fn an_erasure_removes_the_personal_data_already_stored_and_arriving_later() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let learner = Uuid::now_v7();
    store
        .append(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: profile("김순자"),
        })
        .unwrap();
    store
        .append(EventBody::LearnerErased {
            learner_id: learner,
        })
        .unwrap();
    // An edit made on another kiosk before it heard of the erasure arrives afterwards.
    let late = Event {
        id: Uuid::now_v7(),
        kiosk_id: Uuid::now_v7(),
        seq: 4,
        at: Utc::now(),
        body: EventBody::LearnerUpdated {
            learner_id: learner,
            profile: profile("김순자"),
        },
    };
    store.insert_foreign(&late).unwrap();
    let raw: Vec<String> = store
        .conn
        .prepare("SELECT body FROM events")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        raw.iter()
            .all(|b| !b.contains("김순자") && !b.contains("010-")),
        "{raw:?}"
    );
    assert_eq!(store.learner_events(learner).unwrap().len(), 3);
}

#[test]
fn settings_are_kept_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.setting("text-scale").unwrap(), None);
    store.set_setting("text-scale", "150").unwrap();
    store.set_setting("text-scale", "200").unwrap();
    assert_eq!(store.setting("text-scale").unwrap().as_deref(), Some("200"));
    store.remove_setting("text-scale").unwrap();
    assert_eq!(store.setting("text-scale").unwrap(), None);
}

#[cfg(unix)]
#[test]
fn the_data_folder_and_database_are_private_to_the_kiosk_user() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("baeumteo");
    let store = Store::open_in(&data).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(store.path()), 0o600);
}

#[test]
fn pulled_events_that_do_not_read_back_are_dropped_on_upgrade_and_own_events_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store
        .append(EventBody::SessionClosed {
            session_id: Uuid::now_v7(),
        })
        .unwrap();
    // What an older kiosk stored from an older server: a time of year 10000.
    store
        .conn()
        .execute_batch(
            "INSERT INTO events (kiosk_id, seq, id, at, kind, learner_id, body, local)
             VALUES ('0190a5b2-0000-7000-8000-000000000001', 1,
                     '0190a5b2-0000-7000-8000-000000000002', '+10000-01-01T00:00:00.000000Z',
                     'session_closed', NULL,
                     '{\"type\":\"session_closed\",\"session_id\":\"0190a5b2-0000-7000-8000-000000000003\"}', 0);
             ALTER TABLE sync_state DROP COLUMN enroll_secret;
             ALTER TABLE sync_state DROP COLUMN course_key;
             ALTER TABLE pending_courses DROP COLUMN signature;
             DROP INDEX events_by_kind;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    assert!(store.all_events().is_err(), "the poison is unreadable");
    drop(store);
    let store = Store::open_in(dir.path()).unwrap();
    let events = store.all_events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kiosk_id, store.kiosk_id());
}

#[test]
fn a_saved_snapshot_is_current_and_equals_a_full_replay() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let learner = Uuid::now_v7();
    store
        .append(EventBody::LessonCompleted {
            learner_id: learner,
            course_id: "smartphone-basics".into(),
            lesson_id: "touch".into(),
        })
        .unwrap();
    assert_eq!(store.projections().unwrap().caught_up(), 1);
    store.save_current_projections().unwrap();
    let cache = store.projections().unwrap();
    assert_eq!(cache.caught_up(), 0, "the next start replays nothing");
    assert_eq!(cache.projections, replay(store.all_events().unwrap()));
}
