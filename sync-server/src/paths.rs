//! Where the server finds the files it ships with, from any working directory: an
//! installed (or unpacked) package finds them beside its own binary, a checkout in `./`.

use std::path::{Path, PathBuf};

use baeumteo_storage::DataFolder;

/// The server's data folder: its lock (held by `serve`, so a second server or a restore
/// is refused underneath it) and its owner (root is refused on the service user's folder).
pub const DATA_FOLDER: DataFolder = DataFolder {
    lock_file: "sync-server.lock",
    running: "a sync-server",
    stop: "systemctl stop baeumteo-sync-server",
    run_as: "sudo -u baeumteo-sync sync-server …",
};

/// The course folders (for titles): `<prefix>/share/baeumteo-sync-server/courses`
/// beside the running binary (`<prefix>/bin/sync-server`) when it exists, else
/// `./courses`. The server's own folder, so that the kiosk package (which ships
/// `/usr/share/baeumteo/courses`) can be installed on the same machine.
pub fn courses_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| share_beside(&exe))
        .map(|share| share.join("courses"))
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| PathBuf::from("courses"))
}

/// The bundled Hangul font's folder, served to browsers with `@font-face` (a county PC
/// without Korean fonts would show boxes) and used by the summary PDF:
/// `<prefix>/share/baeumteo-sync-server/fonts` beside the running binary when it
/// exists, else `./assets/fonts` (a checkout), else `../assets/fonts` (tests run in
/// the crate's folder).
pub fn fonts_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| share_beside(&exe))
        .map(|share| share.join("fonts"))
        .filter(|d| d.is_dir())
        .or_else(|| {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/fonts");
            [PathBuf::from("assets/fonts"), manifest]
                .into_iter()
                .find(|d| d.is_dir())
        })
        .unwrap_or_else(|| PathBuf::from("assets/fonts"))
}

/// The regular face of the bundled font.
pub const FONT_REGULAR: &str = "NanumBarunGothic.ttf";

/// `<prefix>/share/baeumteo-sync-server` for a binary at `<prefix>/bin/NAME`.
fn share_beside(exe: &Path) -> Option<PathBuf> {
    let bin = exe.parent()?;
    if bin.file_name()? != "bin" {
        return None;
    }
    Some(bin.parent()?.join("share/baeumteo-sync-server"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_installed_binary_looks_under_its_own_prefix() {
        assert_eq!(
            share_beside(Path::new("/tmp/root/usr/bin/sync-server")),
            Some(PathBuf::from("/tmp/root/usr/share/baeumteo-sync-server"))
        );
        assert_eq!(
            share_beside(Path::new("/work/target/debug/sync-server")),
            None
        );
    }
}
