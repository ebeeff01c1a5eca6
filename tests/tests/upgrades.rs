//! Every release opens the stores of every earlier release (issue 14): the fixtures
//! under `tests/fixtures/<version>/` were written by that version (see
//! `src/bin/make-upgrade-fixtures.rs`) and are never rewritten. Opening a copy runs the
//! migrations, and every event the manifest lists is still there, unchanged in kiosk,
//! seq and id. A store from a newer version is refused by name, on both sides.

use std::path::{Path, PathBuf};

use kiosk::store::{STORE_FILE, Store, StoreError};
use serde_json::Value;
use sync_server::db::{DB_FILE, Database, DbError, SqliteDatabase};
use uuid::Uuid;

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("manifest.json").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixture stores in {}", root.display());
    dirs
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).expect("manifest"))
        .expect("manifest is JSON")
}

/// A copy in a throwaway data folder: the committed file is never touched.
fn copy_into(file: &Path, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(file, dir.path().join(name)).expect("copy fixture");
    dir
}

fn uuid(v: &Value) -> Uuid {
    v.as_str().and_then(|s| s.parse().ok()).expect("uuid")
}

#[test]
fn kiosk_stores_of_every_earlier_release_open_with_every_event_kept() {
    for dir in fixture_dirs() {
        let m = manifest(&dir);
        let data = copy_into(&dir.join("kiosk.sqlite3"), STORE_FILE);
        let store = Store::open_in(data.path())
            .unwrap_or_else(|e| panic!("{}: kiosk store does not open: {e}", dir.display()));
        assert_eq!(store.kiosk_id(), uuid(&m["kiosk"]["kiosk_id"]));
        let held: Vec<(Uuid, u64, Uuid)> = store
            .all_events()
            .expect("events read back")
            .iter()
            .map(|e| (e.kiosk_id, e.seq, e.id))
            .collect();
        let expected: Vec<(Uuid, u64, Uuid)> = m["kiosk"]["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| (uuid(&e[0]), e[1].as_u64().expect("seq"), uuid(&e[2])))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(held, expected, "{}", dir.display());
    }
}

#[test]
fn server_stores_of_every_earlier_release_open_with_every_event_kept() {
    for dir in fixture_dirs() {
        let m = manifest(&dir);
        let data = copy_into(&dir.join("sync-server.sqlite3"), DB_FILE);
        let db = SqliteDatabase::open_in(data.path())
            .unwrap_or_else(|e| panic!("{}: server store does not open: {e}", dir.display()));
        for kiosk in m["server"]["kiosks"].as_array().expect("kiosks") {
            let id = uuid(&kiosk["kiosk_id"]);
            let held: Vec<(u64, Uuid)> = db
                .kiosk_events(id)
                .expect("events read back")
                .iter()
                .map(|e| (e.seq, e.id))
                .collect();
            let expected: Vec<(u64, Uuid)> = kiosk["events"]
                .as_array()
                .expect("events")
                .iter()
                .map(|e| (e[0].as_u64().expect("seq"), uuid(&e[1])))
                .collect();
            assert!(!expected.is_empty());
            assert_eq!(held, expected, "{} kiosk {id}", dir.display());
        }
        assert_eq!(db.kiosks().expect("kiosks").len(), 2);
    }
}

fn set_schema(path: &Path, version: u32) {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.pragma_update(None, "user_version", version)
        .expect("user_version");
}

#[test]
fn a_server_store_from_a_newer_release_is_refused_by_name_and_left_alone() {
    let data = tempfile::tempdir().expect("temp dir");
    drop(SqliteDatabase::open_in(data.path()).expect("new store"));
    let path = data.path().join(DB_FILE);
    set_schema(&path, 999);
    match SqliteDatabase::open_in(data.path()) {
        Err(e @ DbError::NewerSchema { found: 999, .. }) => {
            assert!(e.to_string().contains("update the server"), "{e}")
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let version: u32 = rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("user_version");
    assert_eq!(version, 999);
}

#[test]
fn a_kiosk_store_from_a_newer_release_is_refused_by_name() {
    let data = tempfile::tempdir().expect("temp dir");
    drop(Store::open_in(data.path()).expect("new store"));
    set_schema(&data.path().join(STORE_FILE), 999);
    match Store::open_in(data.path()) {
        Err(StoreError::NewerSchema { found: 999, .. }) => {}
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}
