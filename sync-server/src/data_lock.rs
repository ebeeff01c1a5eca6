//! One server per data folder: `serve` holds an exclusive lock on a file in the folder
//! for as long as it runs, so a second server, or a restore, is refused instead of
//! writing under a running one. The operating system drops the lock when the process
//! ends, however it ends.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use thiserror::Error;

const LOCK_FILE: &str = "sync-server.lock";

#[derive(Debug, Error)]
pub enum LockError {
    #[error("a sync-server is running on {0}; stop it first (systemctl stop baeumteo-sync-server)")]
    Held(PathBuf),
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
    pub fn acquire(data_dir: &Path) -> Result<DataLock, LockError> {
        let io = |source| LockError::Io {
            path: data_dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(LOCK_FILE))
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(DataLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held(data_dir.to_path_buf())),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataLock::acquire(dir.path()).unwrap();
        assert!(matches!(
            DataLock::acquire(dir.path()),
            Err(LockError::Held(_))
        ));
        drop(first);
        DataLock::acquire(dir.path()).unwrap();
    }
}
