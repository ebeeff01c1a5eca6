//! A program's data folder: one running program per folder (an exclusive lock on a file
//! in it while it runs, so a restore or a second copy is refused instead of writing under
//! it; the operating system drops the lock when the process ends, however it ends), and
//! root refused on a folder that belongs to someone else (a command run with `sudo` would
//! leave files owned by root in it, SQLite's `-wal` and `-shm` beside the store, and the
//! program, running as its own user, could no longer write its store).

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Whose data folder it is, in the words its errors tell a person.
#[derive(Debug, Clone, Copy)]
pub struct DataFolder {
    /// The lock file's name inside the folder.
    pub lock_file: &'static str,
    /// Who holds the lock while running ("the kiosk").
    pub running: &'static str,
    /// How a person stops it ("systemctl stop baeumteo-kiosk").
    pub stop: &'static str,
    /// How to run a command as the folder's user ("sudo -u baeumteo-kiosk kiosk …").
    pub run_as: &'static str,
}

#[derive(Debug, Error)]
pub enum LockError {
    #[error("{running} is running on {path}; stop it first ({stop})")]
    Held {
        path: PathBuf,
        running: &'static str,
        stop: &'static str,
    },
    #[error("cannot lock the data folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Held while it lives.
#[derive(Debug)]
pub struct DataLock {
    _file: File,
}

impl DataLock {
    /// Takes the folder's lock (making the folder when missing), or says who holds it.
    pub fn acquire(data_dir: &Path, folder: &DataFolder) -> Result<DataLock, LockError> {
        let io = |source| LockError::Io {
            path: data_dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(folder.lock_file))
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(DataLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held {
                path: data_dir.to_path_buf(),
                running: folder.running,
                stop: folder.stop,
            }),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[derive(Debug, Error)]
#[error(
    "{path} belongs to another user (uid {owner}); run the command as that user, e.g. {run_as}"
)]
pub struct ForeignFolder {
    pub path: PathBuf,
    pub owner: u32,
    pub run_as: &'static str,
}

/// Refuses root on an existing data folder owned by another user; anyone else is left
/// to the file permissions.
pub fn check_owner(data_dir: &Path, folder: &DataFolder) -> Result<(), ForeignFolder> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // /proc/self belongs to the process's effective user.
        let me = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
        let owner = std::fs::metadata(data_dir).map(|m| m.uid()).ok();
        if let (Some(0), Some(owner)) = (me, owner)
            && owner != 0
        {
            return Err(ForeignFolder {
                path: data_dir.to_path_buf(),
                owner,
                run_as: folder.run_as,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = (data_dir, folder);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: DataFolder = DataFolder {
        lock_file: "test.lock",
        running: "the test",
        stop: "stop it",
        run_as: "sudo -u someone test …",
    };

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataLock::acquire(dir.path(), &TEST).unwrap();
        let held = DataLock::acquire(dir.path(), &TEST).unwrap_err();
        assert!(matches!(held, LockError::Held { .. }));
        assert!(
            held.to_string().starts_with("the test is running on "),
            "{held}"
        );
        drop(first);
        DataLock::acquire(dir.path(), &TEST).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn root_is_refused_on_a_folder_of_another_user_and_anyone_is_let_through_on_their_own() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        check_owner(dir.path(), &TEST).unwrap();
        let me = std::fs::metadata("/proc/self").unwrap().uid();
        if me == 0 {
            std::os::unix::fs::chown(dir.path(), Some(4242), None).unwrap();
            let e = check_owner(dir.path(), &TEST).unwrap_err();
            assert_eq!(e.owner, 4242);
            assert!(e.to_string().contains("sudo -u"), "{e}");
        }
    }
}
