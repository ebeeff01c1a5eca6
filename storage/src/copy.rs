//! The consistent copy behind both `backup` commands: SQLite's online backup API in one
//! step (one read transaction, so one moment, even while the store is written), made a
//! single checked file on the disk.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CopyError {
    #[error("the store stayed busy; try again")]
    Busy,
    /// The copy fails `quick_check` (its answer).
    #[error("{0} is damaged: {1}")]
    Damaged(PathBuf, String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Copies the database of `src` to the file `to` (replacing it), checks the copy and
/// syncs it to the disk: a copy that is not on the disk yet is no backup.
pub fn copy_database(src: &Connection, to: &Path) -> Result<(), CopyError> {
    let io = |source| CopyError::Io {
        path: to.to_path_buf(),
        source,
    };
    if to.exists() {
        std::fs::remove_file(to).map_err(io)?;
    }
    let mut dst = Connection::open(to)?;
    {
        let backup = Backup::new(src, &mut dst)?;
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked => {
                    waits += 1;
                    if waits > 100 {
                        return Err(CopyError::Busy);
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                // More, or a future step result: step again.
                _ => {}
            }
        }
    }
    // One file, no log beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    let ok: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(CopyError::Damaged(to.to_path_buf(), ok));
    }
    drop(dst);
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(io)
}

/// `path` with `suffix` added to its file name (`store.sqlite3-wal`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}
