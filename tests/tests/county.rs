//! Two kiosks of one county and a server, over loopback: learners registered at one
//! center can sign in at the other, erasures reach every copy, course updates install
//! only when they check out.

use std::path::Path;

use baeumteo_core::event::{Consent, EventBody, LearnerProfile};
use baeumteo_core::signing::sign_package;
use baeumteo_core::wire::CourseUpdate;
use baeumteo_tests::{Backend, TestKiosk, TestServer, add_history, test_sync_options};
use kiosk::sync::{install_course, sync_once};
use sync_server::testkit::{learner_profile, required_consent};
use uuid::Uuid;

fn profile(name: &str) -> LearnerProfile {
    LearnerProfile {
        phone: Some("010-2222-3333".into()),
        pin_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g".into()),
        consent: Consent {
            phone: true,
            ..required_consent()
        },
        ..learner_profile(name, 1950)
    }
}

fn two_kiosks(server: &TestServer) -> (TestKiosk, TestKiosk) {
    let mut a = TestKiosk::new();
    let mut b = TestKiosk::new();
    a.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    b.enroll(&server.url(), &server.enroll_code("영양군", "석보 배움터"));
    (a, b)
}

fn a_learner_registered_at_one_center_can_sign_in_at_another_after_both_synced(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (mut a, mut b) = two_kiosks(&server);
    let mut elsewhere = TestKiosk::new();
    elsewhere.enroll(&server.url(), &server.enroll_code("봉화군", "봉화 배움터"));
    add_history(&mut a, 2, 3, 11);
    let learner = Uuid::now_v7();
    a.store
        .append(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: profile("박영순"),
        })
        .unwrap();
    let options = test_sync_options(50, None);
    sync_once(&mut a.store, &options).unwrap();
    let report = sync_once(&mut b.store, &options).unwrap();
    assert_eq!(report.pulled, 3, "two generated learners and 박영순");
    sync_once(&mut elsewhere.store, &options).unwrap();

    // B has the profile (name card, icon and PIN hash) to sign the learner in.
    let at_b = b.store.learner_events(learner).unwrap();
    assert!(matches!(
        &at_b[..],
        [e] if matches!(&e.body, EventBody::LearnerRegistered { profile, .. } if profile.name == "박영순" && profile.pin_hash.is_some())
    ));
    // Another county never sees the learner.
    assert!(elsewhere.store.learner_events(learner).unwrap().is_empty());
    // Only shared kinds travel: B holds none of A's class sessions.
    assert!(
        b.store
            .all_events()
            .unwrap()
            .iter()
            .all(|e| e.kiosk_id == b.store.kiosk_id()
                || matches!(e.body, EventBody::LearnerRegistered { .. }))
    );

    // The learner studies at B; B's events reach the server.
    b.store
        .append(EventBody::LessonCompleted {
            learner_id: learner,
            course_id: "smartphone-basics".into(),
            lesson_id: "touch".into(),
        })
        .unwrap();
    sync_once(&mut b.store, &options).unwrap();
    assert_eq!(server.kiosk_events(&b.store), b.own_events());
    // A second sync pulls nothing new and pushes nothing twice.
    let again = sync_once(&mut b.store, &options).unwrap();
    assert_eq!((again.pushed, again.pulled), (0, 0));
}

fn an_erasure_at_one_kiosk_removes_the_personal_data_on_the_server_and_the_other_kiosk(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let (mut a, mut b) = two_kiosks(&server);
    let options = test_sync_options(50, None);
    let learner = Uuid::now_v7();
    a.store
        .append(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: profile("최말순"),
        })
        .unwrap();
    sync_once(&mut a.store, &options).unwrap();
    sync_once(&mut b.store, &options).unwrap();
    b.store
        .append(EventBody::LearnerErased {
            learner_id: learner,
        })
        .unwrap();
    sync_once(&mut b.store, &options).unwrap();
    sync_once(&mut a.store, &options).unwrap();

    let everywhere = [
        serde_json::to_string(&server.kiosk_events(&a.store)).unwrap(),
        serde_json::to_string(&a.store.all_events().unwrap()).unwrap(),
        serde_json::to_string(&b.store.all_events().unwrap()).unwrap(),
    ];
    for (i, json) in everywhere.iter().enumerate() {
        assert!(!json.contains("최말순"), "copy {i} still has the name");
        assert!(
            !json.contains("010-2222-3333"),
            "copy {i} still has the phone"
        );
    }
    // The erasure itself and the anonymous facts stay.
    assert!(
        a.store
            .learner_events(learner)
            .unwrap()
            .iter()
            .any(|e| matches!(e.body, EventBody::LearnerErased { .. }))
    );
}

