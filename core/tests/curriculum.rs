//! The shipped curriculum in `courses/`: it loads without a problem or warning, every step
//! and every quiz's right and wrong feedback is narrated from its current text, and every simulation hotspot lies on a button that the
//! screen's picture really draws.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use baeumteo_core::course::{Course, CourseSet, Step, StepKind, load_courses};

fn courses_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses")
}

/// Loaded once: checking decodes every picture and narration file.
fn curriculum() -> &'static CourseSet {
    static SET: OnceLock<CourseSet> = OnceLock::new();
    let set = SET.get_or_init(|| load_courses(&courses_dir()));
    let problems: Vec<String> = set.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "course problems:\n{}",
        problems.join("\n")
    );
    set
}

fn steps(course: &Course) -> impl Iterator<Item = (&str, &Step)> {
    course
        .lessons
        .iter()
        .flat_map(|l| l.steps.iter().map(move |s| (l.id.as_str(), s)))
}

#[test]
fn the_curriculum_loads_without_problems() {
    let set = curriculum();
    assert!(!set.courses.is_empty());
}

#[test]
fn the_curriculum_has_no_warnings_everything_is_read_aloud() {
    let warnings: Vec<String> = curriculum()
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
}

#[test]
fn every_quiz_of_every_course_reads_its_right_and_wrong_feedback_aloud() {
    let mut quizzes = 0;
    for course in &curriculum().courses {
        for (lesson, step) in steps(course) {
            let StepKind::Quiz {
                right_narration,
                wrong_narration,
                ..
            } = &step.kind
            else {
                continue;
            };
            quizzes += 1;
            for (what, file) in [("right", right_narration), ("wrong", wrong_narration)] {
                let file = file.as_ref().unwrap_or_else(|| {
                    panic!(
                        "{}/{lesson}/{}: no {what} feedback audio",
                        course.id, step.id
                    )
                });
                assert!(file.is_file(), "{}", file.display());
                assert_ne!(
                    Some(file),
                    step.narration.as_ref(),
                    "{}/{lesson}/{}: feedback is not the question",
                    course.id,
                    step.id
                );
            }
            assert_ne!(right_narration, wrong_narration);
        }
    }
    assert!(quizzes > 0);
}

#[test]
fn the_eleven_courses_of_the_curriculum_are_there() {
    let set = curriculum();
    for id in [
        "smartphone-basics",
        "kiosk-ordering",
        "train-tickets",
        "messenger",
        "finance-safety",
        "qr-code",
        "public-services",
        "generative-ai",
        "digital-activist",
        "online-market",
        "video-learning",
    ] {
        let course = set
            .course(id)
            .unwrap_or_else(|| panic!("course `{id}` is missing"));
        assert!(
            (3..=6).contains(&course.lessons.len()),
            "`{id}` has {} lessons; a course has 3 to 6",
            course.lessons.len()
        );
        for lesson in &course.lessons {
            assert!(
                (5..=15).contains(&lesson.minutes),
                "{id}/{} takes {} minutes; a lesson takes 5 to 15",
                lesson.id,
                lesson.minutes
            );
        }
    }
}

#[test]
fn exactly_one_course_is_the_certification_track_with_hours_and_assessments() {
    let tracks: Vec<&Course> = curriculum()
        .courses
        .iter()
        .filter(|c| c.certification.is_some())
        .collect();
    assert_eq!(tracks.len(), 1, "certification tracks: {}", tracks.len());
    let track = tracks[0].certification.as_ref().expect("filtered on it");
    assert_eq!(tracks[0].id, "digital-activist");
    assert!(track.required_hours > 0);
    assert!(!track.assessments.is_empty());
    for lesson in &track.assessments {
        let lesson = tracks[0].lesson(lesson).expect("the loader checked it");
        assert!(
            lesson
                .steps
                .iter()
                .any(|s| matches!(s.kind, StepKind::Quiz { .. })),
            "assessment `{}` has no quiz",
            lesson.id
        );
    }
}

#[test]
fn every_step_of_every_course_has_narration() {
    for course in &curriculum().courses {
        for (lesson, step) in steps(course) {
            assert!(
                step.narration.is_some(),
                "{}/{lesson}/{} has no narration",
                course.id,
                step.id
            );
        }
    }
}

