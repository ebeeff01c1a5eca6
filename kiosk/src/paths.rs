//! Where the kiosk keeps its data and finds its courses, so several instances can run
//! side by side and the kiosk works from any working directory: an installed (or
//! unpacked) package finds its files beside its own binary, a checkout finds them in
//! `./` or in the source tree it was built from.

use std::path::{Path, PathBuf};

use baeumteo_storage::DataFolder;

/// The kiosk's data folder: its lock (held by the window, so `kiosk restore` is refused
/// while it runs) and its owner (root is refused on the kiosk user's folder).
pub const DATA_FOLDER: DataFolder = DataFolder {
    lock_file: "kiosk.lock",
    running: "the kiosk",
    stop: "systemctl stop baeumteo-kiosk",
    run_as: "sudo -u baeumteo-kiosk kiosk …",
};

/// `--data-dir` when given, else a `baeumteo` folder under the user's data directory.
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| {
        directories::BaseDirs::new()
            .map(|b| b.data_dir().join("baeumteo"))
            .unwrap_or_else(|| PathBuf::from("baeumteo-data"))
    })
}

/// The courses folder: `--courses DIR`; else `<prefix>/share/baeumteo/courses` beside
/// the running binary (`<prefix>/bin/kiosk`); else `./courses` when it exists; else the
/// `courses/` folder of the source tree the kiosk was built from.
pub fn courses_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir;
    }
    find(installed_share().as_deref(), "courses", |d| d.is_dir())
}

/// The assets folder (the Hangul fonts of the window and of certificate PDFs), found as
/// the courses are.
pub fn assets_dir() -> PathBuf {
    find(installed_share().as_deref(), "assets", |d| {
        d.join("fonts").is_dir()
    })
}

/// The first USB stick mounted for a user (`/media/<user>/<stick>`), where instructors
/// take certificates and reports away; `None` when none is plugged in.
pub fn usb_stick() -> Option<PathBuf> {
    std::fs::read_dir("/media").ok().and_then(|users| {
        users
            .filter_map(Result::ok)
            .filter_map(|u| std::fs::read_dir(u.path()).ok())
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.is_dir())
    })
}

/// `<prefix>/share/baeumteo` of the running binary, if the binary sits in `<prefix>/bin`.
pub fn installed_share() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    share_beside(&exe)
}

/// `<prefix>/share/baeumteo` for a binary at `<prefix>/bin/NAME`.
fn share_beside(exe: &Path) -> Option<PathBuf> {
    let bin = exe.parent()?;
    if bin.file_name()? != "bin" {
        return None;
    }
    Some(bin.parent()?.join("share/baeumteo"))
}

/// `name` under the installed share folder, else in `./`, else in the source tree.
fn find(share: Option<&Path>, name: &str, usable: impl Fn(&Path) -> bool) -> PathBuf {
    if let Some(dir) = share.map(|s| s.join(name)).filter(|d| usable(d)) {
        return dir;
    }
    let local = PathBuf::from(name);
    if usable(&local) {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_installed_binary_finds_its_files_under_its_own_prefix() {
        let root = tempfile::tempdir().unwrap();
        let share = share_beside(&root.path().join("usr/bin/kiosk")).unwrap();
        assert_eq!(share, root.path().join("usr/share/baeumteo"));
        std::fs::create_dir_all(share.join("courses")).unwrap();
        assert_eq!(
            find(Some(&share), "courses", |d| d.is_dir()),
            share.join("courses")
        );
    }

    #[test]
    fn a_binary_outside_a_bin_folder_has_no_installed_share() {
        assert_eq!(share_beside(Path::new("/work/target/debug/kiosk")), None);
    }

    #[test]
    fn without_an_installed_copy_the_source_tree_courses_are_used() {
        let root = tempfile::tempdir().unwrap();
        let share = root.path().join("usr/share/baeumteo");
        let found = find(Some(&share), "courses", |d| d.is_dir());
        assert!(
            found.join("smartphone-basics").is_dir(),
            "{}",
            found.display()
        );
    }
}
