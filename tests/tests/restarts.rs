//! Interruptions at the worst moments: the server stopped and started again in the
//! middle of a sync, and a kiosk that dies after the server stored its batch (or after
//! it applied pulled changes) but before it saved its progress, and a real kiosk
//! process SIGKILLed again and again in the middle of pushing and pulling.

use std::sync::Arc;
use std::time::Duration;

use baeumteo_core::wire::Change;
use baeumteo_tests::{Backend, FaultProxy, TestKiosk, TestServer, add_history, test_sync_options};
use kiosk::store::Store;
use kiosk::sync::{SyncClient, sync_once};

fn a_server_restarted_mid_sync_ends_up_with_every_event_exactly_once(backend: Backend) {
    let mut server = TestServer::start_on(backend);
    let proxy = Arc::new(FaultProxy::start(server.addr(), 0, Duration::ZERO));
    proxy.set_faults(false);
    let mut kiosk = TestKiosk::without_fsync();
    kiosk.enroll(&proxy.url(), &server.enroll_code("영양군", "입암 배움터"));
    add_history(&mut kiosk, 4, 10, 3);
    let total = kiosk.own_events().len();
    assert!(total > 100);

    let syncing = std::thread::spawn(move || {
        let _ = sync_once(&mut kiosk.store, &test_sync_options(2, None));
        kiosk
    });
    // Let part of the history arrive, then crash the server and bring it back.
    let held_at_crash = loop {
        let kiosks = server.running().db.kiosks().unwrap();
        if kiosks[0].events >= 10 {
            break kiosks[0].events as usize;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    server.restart();
    proxy.set_upstream(server.addr());
    assert!(held_at_crash < total, "the crash came after the sync");
    // The attempt under way either failed or went on with the new server.
    let mut kiosk = syncing.join().unwrap();

    kiosk.sync_until_done(&test_sync_options(50, None), 20);
    assert_eq!(server.kiosk_events(&kiosk.store), kiosk.own_events());
}

fn a_kiosk_killed_after_the_server_stored_its_batch_sends_it_again_harmlessly(backend: Backend) {
    let server = TestServer::start_on(backend);
    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    add_history(&mut kiosk, 2, 3, 5);
    let events = kiosk.own_events();
    let token = kiosk.store.sync_state().unwrap().token.unwrap();
    // The push gets through; the kiosk dies before writing down the answer.
    let client = SyncClient::new(&server.url(), false, Duration::from_secs(5))
        .unwrap()
        .with_token(&token);
    let answer = client.push(&events[..events.len() / 2]).unwrap();
    assert_eq!(answer.acked_seq as usize, events.len() / 2);
    let path = kiosk.store.path().to_path_buf();
    drop(std::mem::replace(
        &mut kiosk.store,
        Store::open(&path).unwrap(),
    ));
    assert_eq!(kiosk.store.sync_state().unwrap().pushed_seq, 0);

    let report = sync_once(&mut kiosk.store, &test_sync_options(7, None)).unwrap();
    assert_eq!(report.pushed as usize, events.len());
    assert_eq!(server.kiosk_events(&kiosk.store), events);
}

fn a_kiosk_killed_after_applying_pulled_changes_applies_them_again_harmlessly(backend: Backend) {
    let server = TestServer::start_on(backend);
    let mut a = TestKiosk::new();
    let mut b = TestKiosk::new();
    a.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    b.enroll(&server.url(), &server.enroll_code("영양군", "석보 배움터"));
    add_history(&mut a, 5, 2, 9);
    sync_once(&mut a.store, &test_sync_options(50, None)).unwrap();

    // B pulls and stores the changes, then dies before saving its cursor.
    let token = b.store.sync_state().unwrap().token.unwrap();
    let client = SyncClient::new(&server.url(), false, Duration::from_secs(5))
        .unwrap()
        .with_token(&token);
    let page = client.pull(0, 100, None).unwrap();
    assert_eq!(page.changes.len(), 5);
    for change in &page.changes {
        if let Change::Event { event, .. } = change {
            b.store.insert_foreign(event).unwrap();
        }
    }
    let path = b.store.path().to_path_buf();
    drop(std::mem::replace(&mut b.store, Store::open(&path).unwrap()));

    let report = sync_once(&mut b.store, &test_sync_options(50, None)).unwrap();
    assert_eq!(
        report.pulled, 0,
        "nothing new: the changes were already applied"
    );
    assert_eq!(b.store.event_count().unwrap(), 5);
    assert_eq!(b.store.sync_state().unwrap().pull_cursor, page.next_cursor);
}

/// Runs `sync-child` on the kiosk's folder and SIGKILLs it once `killed_when` says so
/// (or lets it finish). Returns whether it was killed before it finished.
fn sync_in_child_until(dir: &std::path::Path, mut killed_when: impl FnMut() -> bool) -> bool {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_sync-child"))
        .arg(dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("sync-child starts");
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            assert!(status.success(), "sync-child failed: {status}");
            return false;
        }
        if killed_when() {
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn a_kiosk_process_killed_mid_sync_again_and_again_loses_and_duplicates_nothing(backend: Backend) {
    let server = TestServer::start_on(backend);
    // Another center's learners reach this kiosk by pull, one change per request.
    let mut other = TestKiosk::new();
    other.enroll(&server.url(), &server.enroll_code("영양군", "석보 배움터"));
    add_history(&mut other, 12, 1, 21);
    other.sync_until_done(&test_sync_options(500, None), 3);

    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    add_history(&mut kiosk, 3, 4, 22);
    let own = kiosk.own_events();
    let kiosk_id = kiosk.store.kiosk_id();
    let dir = kiosk.dir.path().to_path_buf();
    let path = kiosk.store.path().to_path_buf();
    // The child owns the store while it runs (like the real kiosk process would).
    drop(std::mem::replace(
        &mut kiosk.store,
        Store::open_in(tempfile::tempdir().unwrap().path()).unwrap(),
    ));

    let held = || {
        server
            .running()
            .db
            .kiosks()
            .unwrap()
            .iter()
            .find(|k| k.kiosk.kiosk_id == kiosk_id)
            .map_or(0, |k| k.events as usize)
    };
    // Kills while pushing, at growing marks...
    let mut kills = 0;
    for mark in [1, own.len() / 4, own.len() / 2, own.len() - 2] {
        if sync_in_child_until(&dir, || held() >= mark) {
            kills += 1;
        }
    }
    // ...and after the push, while pulling one change at a time.
    for wait_ms in [2u64, 10, 25] {
        let start = std::time::Instant::now();
        if sync_in_child_until(&dir, || start.elapsed() >= Duration::from_millis(wait_ms)) {
            kills += 1;
        }
    }
    eprintln!("killed mid-sync {kills} times, {} events", own.len());
    assert!(
        kills >= 4,
        "the child was killed mid-sync only {kills} times"
    );
    assert!(
        !sync_in_child_until(&dir, || false),
        "the last run finishes"
    );

    let store = Store::open(&path).unwrap();
    assert_eq!(server.kiosk_events(&store), own, "every event exactly once");
    assert_eq!(store.events_waiting().unwrap(), 0);
    let foreign: Vec<_> = store
        .all_events()
        .unwrap()
        .into_iter()
        .filter(|e| e.kiosk_id != kiosk_id)
        .collect();
    let mut ids: Vec<_> = foreign.iter().map(|e| e.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), foreign.len(), "no pulled change stored twice");
    assert_eq!(foreign.len(), 12, "every registration of the other center");
}

/// Waits (generously; nothing here asserts on time) until `done` holds.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "never happened: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_background_worker_syncs_at_start_and_when_asked_and_says_why_it_cannot() {
    use baeumteo_core::event::EventBody;
    use baeumteo_core::i18n::{I18n, Locale};
    use kiosk::sync::{SyncWorker, WorkerOptions};

    let mut server = TestServer::start();
    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    add_history(&mut kiosk, 2, 2, 31);
    let worker = SyncWorker::spawn(
        WorkerOptions {
            store_path: kiosk.store.path().to_path_buf(),
            sync: test_sync_options(20, None),
            // Far away: every attempt after the first must come from `sync_now`.
            interval: Duration::from_secs(3600),
            first_attempt_after: Duration::ZERO,
            check_store: true,
        },
        |_| {},
    );
    // At start: the whole history arrives without anyone asking.
    let own = kiosk.own_events();
    eventually("the history reaches the server", || {
        server.kiosk_events(&kiosk.store).len() == own.len()
    });

    // A class closes: the UI calls sync_now and the new fact arrives.
    let help = EventBody::HelpRequested {
        learner_id: None,
        course_id: None,
        lesson_id: None,
        step_id: None,
    };
    kiosk.store.append(help.clone()).unwrap();
    worker.sync_now();
    eventually("the new event reaches the server", || {
        server.kiosk_events(&kiosk.store).len() == own.len() + 1
    });
    assert_eq!(server.kiosk_events(&kiosk.store), kiosk.own_events());

    // The server goes away: the status says what waits and why, in Korean.
    if let Some(s) = server.server.take() {
        s.stop();
    }
    kiosk.store.append(help).unwrap();
    worker.sync_now();
    eventually("the failure is reported", || {
        let s = worker.status();
        !s.running && s.last_failure.is_some() && s.events_waiting == 1
    });
    let status = worker.status();
    let t = I18n::new(Locale::Ko);
    let reason = status.last_failure.as_ref().unwrap().message(&t);
    let lines = status.lines(&t).join("\n");
    assert!(lines.contains(&reason), "{lines}");
    assert!(
        reason.chars().any(|c| ('가'..='힣').contains(&c)),
        "{reason}"
    );
    worker.stop();
}

baeumteo_tests::on_every_backend!(
    a_kiosk_process_killed_mid_sync_again_and_again_loses_and_duplicates_nothing,
    a_server_restarted_mid_sync_ends_up_with_every_event_exactly_once,
    a_kiosk_killed_after_the_server_stored_its_batch_sends_it_again_harmlessly,
    a_kiosk_killed_after_applying_pulled_changes_applies_them_again_harmlessly,
);
