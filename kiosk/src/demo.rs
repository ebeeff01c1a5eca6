//! `kiosk --demo`: a demo data folder with a demo center, an instructor, learners and some
//! progress, made on first use so that a person can try the kiosk at once.

use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHasher, SaltString};
use baeumteo_core::event::{Consent, EventBody, LearnerId, LearnerProfile};
use uuid::Uuid;

use crate::store::{Store, StoreError};

/// The PIN of the demo instructor and of the one demo learner who uses a PIN.
pub const DEMO_PIN: &str = "1234";
const MARKER: &str = "demo.created";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Instructor(#[from] crate::instructor::InstructorError),
    #[error("the demo PIN could not be hashed: {0}")]
    Hash(String),
}

/// (name, birth year, icon, uses a PIN)
const LEARNERS: [(&str, u16, &str, bool); 12] = [
    ("김순자", 1948, "flower", false),
    ("이영희", 1952, "sun", false),
    ("박말순", 1944, "tree", true),
    ("최옥자", 1950, "heart", false),
    ("정복순", 1946, "moon", false),
    ("강춘자", 1955, "star", false),
    ("조영자", 1949, "house", false),
    ("윤정숙", 1957, "apple", false),
    ("장덕순", 1941, "mountain", false),
    ("임순례", 1953, "bird", false),
    ("한말자", 1947, "fish", false),
    ("오금순", 1951, "leaf", false),
];

fn hash(pin: &str) -> Result<String, DemoError> {
    let salt = SaltString::encode_b64(Uuid::new_v4().as_bytes())
        .map_err(|e| DemoError::Hash(e.to_string()))?;
    argon2::Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DemoError::Hash(e.to_string()))
}

/// Makes the demo data in `dir` unless it is there already; returns `dir`.
pub fn ensure(dir: &Path, courses_dir: &Path) -> Result<PathBuf, DemoError> {
    // Without the quick_check: whoever uses the store next opens it checked (the window,
    // a subcommand), and checking twice doubled the start of a large demo store.
    let mut store = Store::open_in_checked_elsewhere(dir)?;
    if store.setting(MARKER)?.is_none() {
        populate(&mut store, courses_dir)?;
        store.set_setting(MARKER, "1")?;
    }
    Ok(dir.to_path_buf())
}

fn populate(store: &mut Store, courses_dir: &Path) -> Result<(), DemoError> {
    store.append(EventBody::CenterConfigured {
        center_name: "남면 디지털배움터".into(),
        county: "배움군".into(),
        township: "남면".into(),
    })?;
    store.append(EventBody::InstructorAdded {
        instructor_id: Uuid::now_v7(),
        name: "김강사".into(),
        pin_hash: hash(DEMO_PIN)?,
    })?;
    let mut ids: Vec<LearnerId> = Vec::new();
    for (name, birth_year, icon, pin) in LEARNERS {
        let id = Uuid::now_v7();
        ids.push(id);
        store.append(EventBody::LearnerRegistered {
            learner_id: id,
            profile: LearnerProfile {
                name: name.into(),
                birth_year,
                township: "남면".into(),
                gender: None,
                phone: None,
                icon: icon.into(),
                pin_hash: if pin { Some(hash(DEMO_PIN)?) } else { None },
                consent: Consent {
                    version: "2026-01".into(),
                    required: true,
                    gender: false,
                    phone: false,
                },
            },
        })?;
    }
    // Some progress: the first learner finished the first lesson of the first course and
    // is half-way through the second; the second learner stopped inside the first lesson.
    let set = baeumteo_core::course::load_courses(courses_dir);
    if let Some(course) = set.courses.first() {
        let mut done = |learner: LearnerId, lesson: usize, steps: usize, complete: bool| {
            let Some(l) = course.lessons.get(lesson) else {
                return Ok::<(), DemoError>(());
            };
            for s in l.steps.iter().take(steps) {
                store.append(EventBody::StepCompleted {
                    learner_id: learner,
                    course_id: course.id.clone(),
                    lesson_id: l.id.clone(),
                    step_id: s.id.clone(),
                })?;
            }
            if complete {
                store.append(EventBody::LessonCompleted {
                    learner_id: learner,
                    course_id: course.id.clone(),
                    lesson_id: l.id.clone(),
                })?;
            }
            Ok(())
        };
        let first = course.lessons.first().map_or(0, |l| l.steps.len());
        done(ids[0], 0, first, true)?;
        let second = course.lessons.get(1).map_or(0, |l| l.steps.len());
        done(ids[0], 1, second / 2, false)?;
        done(ids[1], 0, 2.min(first.saturating_sub(1)), false)?;
    }
    // Activist trainees and an issued certificate (instructor mode).
    crate::instructor::demo::populate(store, &set.courses)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_made_once_with_a_center_and_learners() {
        let dir = tempfile::tempdir().unwrap();
        let courses = tempfile::tempdir().unwrap();
        ensure(dir.path(), courses.path()).unwrap();
        let count = Store::open_in(dir.path()).unwrap().event_count().unwrap();
        ensure(dir.path(), courses.path()).unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        assert_eq!(store.event_count().unwrap(), count, "made twice");
        let events = store.all_events().unwrap();
        assert_eq!(crate::signin::roster(&events).len(), LEARNERS.len());
        assert!(
            events
                .iter()
                .any(|e| matches!(e.body, EventBody::CenterConfigured { .. }))
        );
    }

    #[test]
    fn the_demo_activist_has_a_month_of_service_with_one_correction_and_one_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let courses = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses");
        ensure(dir.path(), &courses).unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let p = store.projections().unwrap().projections;
        let by_month = p.service.minutes_by_month();
        assert_eq!(by_month.len(), 1, "one activist served");
        let (confirmed, waiting) = by_month
            .values()
            .flat_map(|m| m.values())
            .fold((0, 0), |(c, w), m| (c + m.confirmed, w + m.waiting));
        // Seven sessions confirmed (the corrected one at its corrected length), one waiting.
        assert_eq!((confirmed, waiting), (750, 90));
        assert_eq!(p.service.waiting().len(), 1);
    }
}
