//! Two sync servers on one PostgreSQL database behind a round-robin proxy (issue 15):
//! kiosks of two centers push and pull through both, connection by connection, at the
//! same time; every event is stored once, nothing is lost, and each kiosk ends with
//! every event meant for it exactly once.
//!
//! The two servers are two instances in this test process, each with its own runtime,
//! connection pool and throttling state, as two processes would have; they share only
//! the database.

use std::collections::HashSet;
use std::time::Duration;

use baeumteo_tests::{Backend, FaultProxy, TestKiosk, TestServer, add_history, test_sync_options};
use kiosk::sync::SyncOptions;

fn options() -> SyncOptions {
    SyncOptions {
        pull_limit: 200,
        ..test_sync_options(100, None)
    }
}

#[test]
fn postgres_two_servers_behind_a_proxy_lose_and_duplicate_nothing() {
    let first = TestServer::start_on(Backend::Postgres);
    let second = TestServer::start_on_location(first.store.clone());
    let proxy = FaultProxy::start(first.addr(), 0, Duration::ZERO);
    proxy.set_faults(false);
    proxy.set_upstreams(&[first.addr(), second.addr()]);
    let centers = [
        "입암 배움터",
        "입암 배움터",
        "입암 배움터",
        "석보 배움터",
        "석보 배움터",
    ];
    let mut kiosks: Vec<(TestKiosk, &str)> = centers
        .iter()
        .map(|center| {
            let mut k = TestKiosk::without_fsync();
            k.enroll(&proxy.url(), &first.enroll_code("영양군", center));
            (k, *center)
        })
        .collect();
    // Three rounds: more history on every kiosk, then all sync at once.
    for round in 0..3u64 {
        for (i, (k, _)) in kiosks.iter_mut().enumerate() {
            add_history(k, 3, 5, round * 10 + i as u64);
        }
        kiosks = std::thread::scope(|s| {
            let running: Vec<_> = kiosks
                .into_iter()
                .map(|(mut k, center)| {
                    s.spawn(move || {
                        k.sync_until_done(&options(), 20);
                        (k, center)
                    })
                })
                .collect();
            running
                .into_iter()
                .map(|t| t.join().expect("kiosk thread"))
                .collect()
        });
    }
    // A last sync each, so everyone has pulled what the others pushed last.
    for (k, _) in &mut kiosks {
        k.sync_until_done(&options(), 5);
    }

    // Both servers see the same store: every kiosk's events once, no conflicts.
    for (k, _) in &kiosks {
        let own = k.own_events();
        assert_eq!(first.kiosk_events(&k.store), own);
        assert_eq!(second.kiosk_events(&k.store), own);
    }
    for summary in second.running().db.kiosks().expect("kiosks") {
        assert_eq!(summary.conflicts, 0, "{summary:?}");
    }
    // Each kiosk holds every event of the other kiosks of its center (but their set-up)
    // and the other center's learners, each once.
    for (k, center) in &kiosks {
        let held = k.store.all_events().expect("events");
        let ids: HashSet<_> = held.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), held.len(), "an event stored twice");
        for (other, other_center) in &kiosks {
            if other.store.kiosk_id() == k.store.kiosk_id() {
                continue;
            }
            let expected: Vec<_> = other
                .own_events()
                .into_iter()
                .filter(|e| {
                    if other_center == center {
                        e.body.kind() != "center_configured"
                    } else {
                        baeumteo_core::wire::FEED_KINDS.contains(&e.body.kind())
                    }
                })
                .map(|e| e.id)
                .collect();
            let got: HashSet<_> = held
                .iter()
                .filter(|e| e.kiosk_id == other.store.kiosk_id())
                .map(|e| e.id)
                .collect();
            assert_eq!(got.len(), expected.len());
            assert!(expected.iter().all(|id| got.contains(id)));
        }
    }
}
