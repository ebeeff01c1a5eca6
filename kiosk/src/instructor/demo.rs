//! The instructor side of `kiosk --demo`: two activist trainees on the first
//! certification-track course, both with every requirement met through attended class
//! sessions, completed lessons and passed assessments — one already holding a
//! certificate, one waiting for the instructor's sign-off.

use baeumteo_core::course::{Course, StepKind};
use baeumteo_core::event::{Consent, EventBody, LearnerId, LearnerProfile};
use chrono::{DateTime, Duration, Utc};

use super::InstructorError;
use super::directory::Directory;
use crate::store::Store;

/// (name, birth year, icon)
const TRAINEES: [(&str, u16, &str); 2] = [("정다운", 1961, "sun"), ("서미경", 1966, "leaf")];

/// Adds the trainees' history to a demo store. Does nothing without a certification
/// course or without an instructor.
pub fn populate(store: &mut Store, courses: &[Course]) -> Result<(), InstructorError> {
    let Some(course) = courses.iter().find(|c| c.certification.is_some()) else {
        tracing::info!("no certification-track course: the demo has no activist trainees");
        return Ok(());
    };
    let Some(track) = course.certification.clone() else {
        return Ok(());
    };
    let directory = Directory::from_events(&store.all_events()?);
    let instructor = directory.instructors().next().map(|i| i.instructor_id);
    let township = directory
        .center
        .as_ref()
        .map(|c| c.township.clone())
        .unwrap_or_default();

    let mut trainees: Vec<LearnerId> = Vec::new();
    let mut bodies: Vec<(EventBody, DateTime<Utc>)> = Vec::new();
    // Class sessions of three hours, one a week, ending two days ago.
    let sessions = track.required_hours.div_ceil(3).max(1) as i64;
    let start = Utc::now() - Duration::days(2 + 7 * sessions);
    for (name, birth_year, icon) in TRAINEES {
        let id = uuid::Uuid::now_v7();
        trainees.push(id);
        bodies.push((
            EventBody::LearnerRegistered {
                learner_id: id,
                profile: LearnerProfile {
                    name: name.into(),
                    birth_year,
                    township: township.clone(),
                    gender: None,
                    phone: None,
                    icon: icon.into(),
                    pin_hash: None,
                    consent: Consent {
                        version: super::registration::CONSENT_VERSION.into(),
                        required: true,
                        gender: false,
                        phone: false,
                    },
                },
            },
            start - Duration::days(1),
        ));
    }
    for week in 0..sessions {
        let session_id = uuid::Uuid::now_v7();
        let opened = start + Duration::days(7 * week);
        bodies.push((
            EventBody::SessionOpened {
                session_id,
                course_id: course.id.clone(),
                instructor_id: instructor,
            },
            opened,
        ));
        for t in &trainees {
            bodies.push((
                EventBody::CheckedIn {
                    session_id,
                    learner_id: *t,
                },
                opened,
            ));
        }
        bodies.push((
            EventBody::SessionClosed { session_id },
            opened + Duration::hours(3),
        ));
    }
    // Every lesson done, quizzes answered right the first time.
    let done_at = start + Duration::days(7 * (sessions - 1)) + Duration::hours(1);
    for t in &trainees {
        for lesson in &course.lessons {
            for step in &lesson.steps {
                if let StepKind::Quiz { answer, .. } = &step.kind {
                    bodies.push((
                        EventBody::QuizAnswered {
                            learner_id: *t,
                            course_id: course.id.clone(),
                            lesson_id: lesson.id.clone(),
                            step_id: step.id.clone(),
                            choice: *answer as u32,
                            correct: true,
                        },
                        done_at,
                    ));
                }
                bodies.push((
                    EventBody::StepCompleted {
                        learner_id: *t,
                        course_id: course.id.clone(),
                        lesson_id: lesson.id.clone(),
                        step_id: step.id.clone(),
                    },
                    done_at,
                ));
            }
            bodies.push((
                EventBody::LessonCompleted {
                    learner_id: *t,
                    course_id: course.id.clone(),
                    lesson_id: lesson.id.clone(),
                },
                done_at,
            ));
        }
    }
    store.append_many(bodies)?;

    // The first trainee's certificate was issued already.
    let projections = store.projections()?.projections;
    let directory = Directory::from_events(&store.all_events()?);
    super::certification::issue(
        store,
        &projections,
        &directory,
        course,
        trainees[0],
        instructor,
    )?;
    Ok(())
}
