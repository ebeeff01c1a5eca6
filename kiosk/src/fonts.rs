//! The window's Hangul fonts, read from the assets folder at start-up instead of being
//! embedded in the binary: they are 8.6 MB of a package that must fit any USB stick and
//! update over a weak rural link, and the certificate PDF reads the same files.
//!
//! Slint 1.18 has no Rust call to add a font at run time; it reads `SLINT_FONT_PATH`
//! when it builds its font collection (at the first text it lays out), so `main` sets it
//! before anything else runs. `cargo run` and `cargo test` get the same variable from
//! `.cargo/config.toml`.

use std::ffi::OsString;
use std::path::PathBuf;

/// The regular face; the window's `default-font-family` names its family.
pub const REGULAR: &str = "NanumBarunGothic.ttf";

/// The folder of the bundled fonts.
pub fn dir() -> PathBuf {
    crate::paths::assets_dir().join("fonts")
}

/// `SLINT_FONT_PATH` with the bundled fonts' folder first, keeping any folders already
/// named there (an operator's own fallback fonts).
pub fn font_path(existing: Option<OsString>) -> OsString {
    let ours = dir();
    let mut dirs = vec![ours.clone()];
    if let Some(existing) = existing {
        dirs.extend(std::env::split_paths(&existing).filter(|d| *d != ours));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| dir().into_os_string())
}

/// Points Slint at the bundled fonts. Says so in the log when they are missing: the
/// window would then draw Hangul with whatever the system has, or as boxes.
///
/// # Safety
/// Changes the process environment: call it first thing in `main`, before any other
/// thread exists.
pub unsafe fn use_bundled() {
    if !dir().join(REGULAR).is_file() {
        tracing::error!(
            folder = %dir().display(),
            "the Hangul font is missing; reinstall the kiosk (text may show as boxes)"
        );
    }
    let value = font_path(std::env::var_os("SLINT_FONT_PATH"));
    // SAFETY: the caller guarantees no other thread reads the environment now.
    unsafe { std::env::set_var("SLINT_FONT_PATH", value) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_come_first_and_an_operators_folders_stay() {
        let ours = dir();
        let path = font_path(Some(
            std::env::join_paths(["/opt/fonts", ours.to_str().unwrap()]).unwrap(),
        ));
        let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
        assert_eq!(dirs, vec![ours, PathBuf::from("/opt/fonts")]);
    }

    #[test]
    fn the_bundled_regular_face_is_where_the_window_looks_for_it() {
        assert!(dir().join(REGULAR).is_file(), "{}", dir().display());
    }
}
