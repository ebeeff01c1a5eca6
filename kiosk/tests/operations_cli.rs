//! The kiosk's operator commands through the real binary: `status` says the version
//! and the folders it uses, `backup` to a folder (a USB stick) and `restore` on a new
//! data folder give back the same kiosk with every event.

use std::path::Path;
use std::process::{Command, Output};

fn kiosk(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn line(out: &Output, label: &str) -> String {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix(label).map(|v| v.trim().to_string()))
        .unwrap_or_else(|| panic!("no `{label}` line in {out:?}"))
}

#[test]
fn status_says_the_version_and_the_courses_folder() {
    let data = tempfile::tempdir().unwrap();
    let courses = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("--courses")
        .arg(courses.path())
        .arg("status")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(line(&out, "version:"), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        line(&out, "courses folder:"),
        courses.path().display().to_string()
    );
}

#[test]
fn a_backup_restored_into_a_new_folder_is_the_same_kiosk_with_every_event() {
    let (old, stick, new) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let courses = concat!(env!("CARGO_MANIFEST_DIR"), "/../courses");
    let simulated = Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .arg("--data-dir")
        .arg(old.path())
        .args([
            "--courses",
            courses,
            "simulate",
            "--learners",
            "3",
            "--days",
            "2",
        ])
        .output()
        .unwrap();
    assert!(simulated.status.success(), "{simulated:?}");
    let before = kiosk(old.path(), &["status"]);
    let out = stick.path().join("baeumteo-kiosk");
    let out = out.to_str().unwrap();
    let made = kiosk(old.path(), &["backup", "--out", out]);
    assert!(made.status.success(), "{made:?}");
    let restored = kiosk(new.path(), &["restore", "--from", out]);
    assert!(restored.status.success(), "{restored:?}");
    let after = kiosk(new.path(), &["status"]);
    assert_eq!(line(&after, "kiosk:"), line(&before, "kiosk:"));
    assert_eq!(line(&after, "database:"), line(&before, "database:"));
    let again = kiosk(new.path(), &["restore", "--from", out]);
    assert!(
        !again.status.success(),
        "a restore over records needs --force"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
}
