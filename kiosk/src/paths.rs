//! Where the kiosk keeps its data and finds its courses, so several instances can run
//! side by side and the kiosk works from any working directory.

use std::path::{Path, PathBuf};

/// `--data-dir` when given, else a `baeumteo` folder under the user's data directory.
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| {
        directories::BaseDirs::new()
            .map(|b| b.data_dir().join("baeumteo"))
            .unwrap_or_else(|| PathBuf::from("baeumteo-data"))
    })
}

/// The courses folder: `--courses DIR`; else `./courses` when it exists; else the
/// `courses/` folder of the source tree the kiosk was built from.
pub fn courses_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir;
    }
    let local = PathBuf::from("courses");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses")
}

/// The assets folder (the Hangul fonts of the window and of certificate PDFs): `share/baeumteo/assets` beside the
/// installed binary's prefix; else `./assets` when it exists; else the `assets/` folder
/// of the source tree the kiosk was built from.
pub fn assets_dir() -> PathBuf {
    let installed = std::env::current_exe().ok().and_then(|exe| {
        let prefix = exe.parent()?.parent()?;
        Some(prefix.join("share/baeumteo/assets"))
    });
    if let Some(dir) = installed.filter(|d| d.is_dir()) {
        return dir;
    }
    let local = PathBuf::from("assets");
    if local.join("fonts").is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets")
}
