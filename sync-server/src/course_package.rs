//! Course packages: a course folder as one tar (sorted paths, no timestamps, so the same
//! folder always gives the same bytes and the same sha256). Only a course that passes
//! the shared validator is packed.

use std::path::{Path, PathBuf};

use baeumteo_core::course::{AssetCheck, Course, load_course};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PackError {
    #[error("the course does not pass the checks:\n{0}")]
    Invalid(String),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Validates and packs a course folder.
pub fn pack_course(dir: &Path) -> Result<(Course, Vec<u8>), PackError> {
    let course = load_course(dir, AssetCheck::Decode).map_err(|problems| {
        PackError::Invalid(
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut builder = tar::Builder::new(Vec::new());
    for rel in files {
        let path = dir.join(&rel);
        let data = std::fs::read(&path).map_err(|source| PackError::Io {
            path: path.clone(),
            source,
        })?;
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut header, &rel, data.as_slice())
            .map_err(|source| PackError::Io { path, source })?;
    }
    let bytes = builder.into_inner().map_err(|source| PackError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok((course, bytes))
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), PackError> {
    let io = |source| PackError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(io)?;
        if kind.is_dir() {
            collect_files(root, &path, out)?;
        } else if kind.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}
