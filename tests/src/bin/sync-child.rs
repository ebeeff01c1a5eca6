//! A kiosk process that only syncs, one event and one change per request, until
//! nothing is left: the end-to-end tests kill it with SIGKILL at chosen moments to
//! prove that a kiosk dying mid-sync loses and duplicates nothing.
//!
//! Usage: `sync-child DATA_DIR`; prints `done` when the sync finished cleanly.

use std::process::ExitCode;
use std::time::Duration;

use kiosk::store::Store;
use kiosk::sync::{SyncOptions, sync_once};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: sync-child DATA_DIR");
        return ExitCode::from(2);
    };
    let mut store = match Store::open_in(std::path::Path::new(&dir)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("store: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = SyncOptions {
        push_batch: 1,
        pull_limit: 1,
        timeout: Duration::from_secs(5),
        ..SyncOptions::default()
    };
    for _ in 0..20 {
        match sync_once(&mut store, &options) {
            Ok(_) => {
                println!("done");
                return ExitCode::SUCCESS;
            }
            Err(f) if f.is_transient() => continue,
            Err(f) => {
                eprintln!("sync failed: {f}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::FAILURE
}
