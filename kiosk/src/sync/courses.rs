//! Installing a course package from the server: check size, sha256 and the signature by
//! the server's course key pinned at enrollment (see `baeumteo_core::signing`), unpack
//! beside the courses folder, run the same validator as `kiosk courses check`, then swap
//! it in. Anything wrong leaves the installed version exactly as it was.

use std::path::{Path, PathBuf};

use baeumteo_core::course::{AssetCheck, load_course};
use baeumteo_core::wire::CourseUpdate;
use sha2::{Digest, Sha256};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CourseInstallError {
    #[error("the package has {got} bytes, the server announced {expected}")]
    Size { expected: u64, got: u64 },
    #[error("the package's sha256 is {got}, the server announced {expected}")]
    Hash { expected: String, got: String },
    #[error(
        "no course key was pinned when this kiosk enrolled; enroll it again to receive course updates"
    )]
    NoKey,
    #[error(transparent)]
    Signature(#[from] baeumteo_core::signing::SignatureError),
    #[error("`{0}` is not a safe course folder name")]
    BadId(String),
    #[error("the package holds an unsafe or unreadable entry: {0}")]
    BadEntry(String),
    #[error("the course in the package does not pass the checks: {0}")]
    Invalid(String),
    #[error("the package is course {id} version {version}, not what was announced")]
    Mismatch { id: String, version: u32 },
    #[error("cannot write in the courses folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub fn install_course(
    courses_dir: &Path,
    update: &CourseUpdate,
    package: &[u8],
    course_key: Option<&str>,
) -> Result<(), CourseInstallError> {
    if package.len() as u64 != update.size {
        return Err(CourseInstallError::Size {
            expected: update.size,
            got: package.len() as u64,
        });
    }
    let got = hex::encode(Sha256::digest(package));
    if !got.eq_ignore_ascii_case(&update.sha256) {
        return Err(CourseInstallError::Hash {
            expected: update.sha256.clone(),
            got,
        });
    }
    let key = course_key.ok_or(CourseInstallError::NoKey)?;
    baeumteo_core::signing::verify_package(key, package, &update.signature)?;
    let id = &update.course_id;
    let safe = !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !safe {
        return Err(CourseInstallError::BadId(id.clone()));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CourseInstallError::Io { path, source }
    };
    std::fs::create_dir_all(courses_dir).map_err(io(courses_dir))?;
    // Hidden folders are skipped by the course loader, so a half-unpacked package is
    // never mistaken for a course.
    let staging = courses_dir.join(format!(".incoming-{id}-{}", update.version));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    std::fs::create_dir_all(&staging).map_err(io(&staging))?;
    let result = unpack_and_check(&staging, update, package);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let target = courses_dir.join(id);
    let old = courses_dir.join(format!(".previous-{id}"));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    let had_old = target.exists();
    if had_old {
        std::fs::rename(&target, &old).map_err(io(&target))?;
    }
    if let Err(e) = std::fs::rename(&staging, &target) {
        if had_old {
            let _ = std::fs::rename(&old, &target);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(CourseInstallError::Io {
            path: target,
            source: e,
        });
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    tracing::info!(course = %id, version = update.version, "course installed");
    Ok(())
}

fn unpack_and_check(
    staging: &Path,
    update: &CourseUpdate,
    package: &[u8],
) -> Result<(), CourseInstallError> {
    let mut archive = tar::Archive::new(package);
    let entries = archive
        .entries()
        .map_err(|e| CourseInstallError::BadEntry(e.to_string()))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| CourseInstallError::BadEntry(e.to_string()))?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            return Err(CourseInstallError::BadEntry(format!(
                "{:?} is neither a file nor a folder",
                entry
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )));
        }
        // `unpack_in` refuses paths that would leave the folder (`..`, absolute).
        let inside = entry
            .unpack_in(staging)
            .map_err(|e| CourseInstallError::BadEntry(e.to_string()))?;
        if !inside {
            return Err(CourseInstallError::BadEntry(
                "a path outside the course".into(),
            ));
        }
    }
    let course = load_course(staging, AssetCheck::Decode).map_err(|problems| {
        CourseInstallError::Invalid(
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    if course.id != update.course_id || course.version != update.version {
        return Err(CourseInstallError::Mismatch {
            id: course.id,
            version: course.version,
        });
    }
    Ok(())
}
