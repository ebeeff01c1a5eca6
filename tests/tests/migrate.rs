//! Moving counties from their SQLite stores onto one PostgreSQL database with
//! `sync-server migrate`: every event arrives once, the statistics are the same before
//! and after, a second run changes nothing, and the kiosks go on syncing with the new
//! server (their tokens and cursors still work).

use std::sync::Arc;
use std::time::Duration;

use baeumteo_core::event::EventBody;
use baeumteo_tests::{FaultProxy, TestKiosk, TestServer, add_history, test_sync_options};
use sync_server::db::{Database, Location, PostgresDatabase};
use sync_server::statistics::{StatsFilter, StatsRow, statistics};
use sync_server::testkit::{learner_profile, postgres};
use uuid::Uuid;

/// A county on its own SQLite server, its kiosks reaching it through a proxy that can
/// be pointed at the new server later.
struct County {
    server: TestServer,
    proxy: Arc<FaultProxy>,
    kiosks: Vec<TestKiosk>,
}

fn county(name: &str, kiosks: usize, seed: u64) -> County {
    let server = TestServer::start();
    let proxy = Arc::new(FaultProxy::start(server.addr(), 0, Duration::ZERO));
    proxy.set_faults(false);
    let options = test_sync_options(200, None);
    let mut all = Vec::new();
    for k in 0..kiosks {
        let mut kiosk = TestKiosk::without_fsync();
        kiosk.enroll(
            &proxy.url(),
            &server.enroll_code(name, &format!("{name} 배움터 {k}")),
        );
        add_history(&mut kiosk, 3, 40, seed + k as u64);
        kiosk.sync_until_done(&options, 5);
        all.push(kiosk);
    }
    // A learner registered and erased, so redacted rows and the erasure travel too.
    let learner = Uuid::now_v7();
    let first = &mut all[0];
    first
        .store
        .append(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: learner_profile("김옥자", 1950),
        })
        .unwrap();
    first
        .store
        .append(EventBody::LearnerErased {
            learner_id: learner,
        })
        .unwrap();
    first.sync_until_done(&options, 5);
    for kiosk in &mut all {
        kiosk.sync_until_done(&options, 5);
    }
    County {
        server,
        proxy,
        kiosks: all,
    }
}

fn sorted(mut rows: Vec<StatsRow>) -> Vec<StatsRow> {
    StatsRow::sort(&mut rows);
    rows
}

#[test]
fn postgres_two_counties_migrated_into_one_database_keep_every_event_once_and_the_same_statistics()
{
    let mut counties = [county("영양군", 3, 1), county("봉화군", 2, 10)];
    let mut before = Vec::new();
    for c in &counties {
        before.extend(statistics(c.server.running().db.as_ref(), &StatsFilter::default()).unwrap());
    }
    let before = sorted(before);
    // What each county server holds, kiosk by kiosk.
    let mut held_before = Vec::new();
    for c in &counties {
        for kiosk in &c.kiosks {
            let id = kiosk.store.kiosk_id();
            held_before.push((id, c.server.running().db.kiosk_events(id).unwrap()));
            assert_eq!(
                held_before.last().unwrap().1.len(),
                kiosk.own_events().len()
            );
        }
    }
    assert!(!before.is_empty());
    // The county servers stop (as the command's help asks) before the copy.
    for c in &mut counties {
        if let Some(s) = c.server.server.take() {
            s.stop();
        }
    }

    let pg = postgres::database();
    for c in &counties {
        let from = format!("sqlite:{}", c.server.dir.path().display());
        let lines = sync_server::commands::migrate(&from, &pg.url, None).expect("migrated");
        let kiosk_lines = lines
            .iter()
            .filter(|l| l.starts_with("kiosk ") && l.contains("same in both"))
            .count();
        assert_eq!(kiosk_lines, c.kiosks.len(), "{lines:#?}");
        // Every other table copied is checked too, row by row.
        for table in [
            "enroll_codes",
            "kiosks",
            "learners",
            "courses",
            "server_keys",
            "admin_tokens",
            "staff_sessions",
            "access_log",
            "certificates",
            "conflicts",
            "changes",
        ] {
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with(&format!("{table}: ")) && l.contains("same in both")),
                "{table}: {lines:#?}"
            );
        }
        // Run again: nothing copied twice, everything checked again.
        let again = sync_server::commands::migrate(&from, &pg.url, None).expect("re-run");
        assert!(
            again.last().unwrap().starts_with("copied 0 events"),
            "{again:#?}"
        );
    }

    // A row changed in the database after the copy is found by the next run.
    pg.execute(
        "CREATE TABLE damaged AS SELECT learner_id, township FROM learners
         ORDER BY learner_id LIMIT 1;
         UPDATE learners l SET township = '다른면' FROM damaged d
         WHERE l.learner_id = d.learner_id;",
    )
    .unwrap();
    let from = format!("sqlite:{}", counties[0].server.dir.path().display());
    let damaged = format!("{:?}", sync_server::commands::migrate(&from, &pg.url, None));
    let from = format!("sqlite:{}", counties[1].server.dir.path().display());
    let damaged_other = format!("{:?}", sync_server::commands::migrate(&from, &pg.url, None));
    assert!(
        [&damaged, &damaged_other]
            .iter()
            .any(|r| r.contains("learners") && r.starts_with("Err")),
        "{damaged} / {damaged_other}"
    );
    pg.execute(
        "UPDATE learners l SET township = d.township FROM damaged d
         WHERE l.learner_id = d.learner_id;
         DROP TABLE damaged;",
    )
    .unwrap();

    let target = PostgresDatabase::connect(&pg.url, &Default::default()).unwrap();
    let after = sorted(statistics(&target, &StatsFilter::default()).unwrap());
    assert_eq!(after, before);
    let kiosks = target.kiosks().unwrap();
    assert_eq!(kiosks.len(), 5);
    for (id, events) in &held_before {
        let held = target.kiosk_events(*id).unwrap();
        assert!(
            held == *events,
            "kiosk {id}: {} events before, {} after",
            events.len(),
            held.len()
        );
    }
    drop(target);

    // The kiosks go on with the new server: same tokens, same cursors, nothing again.
    let server = TestServer::start_on_location(Location::postgres(pg.url.clone()));
    let options = test_sync_options(200, None);
    // Seeds unlike the first ones: the same seed would register the same learners.
    let mut seed = 500;
    for c in &mut counties {
        c.proxy.set_upstream(server.addr());
        for kiosk in &mut c.kiosks {
            seed += 1;
            add_history(kiosk, 1, 3, seed);
            kiosk.sync_until_done(&options, 5);
            let held = server.kiosk_events(&kiosk.store);
            assert_eq!(held.len(), kiosk.own_events().len());
        }
    }
    for k in server.running().db.kiosks().unwrap() {
        assert_eq!(k.acked_seq, k.events, "kiosk {}", k.kiosk.kiosk_id);
        assert_eq!(k.conflicts, 0);
    }
}
