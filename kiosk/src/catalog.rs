//! The courses the kiosk offers: every clean course of the courses folder. A broken
//! course is skipped with a logged warning and never hides the others.

use std::path::Path;

use baeumteo_core::course::{Course, load_courses};

pub fn load(dir: &Path) -> Vec<Course> {
    let set = load_courses(dir);
    for problem in &set.problems {
        tracing::warn!(%problem, "course skipped: fix it and run `kiosk courses check`");
    }
    tracing::info!(courses = set.courses.len(), dir = %dir.display(), "courses loaded");
    set.courses
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_broken_course_is_skipped_and_the_clean_one_still_loads() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-courses");
        let courses = super::load(&dir);
        let ids: Vec<&str> = courses.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["clean"]);
    }
}
