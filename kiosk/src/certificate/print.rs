//! Printing a certificate PDF through the system's print command (CUPS `lp`, which
//! prints PDF on A4 by itself). The kiosk looks for `lp` on the PATH at start; with no
//! print command the instructor saves the PDF instead.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("{command} could not be started: {source}")]
    Start {
        command: String,
        source: std::io::Error,
    },
    #[error("{command} failed: {detail}")]
    Failed { command: String, detail: String },
}

/// The CUPS `lp` command when it is installed.
pub fn find_print_command() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("lp"))
        .find(|p| p.is_file())
}

/// Sends `pdf` to the default printer with `command` (`lp FILE`); waits for the command,
/// not for the paper.
pub fn print(command: &Path, pdf: &Path) -> Result<(), PrintError> {
    let name = command.display().to_string();
    let output = Command::new(command)
        .arg(pdf)
        .output()
        .map_err(|source| PrintError::Start {
            command: name.clone(),
            source,
        })?;
    if output.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(PrintError::Failed {
            command: name,
            detail: if stderr.is_empty() {
                output.status.to_string()
            } else {
                stderr
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(dir: &Path, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fake-lp");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn the_pdf_is_handed_to_the_print_command_and_its_refusal_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("c.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        let printed = dir.path().join("printed.pdf");
        let ok = script(dir.path(), &format!("cp \"$1\" {}", printed.display()));
        print(&ok, &pdf).unwrap();
        assert_eq!(std::fs::read(&printed).unwrap(), b"%PDF-1.7");

        let refusing = script(dir.path(), "echo 'lp: No default destination' >&2; exit 1");
        let err = print(&refusing, &pdf).unwrap_err();
        assert!(err.to_string().contains("No default destination"), "{err}");
        assert!(matches!(
            print(&dir.path().join("missing"), &pdf),
            Err(PrintError::Start { .. })
        ));
    }
}
