//! A center that was offline for weeks: its whole backlog goes through in one attempt,
//! waiting out the server's short "slow down" answers, and enrollment keeps a kiosk to
//! one center.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use baeumteo_core::event::EventBody;
use baeumteo_tests::{Backend, TestKiosk, TestServer};
use chrono::Utc;
use kiosk::instructor::directory::Directory;
use kiosk::sync::{ProgressSink, SyncFailure, SyncOptions, enroll, sync_once};
use sync_server::ServerConfig;
use uuid::Uuid;

fn a_month_offline_goes_through_in_one_sync_even_when_the_server_asks_to_wait(backend: Backend) {
    // A strict server: three requests at once, then one a second.
    let server = TestServer::start_with_on(
        ServerConfig {
            kiosk_requests_per_minute: 60,
            kiosk_burst: 3,
            ..ServerConfig::default()
        },
        backend,
    );
    let mut kiosk = TestKiosk::without_fsync();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    let now = Utc::now();
    let backlog: Vec<(EventBody, chrono::DateTime<Utc>)> = (0..12_000)
        .map(|i| {
            (
                EventBody::SessionClosed {
                    session_id: Uuid::now_v7(),
                },
                now - chrono::Duration::minutes(12_000 - i),
            )
        })
        .collect();
    kiosk.store.append_many(backlog).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let options = SyncOptions {
        progress: Some(ProgressSink(Arc::new(move |p| {
            log.lock().unwrap().push(p);
        }))),
        ..SyncOptions::default()
    };
    let report = sync_once(&mut kiosk.store, &options).expect("one attempt finishes");
    assert_eq!(report.pushed, 12_000);
    assert_eq!(kiosk.store.events_waiting().unwrap(), 0);
    assert_eq!(server.kiosk_events(&kiosk.store).len(), 12_000);
    let seen = seen.lock().unwrap();
    assert!(seen.len() >= 6, "a progress report after every answer");
    assert!(seen.windows(2).all(|w| w[0].sent <= w[1].sent));
    assert_eq!(seen.last().unwrap().sent, 12_000);
}

fn enrolling_with_a_code_of_another_center_is_refused_unless_the_kiosk_adopts_it(backend: Backend) {
    let server = TestServer::start_on(backend);
    let code = server.enroll_code("강진군", "마량면 디지털배움터");
    let mut kiosk = TestKiosk::new();
    kiosk
        .store
        .append(EventBody::CenterConfigured {
            center_name: "남면 디지털배움터".into(),
            county: "강진군".into(),
            township: "입암면".into(),
        })
        .unwrap();
    let attempt = |kiosk: &mut TestKiosk, adopt: bool| {
        enroll(
            &mut kiosk.store,
            &server.url(),
            &code,
            false,
            Duration::from_secs(5),
            adopt,
        )
    };
    match attempt(&mut kiosk, false) {
        Err(SyncFailure::CenterMismatch {
            kiosk_center,
            server_center,
        }) => {
            assert!(kiosk_center.contains("남면 디지털배움터"));
            assert!(server_center.contains("마량면 디지털배움터"));
        }
        other => panic!("expected a refusal naming both centers, got {other:?}"),
    }
    assert!(!kiosk.store.sync_state().unwrap().is_enrolled());
    // The same code, now adopting the server's center: no new code needed.
    let center = attempt(&mut kiosk, true).expect("adopted");
    assert_eq!(center.center_name, "마량면 디지털배움터");
    let directory = Directory::from_events(&kiosk.store.all_events().unwrap());
    assert_eq!(
        directory.center.map(|c| c.center_name).as_deref(),
        Some("마량면 디지털배움터")
    );
}

baeumteo_tests::on_every_backend!(
    a_month_offline_goes_through_in_one_sync_even_when_the_server_asks_to_wait,
    enrolling_with_a_code_of_another_center_is_refused_unless_the_kiosk_adopts_it,
);
