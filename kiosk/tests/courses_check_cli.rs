//! `kiosk courses check` lists every problem of a deliberately broken course with file,
//! line and column, exits 1, and still reports a clean course beside it as clean; a
//! warning (a step not read aloud) is listed the same way and does not fail the check.

use std::process::Command;

#[test]
fn courses_check_lists_every_problem_of_a_broken_course_and_exits_1() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken-courses");
    let out = Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .args(["courses", "check", dir])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Warnings (steps not read aloud) are printed too; this test is about the problems.
    let lines: Vec<String> = stdout
        .lines()
        .filter(|l| !l.contains(": warning: "))
        .map(|l| l.strip_prefix(dir).unwrap_or(l).to_string())
        .collect();
    let expected = [
        "/broken/course.toml:5:9: level must be 기초, 생활 or 심화, found `중급`",
        "/broken/course.toml:6:11: field `minutes` in course.toml must be a whole number, found string",
        "/broken/course.toml:8:21: lesson file lessons/missing.toml of lesson `missing` not found",
        "/broken/course.toml:8:32: duplicate lesson id `first`",
        "/broken/course.toml:9:27: prerequisite `nowhere` is not a course",
        "/broken/course.toml:10:1: unknown field `colour` in course.toml",
        "/broken/lessons/first.toml:9:9: `image` file `images/nothing.png`: file not found",
        "/broken/lessons/first.toml:12:6: duplicate step id `a`",
        "/broken/lessons/first.toml:16:10: answer `셋` is not among the choices",
    ];
    assert_eq!(lines, expected, "full output:\n{stdout}");
}

#[test]
fn courses_check_is_clean_and_exits_0_on_a_clean_folder() {
    let dir = tempfile::tempdir().unwrap();
    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/broken-courses/clean"
    );
    let dst = dir.path().join("clean");
    std::fs::create_dir_all(dst.join("lessons")).unwrap();
    std::fs::copy(format!("{src}/course.toml"), dst.join("course.toml")).unwrap();
    std::fs::copy(
        format!("{src}/lessons/only.toml"),
        dst.join("lessons/only.toml"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .args(["courses", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not fail the check"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 courses checked, no problems, 1 warnings"));
    // The one slide has no narration: a warning at its id, with file, line and column.
    let warning = format!(
        "{}:6:6: warning: step 1 (`hello`) is not read aloud: add `narration` (scripts/narrate makes it)",
        dst.join("lessons/only.toml").display()
    );
    assert!(stdout.lines().any(|l| l == warning), "{stdout}");
}
