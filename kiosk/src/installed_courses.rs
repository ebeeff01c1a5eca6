//! An installed kiosk's courses. The package ships them read-only under
//! `/usr/share/baeumteo/courses`, but course updates from the server must be written
//! somewhere the kiosk's user may write, and never into files dpkg owns. So an
//! installed kiosk works from `<data>/courses`: filled from the shipped copy once per
//! package version, where a course the server installed later stays unless the package
//! ships a newer version of it.

use std::path::{Path, PathBuf};

use baeumteo_core::course::{AssetCheck, load_course};

/// The courses folder an installed kiosk works from, brought up to date with the
/// shipped courses when this package version has not done so yet.
pub fn working_copy(shipped: &Path, data_dir: &Path) -> std::io::Result<PathBuf> {
    let local = data_dir.join("courses");
    let marker = local.join(format!(".shipped-{}", env!("CARGO_PKG_VERSION")));
    if marker.exists() {
        return Ok(local);
    }
    std::fs::create_dir_all(&local)?;
    for entry in std::fs::read_dir(shipped)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || !entry.file_type()?.is_dir() {
            continue;
        }
        let target = local.join(&name);
        if newer_than(&entry.path(), &target) {
            replace_with_copy(&entry.path(), &target)?;
        }
    }
    // Markers of earlier package versions go; this one says the copy is current.
    for entry in std::fs::read_dir(&local)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(".shipped-") {
            std::fs::remove_file(entry.path())?;
        }
    }
    std::fs::write(&marker, b"")?;
    Ok(local)
}

/// Whether the shipped course should replace the local one: it loads, and the local one
/// is missing, broken or of a lower version.
fn newer_than(shipped: &Path, local: &Path) -> bool {
    match (
        load_course(shipped, AssetCheck::Exists),
        load_course(local, AssetCheck::Exists),
    ) {
        (Ok(s), Ok(l)) => s.version > l.version,
        (Ok(_), Err(_)) => true,
        (Err(problems), _) => {
            tracing::warn!(course = %shipped.display(), ?problems, "shipped course not copied");
            false
        }
    }
}

/// Copies beside the target first, then swaps, so a cut copy never replaces a course.
fn replace_with_copy(from: &Path, target: &Path) -> std::io::Result<()> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let staging = target.with_file_name(format!(".shipping-{name}"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    copy_dir(from, &staging)?;
    if target.exists() {
        std::fs::remove_dir_all(target)?;
    }
    std::fs::rename(&staging, target)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COURSE: &str = "qr-code";

    fn shipped_with_version(root: &Path, version: u32) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../courses")
            .join(COURSE);
        let dir = root.join(COURSE);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        copy_dir(&src, &dir).unwrap();
        let toml = std::fs::read_to_string(dir.join("course.toml")).unwrap();
        let toml = toml.replace("version = 1\n", &format!("version = {version}\n"));
        std::fs::write(dir.join("course.toml"), toml).unwrap();
    }

    fn local_version(data: &Path) -> u32 {
        load_course(&data.join("courses").join(COURSE), AssetCheck::Exists)
            .unwrap()
            .version
    }

    /// What a new package version looks like to the working copy.
    fn forget_marker(data: &Path) {
        for e in std::fs::read_dir(data.join("courses")).unwrap() {
            let e = e.unwrap();
            if e.file_name().to_string_lossy().starts_with(".shipped-") {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
    }

    #[test]
    fn shipped_courses_are_copied_once_and_a_newer_course_from_the_server_is_kept() {
        let (shipped, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        shipped_with_version(shipped.path(), 2);
        let local = working_copy(shipped.path(), data.path()).unwrap();
        assert_eq!(local, data.path().join("courses"));
        assert_eq!(local_version(data.path()), 2);

        // The server installs version 5; a later package still ships version 2.
        shipped_with_version(&local, 5);
        forget_marker(data.path());
        working_copy(shipped.path(), data.path()).unwrap();
        assert_eq!(local_version(data.path()), 5);

        // A package that ships version 7 brings it.
        shipped_with_version(shipped.path(), 7);
        forget_marker(data.path());
        working_copy(shipped.path(), data.path()).unwrap();
        assert_eq!(local_version(data.path()), 7);
    }
}
