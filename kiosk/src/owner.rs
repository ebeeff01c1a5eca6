//! A command run with `sudo` on the kiosk's data folder would leave files owned by root
//! in it (SQLite's `-wal` and `-shm` beside the store), and the kiosk, running as its
//! own user, could then no longer write its records. Root is therefore refused on a
//! folder that belongs to someone else, with the command to run instead.

use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
#[error(
    "{path} belongs to another user (uid {owner}); run the command as that user, e.g. sudo -u baeumteo-kiosk kiosk …"
)]
pub struct ForeignFolder {
    pub path: PathBuf,
    pub owner: u32,
}

/// Refuses root on an existing data folder owned by another user; anyone else is left
/// to the file permissions.
pub fn check(data_dir: &Path) -> Result<(), ForeignFolder> {
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
            });
        }
    }
    #[cfg(not(unix))]
    let _ = data_dir;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn root_is_refused_on_a_folder_of_another_user_and_anyone_is_let_through_on_their_own() {
        let dir = tempfile::tempdir().unwrap();
        check(dir.path()).unwrap();
        let me = std::fs::metadata("/proc/self").unwrap().uid();
        if me == 0 {
            std::os::unix::fs::chown(dir.path(), Some(4242), None).unwrap();
            let e = check(dir.path()).unwrap_err();
            assert_eq!(e.owner, 4242);
            assert!(e.to_string().contains("sudo -u"), "{e}");
        }
    }
}
