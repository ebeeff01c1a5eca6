//! `kiosk backup --out DIR` and `kiosk restore --from DIR`: the whole kiosk on a USB
//! stick, and back onto a replacement PC as the same kiosk. Everything that makes the
//! kiosk itself is in its store: the event log, its kiosk id, the device token, the
//! enrollment secret, the pinned course key and its settings. The other files of the
//! data folder are made again from it (certificate PDFs, the consent narration).

use std::path::{Path, PathBuf};
use std::time::Duration;

use baeumteo_storage::copy::{CopyError, copy_database, sibling};
use baeumteo_storage::{DataLock, LockError};
use chrono::Utc;
use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use crate::paths::DATA_FOLDER;
use crate::store::{STORE_FILE, Store, StoreError};

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("there is no kiosk store in {0}")]
    NoStore(PathBuf),
    #[error("{0} holds no kiosk backup ({STORE_FILE} is missing)")]
    NoBackup(PathBuf),
    #[error("{0} is not a usable kiosk backup: {1}")]
    NotABackup(PathBuf, String),
    #[error(
        "{0} already holds this or another kiosk's records; add --force to replace them (the current store is kept beside it)"
    )]
    WouldOverwrite(PathBuf),
    #[error("the store stayed busy; try again")]
    Busy,
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What a backup or restore copied: which kiosk, how many events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub path: PathBuf,
    pub kiosk_id: String,
    pub events: u64,
}

