//! `sync-server backup` while kiosks push, `restore` of that backup after the server
//! went on taking events, and kiosks that resync: nothing recorded on a kiosk is lost,
//! and changes made after the restore reach every kiosk of the county.

use std::sync::Arc;
use std::time::Duration;

use baeumteo_tests::{FaultProxy, TestKiosk, TestServer, add_history, test_sync_options};
use sync_server::backup::{self, BackupError};

/// Events of kiosk `from` that kiosk `holder` stored from the change feed.
fn foreign_events(holder: &TestKiosk, from: &TestKiosk) -> u64 {
    holder
        .store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM events WHERE kiosk_id = ?1",
            [from.store.kiosk_id().to_string()],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn a_backup_taken_during_pushes_and_restored_loses_nothing_once_kiosks_resync() {
    let mut server = TestServer::start();
    let data = server.dir.path().to_path_buf();
    let proxy = Arc::new(FaultProxy::start(server.addr(), 0, Duration::ZERO));
    proxy.set_faults(false);
    let options = test_sync_options(25, None);
    let mut a = TestKiosk::without_fsync();
    let mut b = TestKiosk::without_fsync();
    a.enroll(&proxy.url(), &server.enroll_code("영양군", "입암 배움터"));
    b.enroll(&proxy.url(), &server.enroll_code("영양군", "석보 배움터"));
    add_history(&mut a, 3, 4, 1);
    add_history(&mut b, 3, 4, 2);
    a.sync_until_done(&options, 50);
    b.sync_until_done(&options, 50);

    // More history, pushed in small batches by both kiosks while the backup is taken.
    add_history(&mut a, 3, 6, 3);
    add_history(&mut b, 3, 6, 4);
    let a_id = a.store.kiosk_id();
    let held = |server: &TestServer| {
        server
            .running()
            .db
            .kiosk_events(a_id)
            .expect("events")
            .len()
    };
    let held_before = held(&server);
    let pushing = [a, b].map(|mut k| {
        let options = options.clone();
        std::thread::spawn(move || {
            k.sync_until_done(&options, 200);
            k
        })
    });
    while held(&server) <= held_before && !pushing.iter().all(|t| t.is_finished()) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let backups = tempfile::tempdir().expect("temp dir");
    let file = backups.path().join("sync-server-backup.sqlite3");
    let copied = backup::backup(&data, &file).expect("backup while pushing");
    assert!(copied.events > 0 && copied.kiosks == 2, "{copied:?}");
    let [a, b] = pushing.map(|t| t.join().expect("kiosk thread"));
    let (mut a, mut b) = (a, b);

    // After the backup: B registers learners and A pulls them, so A's pull cursor goes
    // past anything the backup holds.
    add_history(&mut b, 2, 2, 5);
    b.sync_until_done(&options, 50);
    a.sync_until_done(&options, 50);
    let b_shared_before_restore = foreign_events(&a, &b);
    assert!(b_shared_before_restore > 0);

    // The server's disk is lost: stop it and put the backup back.
    server.server.take().expect("running").stop();
    match backup::restore(&data, &file, false) {
        Err(BackupError::WouldOverwrite(_)) => {}
        other => panic!("a restore over a store needs --force, got {other:?}"),
    }
    backup::restore(&data, &file, true).expect("restore");
    server.restart();
    proxy.set_upstream(server.addr());

    // A new kiosk of the county records a learner first, before anyone resends.
    let mut c = TestKiosk::without_fsync();
    c.enroll(&proxy.url(), &server.enroll_code("영양군", "청기 배움터"));
    add_history(&mut c, 1, 1, 6);
    c.sync_until_done(&options, 50);

    for _ in 0..3 {
        for k in [&mut a, &mut b, &mut c] {
            k.sync_until_done(&options, 50);
        }
    }
    for k in [&a, &b, &c] {
        assert_eq!(
            server.kiosk_events(&k.store),
            k.own_events(),
            "the server holds every event of kiosk {} exactly once",
            k.store.kiosk_id()
        );
    }
    assert!(
        foreign_events(&a, &c) > 0,
        "a learner registered after the restore reaches a kiosk whose cursor was past the backup"
    );
    assert_eq!(foreign_events(&a, &b), b_shared_before_restore);
    assert!(foreign_events(&b, &c) > 0);
}

/// `learner_registered` events of kiosk `of` held by `holder`.
fn registrations(holder: &TestKiosk, of: &TestKiosk) -> u64 {
    holder
        .store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM events WHERE kiosk_id = ?1 AND kind = 'learner_registered'",
            [of.store.kiosk_id().to_string()],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn a_kiosk_restored_on_a_new_pc_syncs_as_itself_and_a_new_kiosk_of_its_center_gets_its_learners() {
    let server = TestServer::start();
    let options = test_sync_options(200, None);
    let mut old = TestKiosk::without_fsync();
    old.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    add_history(&mut old, 4, 3, 11);
    old.sync_until_done(&options, 20);

    let stick = tempfile::tempdir().expect("temp dir");
    kiosk::backup::backup(old.dir.path(), stick.path()).expect("kiosk backup");
    let new_pc = tempfile::tempdir().expect("temp dir");
    kiosk::backup::restore(new_pc.path(), stick.path(), false).expect("kiosk restore");
    let store = kiosk::store::Store::open_in(new_pc.path()).expect("restored store opens");
    let mut restored = TestKiosk { dir: new_pc, store };
    assert_eq!(restored.store.kiosk_id(), old.store.kiosk_id());
    add_history(&mut restored, 2, 2, 12);
    restored.sync_until_done(&options, 20);
    assert_eq!(
        server.kiosk_events(&restored.store),
        restored.own_events(),
        "the restored kiosk syncs with its old token and continues its own sequence"
    );

    // The disk was lost without a backup: a new PC is enrolled for the same center.
    let mut replacement = TestKiosk::without_fsync();
    replacement.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    replacement.sync_until_done(&options, 20);
    let registered = registrations(&restored, &restored);
    assert!(registered > 0);
    assert_eq!(
        registrations(&replacement, &restored),
        registered,
        "a new kiosk of the center receives every learner registered there"
    );
}