/// Every audio file a step names, with the text `scripts/narrate` reads aloud for it (the
/// same rule as its `narrated_texts`).
fn narrated(step: &Step) -> Vec<(&PathBuf, String)> {
    let mut files: Vec<(&PathBuf, String)> = step
        .narration
        .iter()
        .map(|n| (n, narration_text(step)))
        .collect();
    if let StepKind::Quiz {
        right,
        wrong,
        right_narration,
        wrong_narration,
        ..
    } = &step.kind
    {
        files.extend(right_narration.iter().map(|n| (n, right.clone())));
        files.extend(wrong_narration.iter().map(|n| (n, wrong.clone())));
    }
    files
}

/// What `scripts/narrate` reads aloud for a step (the same rule as its `spoken_text`).
fn narration_text(step: &Step) -> String {
    match &step.kind {
        StepKind::Quiz {
            question, choices, ..
        } => {
            let mut parts = vec![question.clone()];
            parts.extend(
                choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{}번, {c}.", i + 1)),
            );
            parts.join(" ")
        }
        _ => step.spoken_text().to_string(),
    }
}

#[test]
fn every_narration_file_was_made_from_its_steps_current_text() {
    for course in &curriculum().courses {
        let manifest_path = course.dir.join("audio/.narration-manifest");
        let manifest: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(&manifest_path)
                .unwrap_or_else(|e| panic!("{}: {e}", manifest_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", manifest_path.display()));
        for (lesson, step) in steps(course) {
            for (audio, text) in narrated(step) {
                let rel = audio
                    .strip_prefix(&course.dir)
                    .expect("narration lies inside its course folder")
                    .to_string_lossy()
                    .replace('\\', "/");
                let entry = &manifest["files"][&rel];
                assert_eq!(
                    entry["text"].as_str(),
                    Some(text.as_str()),
                    "{}/{lesson}/{}: {rel} is out of date; run scripts/narrate",
                    course.id,
                    step.id
                );
            }
        }
    }
}

/// The rectangles of an SVG picture, as fractions of its viewBox.
fn drawn_rects(svg: &Path) -> Vec<[f32; 4]> {
    let text = fs::read_to_string(svg).unwrap_or_else(|e| panic!("{}: {e}", svg.display()));
    let doc = roxmltree::Document::parse(&text).expect("the validator parsed this SVG");
    let root = doc.root_element();
    let view: Vec<f32> = root
        .attribute("viewBox")
        .unwrap_or_else(|| panic!("{} has no viewBox", svg.display()))
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let (vw, vh) = (view[2], view[3]);
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f32>().ok());
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| {
            Some([
                num(n, "x")? / vw,
                num(n, "y")? / vh,
                num(n, "width")? / vw,
                num(n, "height")? / vh,
            ])
        })
        .collect()
}

#[test]
fn every_hotspot_lies_on_a_button_drawn_in_its_picture() {
    let mut rects_by_file: BTreeMap<PathBuf, Vec<[f32; 4]>> = BTreeMap::new();
    for course in &curriculum().courses {
        for (lesson, step) in steps(course) {
            let StepKind::Simulation {
                image: Some(image),
                hotspots,
                ..
            } = &step.kind
            else {
                continue;
            };
            let rects = rects_by_file
                .entry(image.clone())
                .or_insert_with(|| drawn_rects(image));
            for h in hotspots {
                let on_a_rect = rects.iter().any(|r| {
                    (r[0] - h.x).abs() < 0.002
                        && (r[1] - h.y).abs() < 0.002
                        && (r[2] - h.w).abs() < 0.002
                        && (r[3] - h.h).abs() < 0.002
                });
                assert!(
                    on_a_rect,
                    "{}/{lesson}/{}: hotspot `{}` matches no rectangle of {}",
                    course.id,
                    step.id,
                    h.label,
                    image.display()
                );
            }
        }
    }
}

#[test]
fn every_picture_is_sixteen_by_nine_like_the_player_box() {
    for course in &curriculum().courses {
        for (lesson, step) in steps(course) {
            let image = match &step.kind {
                StepKind::Slide { image, .. }
                | StepKind::Quiz { image, .. }
                | StepKind::Simulation { image, .. } => image,
                _ => continue,
            };
            let Some(image) = image else { continue };
            if image.extension().is_some_and(|e| e == "svg") {
                let text = fs::read_to_string(image).expect("the validator read this SVG");
                let doc = roxmltree::Document::parse(&text).expect("the validator parsed it");
                let view: Vec<f32> = doc
                    .root_element()
                    .attribute("viewBox")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect();
                assert!(
                    view.len() == 4 && (view[2] * 9.0 - view[3] * 16.0).abs() < 1.0,
                    "{}/{lesson}/{}: {} is not 16:9",
                    course.id,
                    step.id,
                    image.display()
                );
            }
        }
    }
}
