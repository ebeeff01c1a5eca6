//! Where the kiosk keeps its data, so several instances can run side by side.

use std::path::PathBuf;

/// `--data-dir` when given, else a `baeumteo` folder under the user's data directory.
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| {
        directories::BaseDirs::new()
            .map(|b| b.data_dir().join("baeumteo"))
            .unwrap_or_else(|| PathBuf::from("baeumteo-data"))
    })
}

/// The courses folder: `--courses DIR`, else `courses/` beside the working directory.
pub fn courses_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| PathBuf::from("courses"))
}
