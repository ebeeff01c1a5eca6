//! A kiosk's disk is lost (issue 14): a new PC enrolled for the same center pulls the
//! center's learners, progress, attendance and certificates back from the server, on a
//! real server, on both backends. What it pulls stays the lost kiosk's (never pushed
//! back as the new kiosk's own), and nothing of another center reaches it.

use baeumteo_core::event::EventBody;
use baeumteo_tests::{Backend, TestKiosk, TestServer, add_history, on_every_backend};
use kiosk::sync::SyncOptions;
use uuid::Uuid;

fn options() -> SyncOptions {
    SyncOptions {
        push_batch: 500,
        pull_limit: 300,
        ..baeumteo_tests::test_sync_options(500, None)
    }
}

/// A center's kiosk with two months of classes and a certificate, synced.
fn kiosk_with_history(server: &TestServer, center: &str, seed: u64) -> TestKiosk {
    let mut kiosk = TestKiosk::without_fsync();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", center));
    add_history(&mut kiosk, 6, 40, seed);
    let learner = kiosk
        .own_events()
        .iter()
        .find_map(|e| match e.body {
            EventBody::LearnerRegistered { learner_id, .. } => Some(learner_id),
            _ => None,
        })
        .expect("a learner");
    kiosk
        .store
        .append(EventBody::CertificationIssued {
            certificate_no: format!("영양-2026-{seed:04}"),
            learner_id: learner,
            course_id: "smartphone-basics".into(),
            minutes: 600,
            verification_code: format!("CODE{seed}"),
            issued_by: None,
        })
        .expect("append");
    kiosk.sync_until_done(&options(), 10);
    kiosk
}

fn a_new_pc_for_the_same_center_gets_the_centers_history_back(backend: Backend) {
    let server = TestServer::start_on(backend);
    let a = kiosk_with_history(&server, "입암 배움터", 1);
    // Another center of the county: its progress must not reach the new PC.
    let other = kiosk_with_history(&server, "석보 배움터", 2);
    let a_projections = a.store.projections().expect("projections").projections;
    let a_events = a.own_events();
    let a_id = a.store.kiosk_id();
    let a_certificates = a_events
        .iter()
        .filter(|e| e.body.kind() == "certification_issued")
        .count();
    assert!(a_certificates > 0);
    // Kiosk A's disk is lost.
    drop(a);

    let mut b = TestKiosk::without_fsync();
    b.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    let report = kiosk::sync::sync_once(&mut b.store, &options()).expect("first sync");
    assert!(report.pulled as usize >= a_events.len() - 1, "{report:?}");

    // Every event of A except its set-up (each kiosk keeps its own), with A's key.
    let held: Vec<_> = b
        .store
        .all_events()
        .expect("events")
        .into_iter()
        .filter(|e| e.kiosk_id == a_id)
        .collect();
    let expected: Vec<_> = a_events
        .iter()
        .filter(|e| e.body.kind() != "center_configured")
        .collect();
    assert_eq!(held.len(), expected.len());
    for e in &expected {
        assert!(held.iter().any(|h| h.id == e.id && h.seq == e.seq));
    }
    // The same progress, attendance and certificates as on A.
    let b_projections = b.store.projections().expect("projections").projections;
    assert_eq!(b_projections.progress, a_projections.progress);
    assert_eq!(b_projections.attendance, a_projections.attendance);
    // A's certificate; the county's feed adds the other center's, as on every kiosk.
    let of_a = |p: &baeumteo_core::projection::Projections| {
        p.certifications
            .certificates()
            .filter(|c| c.kiosk_id == a_id)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(of_a(&b_projections), of_a(&a_projections));
    assert_eq!(of_a(&b_projections).len(), a_certificates);
    assert_eq!(
        b_projections.certifications.minutes_by_month(),
        a_projections.certifications.minutes_by_month()
    );

    // Only the other center's learner cards (sign-in), never its progress.
    let other_id = other.store.kiosk_id();
    for e in b.store.all_events().expect("events") {
        if e.kiosk_id == other_id {
            assert!(
                matches!(
                    e.body,
                    EventBody::LearnerRegistered { .. } | EventBody::CertificationIssued { .. }
                ),
                "{:?}",
                e.body.kind()
            );
        }
    }

    // B works on: its own events start at its own seq 1 and only they are pushed.
    b.store
        .append(EventBody::StepCompleted {
            learner_id: Uuid::now_v7(),
            course_id: "smartphone-basics".into(),
            lesson_id: "touch".into(),
            step_id: "s0".into(),
        })
        .expect("append");
    b.sync_until_done(&options(), 5);
    let pushed = server.kiosk_events(&b.store);
    assert_eq!(pushed.len(), b.own_events().len());
    assert!(pushed.iter().all(|e| e.kiosk_id == b.store.kiosk_id()));
    // A second sync has nothing new to pull: the center marks moved on.
    let again = kiosk::sync::sync_once(&mut b.store, &options()).expect("sync");
    assert_eq!(again.pulled, 0, "{again:?}");
}

/// Two kiosks of one center see each other's progress as they go.
fn two_kiosks_of_one_center_share_progress(backend: Backend) {
    let server = TestServer::start_on(backend);
    let mut a = kiosk_with_history(&server, "입암 배움터", 3);
    let mut b = TestKiosk::without_fsync();
    b.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    add_history(&mut b, 3, 10, 4);
    b.sync_until_done(&options(), 10);
    a.sync_until_done(&options(), 10);
    // Both now hold the same center log, so the same progress.
    let pa = a.store.projections().expect("projections").projections;
    let pb = b.store.projections().expect("projections").projections;
    assert_eq!(pa.progress, pb.progress);
    assert_eq!(pa.attendance, pb.attendance);
}

on_every_backend!(
    a_new_pc_for_the_same_center_gets_the_centers_history_back,
    two_kiosks_of_one_center_share_progress,
);