/// Copies the store of `data_dir` into the folder `out` as `kiosk.sqlite3`, consistent
/// as of one moment even while the kiosk records (one backup step is one read
/// transaction). The file appears under its name only once complete, so an older
/// backup in the folder stays whole until the new one replaces it.
pub fn backup(data_dir: &Path, out: &Path) -> Result<Copied, BackupError> {
    let source = data_dir.join(STORE_FILE);
    if !source.is_file() {
        return Err(BackupError::NoStore(data_dir.to_path_buf()));
    }
    std::fs::create_dir_all(out).map_err(|source| io(out, source))?;
    let src = Connection::open_with_flags(&source, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    src.busy_timeout(Duration::from_secs(5))?;
    let part = out.join(format!("{STORE_FILE}.part"));
    copy_file(&src, &part)?;
    let target = out.join(STORE_FILE);
    std::fs::rename(&part, &target).map_err(|source| io(&target, source))?;
    describe(&target)
}

/// Puts the backup in `from` in place as the store of `data_dir`, keeping the kiosk's
/// identity: it syncs with its old token, and its next records continue its sequence.
/// Refused while the kiosk runs on the folder, and over a store that holds records or
/// an enrollment unless `force` (the current store is then kept beside it as
/// `kiosk.sqlite3.before-restore-<time>`). A store just made by a first start (the
/// set-up screen, nothing recorded) is replaced without asking.
pub fn restore(data_dir: &Path, from: &Path, force: bool) -> Result<Copied, BackupError> {
    let backup_file = from.join(STORE_FILE);
    if !backup_file.is_file() {
        return Err(BackupError::NoBackup(from.to_path_buf()));
    }
    let _lock = DataLock::acquire(data_dir, &DATA_FOLDER)?;
    let target = data_dir.join(STORE_FILE);
    if target.exists() && !force && holds_anything(&target)? {
        return Err(BackupError::WouldOverwrite(data_dir.to_path_buf()));
    }
    let src = Connection::open_with_flags(&backup_file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| BackupError::NotABackup(backup_file.clone(), e.to_string()))?;
    let staged = data_dir.join(format!("{STORE_FILE}.restoring"));
    copy_file(&src, &staged).map_err(|e| match e {
        BackupError::Sqlite(e) => BackupError::NotABackup(backup_file.clone(), e.to_string()),
        other => other,
    })?;
    drop(src);
    // Opening checks the copy, refuses a newer schema and runs this version's
    // migrations, before anything is replaced.
    let opened = Store::open(&staged);
    if let Err(e) = opened {
        let _ = std::fs::remove_file(&staged);
        return Err(e.into());
    }
    drop(opened);
    let one_file = Connection::open(&staged)?;
    one_file.pragma_update(None, "journal_mode", "DELETE")?;
    drop(one_file);
    if target.exists() {
        let aside = data_dir.join(format!(
            "{STORE_FILE}.before-restore-{}",
            Utc::now().format("%Y%m%dT%H%M%SZ")
        ));
        std::fs::rename(&target, &aside).map_err(|source| io(&aside, source))?;
        // The write-ahead log belongs to the store it was written for.
        let wal = sibling(&target, "-wal");
        if wal.exists() {
            let to = sibling(&aside, "-wal");
            std::fs::rename(&wal, &to).map_err(|source| io(&to, source))?;
        }
    }
    let shm = sibling(&target, "-shm");
    if shm.exists() {
        std::fs::remove_file(&shm).map_err(|source| io(&shm, source))?;
    }
    std::fs::rename(&staged, &target).map_err(|source| io(&target, source))?;
    describe(&target)
}

/// Whether a store holds anything worth keeping: a recorded event or an enrollment.
fn holds_anything(path: &Path) -> Result<bool, BackupError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let events: u64 = conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap_or(1);
    let enrolled: bool = conn
        .query_row(
            "SELECT token IS NOT NULL FROM sync_state WHERE singleton = 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or(false);
    Ok(events > 0 || enrolled)
}

/// The whole database in one consistent, checked copy, private to the kiosk's user.
fn copy_file(src: &Connection, to: &Path) -> Result<(), BackupError> {
    copy_database(src, to)?;
    private(to)
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

fn describe(path: &Path) -> Result<Copied, BackupError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(Copied {
        path: path.to_path_buf(),
        kiosk_id: conn.query_row("SELECT kiosk_id FROM kiosk", [], |r| r.get(0))?,
        events: conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?,
    })
}

fn io(path: &Path, source: std::io::Error) -> BackupError {
    BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The copy holds learners' names and the device token: 0600 where the file system
/// keeps modes (a FAT-formatted USB stick does not: keep the stick safe).
fn private(path: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            tracing::warn!(path = %path.display(), error = %e, "backup file mode not set");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::event::EventBody;

    fn help(course: String) -> EventBody {
        EventBody::HelpRequested {
            learner_id: None,
            course_id: Some(course),
            lesson_id: None,
            step_id: None,
        }
    }

    fn kiosk_with_events(dir: &Path, n: usize) -> Store {
        let mut store = Store::open_in(dir).unwrap();
        for i in 0..n {
            store.append(help(format!("c{i}"))).unwrap();
        }
        store
    }

    #[test]
    fn a_restored_kiosk_is_the_same_kiosk_with_every_event() {
        let (old, stick, new) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let store = kiosk_with_events(old.path(), 5);
        let copied = backup(old.path(), stick.path()).unwrap();
        assert_eq!(copied.events, 5);
        // While the old kiosk still has its store open (a backup from a running kiosk).
        drop(store);
        let restored = restore(new.path(), stick.path(), false).unwrap();
        assert_eq!(restored.kiosk_id, copied.kiosk_id);
        let mut reopened = Store::open_in(new.path()).unwrap();
        assert_eq!(reopened.kiosk_id().to_string(), copied.kiosk_id);
        assert_eq!(reopened.event_count().unwrap(), 5);
        let next = reopened.append(help("after".into())).unwrap();
        assert_eq!(
            next.seq, 6,
            "the kiosk's sequence goes on where the backup ends"
        );
    }

    #[test]
    fn a_restore_over_recorded_events_needs_force_and_keeps_them_aside() {
        let (old, stick, busy) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        drop(kiosk_with_events(old.path(), 2));
        backup(old.path(), stick.path()).unwrap();
        drop(kiosk_with_events(busy.path(), 1));
        assert!(matches!(
            restore(busy.path(), stick.path(), false),
            Err(BackupError::WouldOverwrite(_))
        ));
        restore(busy.path(), stick.path(), true).unwrap();
        let kept = std::fs::read_dir(busy.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
        assert!(kept, "the replaced store is kept beside the restored one");
        assert_eq!(
            Store::open_in(busy.path()).unwrap().event_count().unwrap(),
            2
        );
    }

    #[test]
    fn a_fresh_store_from_a_first_start_is_replaced_without_force() {
        let (old, stick, fresh) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        drop(kiosk_with_events(old.path(), 1));
        backup(old.path(), stick.path()).unwrap();
        drop(Store::open_in(fresh.path()).unwrap());
        restore(fresh.path(), stick.path(), false).unwrap();
    }

    #[test]
    fn a_restore_is_refused_while_the_kiosk_runs_on_the_folder() {
        let (old, stick, running) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        drop(kiosk_with_events(old.path(), 1));
        backup(old.path(), stick.path()).unwrap();
        let _window = DataLock::acquire(running.path(), &DATA_FOLDER).unwrap();
        assert!(matches!(
            restore(running.path(), stick.path(), true),
            Err(BackupError::Lock(LockError::Held { .. }))
        ));
    }

    #[test]
    fn a_folder_without_a_backup_is_named() {
        let (empty, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        assert!(matches!(
            restore(data.path(), empty.path(), true),
            Err(BackupError::NoBackup(_))
        ));
    }
}