fn write_course(dir: &Path, version: u32, text: &str) {
    std::fs::create_dir_all(dir.join("lessons")).unwrap();
    std::fs::write(
        dir.join("course.toml"),
        format!(
            "id = \"clean\"\ntitle = \"깨끗한 과정\"\nsummary = \"문제가 없는 과정입니다.\"\nlevel = \"기초\"\nminutes = 5\nversion = {version}\nlessons = [\"only\"]\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("lessons/only.toml"),
        format!(
            "title = \"하나뿐인 수업\"\nsummary = \"끝까지 들었습니다.\"\nminutes = 5\n\n[[steps]]\nid = \"hello\"\nkind = \"slide\"\ntext = \"{text}\"\n"
        ),
    )
    .unwrap();
}

fn a_published_course_version_installs_on_the_kiosk_and_a_damaged_one_leaves_the_old_in_place(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    let source = tempfile::tempdir().unwrap();
    write_course(source.path(), 2, "새 버전입니다.");
    let data = &server.store;
    sync_server::commands::publish_course(data, source.path()).unwrap();
    // The same version again is refused: versions only go up.
    assert!(sync_server::commands::publish_course(data, source.path()).is_err());

    let courses = kiosk.courses_dir();
    write_course(&courses.join("clean"), 1, "옛 버전입니다.");
    let report = sync_once(
        &mut kiosk.store,
        &test_sync_options(50, Some(courses.clone())),
    )
    .unwrap();
    assert_eq!(report.courses_installed, 1);
    let installed = std::fs::read_to_string(courses.join("clean/lessons/only.toml")).unwrap();
    assert!(installed.contains("새 버전입니다."));
    assert_eq!(
        kiosk.store.installed_course_version("clean").unwrap(),
        Some(2)
    );
    assert!(kiosk.store.pending_courses().unwrap().is_empty());
    assert_eq!(
        baeumteo_core::course::load_courses(&courses).courses.len(),
        1,
        "no staging or backup folder is left to load"
    );

    // A package whose bytes do not match the announced sha256 is refused, and the
    // installed course stays exactly as it was.
    let (_, package) = sync_server::course_package::pack_course(source.path()).unwrap();
    let mut damaged = package.clone();
    let last = damaged.len() - 600;
    damaged[last] ^= 0xff;
    let key = kiosk.store.course_key().unwrap();
    assert!(key.is_some(), "the course key is pinned at enrollment");
    let key = key.as_deref();
    let server_key = server.running().db.course_signing_key().unwrap();
    let update = CourseUpdate {
        course_id: "clean".into(),
        version: 3,
        sha256: "0".repeat(64),
        size: package.len() as u64,
        signature: sign_package(&server_key, &damaged),
    };
    assert!(install_course(&courses, &update, &damaged, key).is_err());
    // Right hash, wrong content (the package is version 2, announced as 3).
    let right_hash = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&package))
    };
    let update = CourseUpdate {
        sha256: right_hash.clone(),
        signature: sign_package(&server_key, &package),
        ..update
    };
    assert!(install_course(&courses, &update, &package, key).is_err());
    // Right hash and content, but signed by another key than the one pinned: whoever
    // announces a package can announce its hash, not forge the server's signature.
    let forged = CourseUpdate {
        version: 2,
        sha256: right_hash,
        signature: sign_package(&[7u8; 32], &package),
        ..update
    };
    let err = install_course(&courses, &forged, &package, key).unwrap_err();
    assert!(err.to_string().contains("signature"), "{err}");
    // And a kiosk that never pinned a key installs nothing.
    assert!(install_course(&courses, &forged, &package, None).is_err());
    let after = std::fs::read_to_string(courses.join("clean/lessons/only.toml")).unwrap();
    assert_eq!(after, installed);
}

baeumteo_tests::on_every_backend!(
    a_learner_registered_at_one_center_can_sign_in_at_another_after_both_synced,
    an_erasure_at_one_kiosk_removes_the_personal_data_on_the_server_and_the_other_kiosk,
    a_published_course_version_installs_on_the_kiosk_and_a_damaged_one_leaves_the_old_in_place,
);
