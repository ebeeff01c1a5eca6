//! `sync-server backup` and `restore`: a consistent copy of the SQLite store while the
//! server runs, and putting one back. This works on the file itself (SQLite's online
//! backup API), beside the `Database` trait: a PostgreSQL store is backed up with
//! `pg_dump` instead (docs/operations.md).

use std::path::{Path, PathBuf};
use std::time::Duration;

use baeumteo_storage::copy::{CopyError, copy_database, sibling};
use baeumteo_storage::{DataLock, LockError};
use chrono::Utc;
use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use crate::db::{DB_FILE, DbError, SqliteDatabase};
use crate::paths::DATA_FOLDER;

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("there is no server store in {0}")]
    NoStore(PathBuf),
    #[error("{0} is not a server backup: {1}")]
    NotABackup(PathBuf, String),
    #[error(
        "{0} already holds a server store; add --force to replace it (the current one is kept beside it)"
    )]
    WouldOverwrite(PathBuf),
    #[error("the store stayed busy; try again")]
    Busy,
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What a backup or restore copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub path: PathBuf,
    pub bytes: u64,
    pub events: u64,
    pub kiosks: u64,
}

/// Copies the store in `data_dir` to the file `out`, consistent as of one moment, while
/// a server may be writing to it: the copy is taken in one step, inside one read
/// transaction, so pushes that land meanwhile are either wholly in it or wholly not,
/// and they are never held up (WAL). The file appears only once it is complete.
pub fn backup(data_dir: &Path, out: &Path) -> Result<Copied, BackupError> {
    let source = data_dir.join(DB_FILE);
    if !source.is_file() {
        return Err(BackupError::NoStore(data_dir.to_path_buf()));
    }
    let src = Connection::open_with_flags(
        &source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(Duration::from_secs(5))?;
    let part = part_path(out);
    copy_file(&src, &part)?;
    let copied = describe(&part)?;
    private(&part)?;
    rename(&part, out)?;
    Ok(Copied {
        path: out.to_path_buf(),
        ..copied
    })
}

/// Puts the backup `from` in place as the store of `data_dir`. Refused while a server
/// runs on the folder, and over an existing store without `force` (which keeps the
/// current store beside it as `sync-server.sqlite3.before-restore-<time>`). The backup
/// is checked and brought to this version's schema before it replaces anything.
///
/// Kiosks then send again what the backup lacks: each push is answered with what the
/// server holds, and a kiosk resends from there. The change feed's cursor is moved past
/// any value handed out before, so a kiosk whose pull cursor is ahead of the backup
/// still receives the changes made from now on.
pub fn restore(data_dir: &Path, from: &Path, force: bool) -> Result<Copied, BackupError> {
    let _lock = DataLock::acquire(data_dir, &DATA_FOLDER)?;
    let target = data_dir.join(DB_FILE);
    if target.exists() && !force {
        return Err(BackupError::WouldOverwrite(data_dir.to_path_buf()));
    }
    let staging = data_dir.join("restore.part");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|source| BackupError::Io {
            path: staging.clone(),
            source,
        })?;
    }
    std::fs::create_dir_all(&staging).map_err(|source| BackupError::Io {
        path: staging.clone(),
        source,
    })?;
    let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| BackupError::NotABackup(from.to_path_buf(), e.to_string()))?;
    match src.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
        Ok(ok) if ok == "ok" => {}
        Ok(problem) => return Err(BackupError::NotABackup(from.to_path_buf(), problem)),
        Err(e) => return Err(BackupError::NotABackup(from.to_path_buf(), e.to_string())),
    }
    let staged = staging.join(DB_FILE);
    copy_file(&src, &staged)?;
    drop(src);
    // Opening runs this version's migrations and refuses a newer schema, on the copy.
    drop(SqliteDatabase::open_in(&staging)?);
    move_cursor_past_everything(&staged)?;
    let copied = describe(&staged)?;
    private(&staged)?;
    if target.exists() {
        let aside = data_dir.join(format!(
            "{DB_FILE}.before-restore-{}",
            Utc::now().format("%Y%m%dT%H%M%SZ")
        ));
        rename(&target, &aside)?;
        // The write-ahead log belongs to the store it was written for: it moves with it,
        // and must never be read as the restored store's.
        let wal = sibling(&target, "-wal");
        if wal.exists() {
            rename(&wal, &sibling(&aside, "-wal"))?;
        }
    }
    let shm = sibling(&target, "-shm");
    if shm.exists() {
        std::fs::remove_file(&shm).map_err(|source| BackupError::Io { path: shm, source })?;
    }
    rename(&staged, &target)?;
    let _ = std::fs::remove_dir_all(&staging);
    Ok(Copied {
        path: target,
        ..copied
    })
}

/// The whole database in one backup step: one read transaction, so one moment.
fn copy_file(src: &Connection, to: &Path) -> Result<(), BackupError> {
    Ok(copy_database(src, to)?)
}

impl From<CopyError> for BackupError {
    fn from(e: CopyError) -> BackupError {
        match e {
            CopyError::Busy => BackupError::Busy,
            CopyError::Damaged(path, answer) => BackupError::NotABackup(path, answer),
            CopyError::Sqlite(e) => BackupError::Sqlite(e),
            CopyError::Io { path, source } => BackupError::Io { path, source },
        }
    }
}

/// The change feed's cursors are an AUTOINCREMENT key. A backup carries the counter as
/// it was, so new changes would reuse cursors that kiosks already read past and never
/// reach them. Moving it to the current time in microseconds puts every new cursor
/// above any handed out before (a county makes far fewer changes than microseconds
/// pass), including after an earlier restore.
fn move_cursor_past_everything(store: &Path) -> Result<(), BackupError> {
    let conn = Connection::open(store)?;
    let now = Utc::now().timestamp_micros().max(0);
    let tx = conn.unchecked_transaction()?;
    let updated = tx.execute(
        "UPDATE sqlite_sequence SET seq = MAX(seq, ?1) WHERE name = 'changes'",
        [now],
    )?;
    if updated == 0 {
        tx.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('changes', ?1)",
            [now],
        )?;
    }
    tx.commit()?;
    // One file, no log beside it, when it is moved into place.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

fn describe(path: &Path) -> Result<Copied, BackupError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let count = |table: &str| -> Result<u64, rusqlite::Error> {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
    };
    let bytes = std::fs::metadata(path)
        .map_err(|source| BackupError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    Ok(Copied {
        path: path.to_path_buf(),
        bytes,
        events: count("events")?,
        kiosks: count("kiosks")?,
    })
}

/// `FILE.part` beside `FILE`, so a half-written copy never has the backup's name.
fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

fn rename(from: &Path, to: &Path) -> Result<(), BackupError> {
    std::fs::rename(from, to).map_err(|source| BackupError::Io {
        path: to.to_path_buf(),
        source,
    })
}

/// The copy holds what the store holds (hashes of tokens, learners' names): 0600.
fn private(path: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| BackupError::Io {
                path: path.to_path_buf(),
                source,
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
