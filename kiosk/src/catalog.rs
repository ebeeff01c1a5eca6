//! The courses the kiosk offers: every clean course of the courses folder. A broken
//! course is skipped with a logged warning and never hides the others.

use std::path::Path;

use baeumteo_core::course::{Course, StepKind, load_courses};

pub fn load(dir: &Path) -> Vec<Course> {
    let set = load_courses(dir);
    for problem in &set.problems {
        tracing::warn!(%problem, "course skipped: fix it and run `kiosk courses check`");
    }
    tracing::info!(courses = set.courses.len(), dir = %dir.display(), "courses loaded");
    set.courses
}

/// The step that shows a course best, as (lesson, step) indexes: the middle one of its
/// simulated screens with a picture (the course's own kiosk or app, well into a flow);
/// else its first quiz, then slide, with a picture; else its first step.
pub fn sample_step(course: &Course) -> Option<(usize, usize)> {
    let steps: Vec<(usize, usize, &StepKind)> = course
        .lessons
        .iter()
        .enumerate()
        .flat_map(|(li, l)| {
            l.steps
                .iter()
                .enumerate()
                .map(move |(si, s)| (li, si, &s.kind))
        })
        .collect();
    let simulations: Vec<(usize, usize)> = steps
        .iter()
        .filter(|(_, _, k)| matches!(k, StepKind::Simulation { image: Some(_), .. }))
        .map(|&(l, s, _)| (l, s))
        .collect();
    if !simulations.is_empty() {
        return Some(simulations[simulations.len() / 2]);
    }
    let pictured = |quiz: bool| {
        steps.iter().find(|(_, _, k)| match k {
            StepKind::Quiz { image, .. } => quiz && image.is_some(),
            StepKind::Slide { image, .. } => !quiz && image.is_some(),
            _ => false,
        })
    };
    pictured(true)
        .or_else(|| pictured(false))
        .or(steps.first())
        .map(|&(l, s, _)| (l, s))
}

/// The picture that stands for a course (on its card of the course home, and in
/// `kiosk screenshots --course-samples`): the image of its `sample_step`, if it has one.
pub fn picture(course: &Course) -> Option<&Path> {
    let (l, s) = sample_step(course)?;
    match &course.lessons[l].steps[s].kind {
        StepKind::Slide { image, .. }
        | StepKind::Quiz { image, .. }
        | StepKind::Simulation { image, .. } => image.as_deref(),
        _ => None,
    }
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

    #[test]
    fn every_shipped_course_has_a_picture_for_its_card() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses");
        for course in super::load(&dir) {
            let picture =
                super::picture(&course).unwrap_or_else(|| panic!("{} has no picture", course.id));
            assert!(picture.is_file(), "{}", picture.display());
        }
    }
}
