//! Writes the stores of this release that every later release must open (issue 14):
//! a county of two kiosks with a few days of simulated classes (seeded, so the same
//! history each time; ids are new each run), synced through a real server.
//!
//! Usage: `cargo run -p baeumteo-tests --bin make-upgrade-fixtures -- tests/fixtures/v0.1.0`
//! Writes `kiosk.sqlite3`, `sync-server.sqlite3` and `manifest.json` (every event the
//! stores hold) into the folder. Run it once per release; never rewrite an old folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use baeumteo_tests::{TestKiosk, TestServer, add_history, test_sync_options};
use serde_json::json;
use sync_server::testkit::learner_profile;
use uuid::Uuid;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: make-upgrade-fixtures OUT_DIR");
        return ExitCode::from(2);
    };
    if let Err(e) = make(&out) {
        eprintln!("make-upgrade-fixtures: {e}");
        return ExitCode::FAILURE;
    }
    println!("fixtures written to {}", out.display());
    ExitCode::SUCCESS
}

fn make(out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(out)?;
    let mut server = TestServer::start();
    let options = test_sync_options(500, None);
    let mut a = TestKiosk::new();
    let mut b = TestKiosk::new();
    a.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    b.enroll(&server.url(), &server.enroll_code("영양군", "석보 배움터"));
    add_history(&mut a, 2, 2, 1);
    add_history(&mut b, 2, 2, 2);
    every_other_kind(&mut a)?;
    a.sync_until_done(&options, 10);
    b.sync_until_done(&options, 10);
    // A pulls what B registered after A's first sync.
    a.sync_until_done(&options, 10);

    let ids = |k: &TestKiosk| -> Vec<serde_json::Value> {
        k.store
            .all_events()
            .expect("events")
            .iter()
            .map(|e| json!([e.kiosk_id, e.seq, e.id]))
            .collect()
    };
    let manifest = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "kiosk": { "kiosk_id": a.store.kiosk_id(), "events": ids(&a) },
        "server": { "kiosks": [
            { "kiosk_id": a.store.kiosk_id(), "events": own(&a) },
            { "kiosk_id": b.store.kiosk_id(), "events": own(&b) },
        ] },
    });
    server.server.take().expect("running").stop();
    vacuum_into(a.store.path(), &out.join("kiosk.sqlite3"))?;
    vacuum_into(
        &server.dir.path().join(sync_server::db::DB_FILE),
        &out.join("sync-server.sqlite3"),
    )?;
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)? + "\n",
    )?;
    Ok(())
}

/// One event of each kind the simulated classes do not make, so that a migration that
/// loses a kind is caught.
fn every_other_kind(k: &mut TestKiosk) -> Result<(), Box<dyn std::error::Error>> {
    use baeumteo_core::event::EventBody::*;
    let learner = k
        .store
        .profile_events()?
        .iter()
        .find_map(|e| match &e.body {
            LearnerRegistered { learner_id, .. } => Some(*learner_id),
            _ => None,
        })
        .ok_or("the simulated history registers no learner")?;
    let erased = Uuid::now_v7();
    let bodies = vec![
        CenterConfigured {
            center_name: "입암 배움터".into(),
            county: "영양군".into(),
            township: "입암면".into(),
        },
        LearnerUpdated {
            learner_id: learner,
            profile: learner_profile("김순자", 1950),
        },
        LearnerRegistered {
            learner_id: erased,
            profile: learner_profile("이말자", 1948),
        },
        LearnerErased { learner_id: erased },
        HelpRequested {
            learner_id: Some(learner),
            course_id: Some("smartphone-basics".into()),
            lesson_id: Some("touch".into()),
            step_id: Some("s1".into()),
        },
        HelpAnswered {
            learner_id: Some(learner),
        },
        ActivistHoursLogged {
            learner_id: learner,
            on: chrono::NaiveDate::from_ymd_opt(2026, 11, 19).ok_or("date")?,
            minutes: 90,
            activity: "경로당 스마트폰 도움".into(),
            course_id: Some("digital-activist".into()),
        },
        CertificationIssued {
            certificate_no: "2026-FIXTUR-0001".into(),
            learner_id: learner,
            course_id: "digital-activist".into(),
            minutes: 1200,
            verification_code: "ABCD2345".into(),
            issued_by: None,
        },
    ];
    for body in bodies {
        k.store.append(body)?;
    }
    Ok(())
}

/// A kiosk's own events as `[seq, id]`, what the server must hold for it.
fn own(k: &TestKiosk) -> Vec<serde_json::Value> {
    k.own_events()
        .iter()
        .map(|e| json!([e.seq, e.id]))
        .collect()
}

/// One compact file, without its write-ahead log.
fn vacuum_into(from: &Path, to: &Path) -> Result<(), Box<dyn std::error::Error>> {
    if to.exists() {
        std::fs::remove_file(to)?;
    }
    let conn = rusqlite::Connection::open(from)?;
    conn.execute("VACUUM INTO ?1", [to.to_string_lossy()])?;
    Ok(())
}
