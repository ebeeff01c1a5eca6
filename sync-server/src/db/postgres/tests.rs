//! What only the PostgreSQL store has: a least-privilege role, and two server
//! processes (two pools) writing to one database at once. The behaviour both stores
//! share is tested in `crate::db::conformance`.

use std::sync::Arc;

use baeumteo_core::event::Event;
use chrono::Utc;
use uuid::Uuid;

use super::*;
use crate::db::conformance::{self, check_in, enrolled, event};
use crate::testkit::postgres as cluster;

#[test]
fn postgres_a_role_with_only_rights_on_the_tables_runs_the_store_once_the_owner_migrated() {
    let pg = cluster::database();
    // The owner (here the cluster's superuser) creates the schema.
    drop(PostgresDatabase::connect(&pg.url, &Default::default()).unwrap());
    let role = format!("app_{}", Uuid::now_v7().simple());
    let mut admin = ::postgres::Client::connect(&pg.url, ::postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN;
             REVOKE ALL ON DATABASE {db} FROM PUBLIC;
             GRANT CONNECT ON DATABASE {db} TO {role};
             REVOKE CREATE ON SCHEMA public FROM PUBLIC;
             GRANT USAGE ON SCHEMA public TO {role};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
             GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role};",
            db = pg.name()
        ))
        .unwrap();
    let app = PostgresDatabase::connect(&pg.url_as(&role), &Default::default())
        .expect("the role opens the migrated store");
    // Each of these expects a fresh store; the one reading the whole feed goes first.
    conformance::a_course_version_is_published_once_and_only_newer_ones_after(&app);
    conformance::a_batch_pushed_twice_and_out_of_order_is_stored_once_and_acked_contiguously(&app);
    conformance::a_pushed_certificate_is_found_by_number_with_its_holder_until_the_holder_is_erased(
        &app,
    );
    // It cannot change the schema.
    let mut as_role = ::postgres::Client::connect(&pg.url_as(&role), ::postgres::NoTls).unwrap();
    assert!(
        as_role
            .batch_execute("CREATE TABLE intruder (x int)")
            .is_err()
    );
    assert!(as_role.batch_execute("DROP TABLE events").is_err());
}

#[test]
fn postgres_two_servers_pushing_the_same_kiosks_batches_at_once_store_each_event_once() {
    let pg = cluster::database();
    let options = PostgresOptions::default();
    let servers: Vec<Arc<PostgresDatabase>> = (0..2)
        .map(|_| Arc::new(PostgresDatabase::connect(&pg.url, &options).unwrap()))
        .collect();
    let kiosks: Vec<KioskRecord> = (0..4)
        .map(|_| enrolled(servers[0].as_ref(), "영양군"))
        .collect();
    let histories: Vec<Vec<Event>> = kiosks
        .iter()
        .map(|k| (1..=300).map(|s| event(k, s, check_in())).collect())
        .collect();
    // Every batch is sent to both servers at once, as a kiosk retrying through a load
    // balancer would: each event is stored once, the other copy is a duplicate.
    std::thread::scope(|s| {
        for server in &servers {
            for (kiosk, events) in kiosks.iter().zip(&histories) {
                s.spawn(move || {
                    for chunk in events.chunks(50) {
                        let meta = SyncMeta {
                            received_at: Utc::now(),
                            clock_offset_ms: 0,
                        };
                        server.push(kiosk, &Incoming::batch(chunk), meta).unwrap();
                    }
                });
            }
        }
    });
    for (kiosk, events) in kiosks.iter().zip(&histories) {
        assert_eq!(servers[1].kiosk_events(kiosk.kiosk_id).unwrap(), *events);
    }
    for k in servers[0].kiosks().unwrap() {
        assert_eq!((k.acked_seq, k.events, k.conflicts), (300, 300, 0));
    }
}

#[test]
fn postgres_over_tls_the_store_works_with_the_databases_ca_and_refuses_an_unknown_one() {
    let pg = cluster::database();
    let (url, ca) = pg.tls().expect("the test cluster speaks TLS");
    let trusting = PostgresOptions {
        ca_file: Some(ca),
        ..PostgresOptions::default()
    };
    let db = PostgresDatabase::connect(&url, &trusting).expect("connects over TLS");
    conformance::a_batch_pushed_twice_and_out_of_order_is_stored_once_and_acked_contiguously(&db);
    // The connection really is encrypted.
    let mut conn = db.conn().unwrap();
    let ssl: bool = conn
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(ssl);
    drop(conn);
    // A certificate no trusted authority signed is refused, never used unverified.
    let err = PostgresDatabase::connect(
        &url,
        &PostgresOptions {
            connect_timeout: std::time::Duration::from_secs(2),
            ..PostgresOptions::default()
        },
    )
    .expect_err("the public roots do not vouch for the test CA");
    assert!(matches!(err, DbError::Backend { .. }), "{err}");
}
