//! The instructor side of `kiosk --demo`: two activist trainees on the first
//! certification-track course, both with every requirement met through attended class
//! sessions, completed lessons and passed assessments — one already holding a
//! certificate (issued five weeks ago) and a month of service since, one waiting for the
//! instructor's sign-off.

use baeumteo_core::course::{Course, StepKind};
use baeumteo_core::event::{Consent, EventBody, LearnerId, LearnerProfile, ServicePlace};
use chrono::{DateTime, Duration, NaiveTime, Utc};

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
    // Class sessions of three hours, one a week, ending 37 days ago: the certificate
    // follows two days later, and a month of service after it.
    let sessions = track.required_hours.div_ceil(3).max(1) as i64;
    let start = Utc::now() - Duration::days(37 + 7 * sessions);
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
    super::certification::issue_at(
        store,
        &projections,
        &directory,
        course,
        (trainees[0], instructor),
        Utc::now() - Duration::days(35),
    )?;
    if let Some(instructor) = instructor {
        service_month(store, trainees[0], instructor)?;
    }
    Ok(())
}

/// (days ago, start hour, minutes, place, place name, help, residents helped)
const SERVICE: [(i64, u32, u32, ServicePlace, &str, &str, u32); 8] = [
    (
        29,
        10,
        120,
        ServicePlace::SeniorCenter,
        "덕동 경로당",
        "카카오톡 사진 보내기",
        6,
    ),
    (
        26,
        14,
        90,
        ServicePlace::Center,
        "",
        "스마트폰 기초 수업 보조",
        9,
    ),
    (
        22,
        10,
        150,
        ServicePlace::VillageHall,
        "신기 마을회관",
        "무인 주문기 연습",
        8,
    ),
    (
        19,
        13,
        60,
        ServicePlace::HomeVisit,
        "",
        "은행 앱 설치와 보안 설정",
        1,
    ),
    (
        15,
        10,
        120,
        ServicePlace::PublicKiosk,
        "면사무소 민원 발급기",
        "민원 서류 발급 안내",
        5,
    ),
    (
        12,
        14,
        90,
        ServicePlace::Center,
        "",
        "카카오톡 수업 보조",
        11,
    ),
    (
        8,
        10,
        120,
        ServicePlace::SeniorCenter,
        "덕동 경로당",
        "사기 문자 알아보기",
        7,
    ),
    // Waiting for the instructor's confirmation.
    (
        3,
        10,
        90,
        ServicePlace::VillageHall,
        "신기 마을회관",
        "영상 통화 연습",
        5,
    ),
];

/// A month of service of the certified activist: seven sessions confirmed, one
/// waiting, and one corrected (the first was recorded as 90 minutes, then corrected to
/// 120 and confirmed again), as the registry and the allowance show them.
fn service_month(
    store: &mut Store,
    activist: LearnerId,
    instructor: uuid::Uuid,
) -> Result<(), InstructorError> {
    let now = Utc::now();
    let mut bodies = Vec::new();
    for (i, (days_ago, hour, minutes, place, place_name, help, residents)) in
        SERVICE.into_iter().enumerate()
    {
        let recorded = now - Duration::days(days_ago) + Duration::hours(6);
        let on = baeumteo_core::time::kst_date(now - Duration::days(days_ago));
        let service_id = uuid::Uuid::now_v7();
        let session = |service_id, minutes, replaces| EventBody::ServiceLogged {
            service_id,
            activist_id: activist,
            on,
            start: NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN),
            minutes,
            place,
            place_name: place_name.into(),
            help: help.into(),
            residents,
            learners: Vec::new(),
            replaces,
            recorded_by: None,
        };
        let mut confirmed = service_id;
        if i == 0 {
            // Recorded short, then corrected: a new record replacing the first.
            bodies.push((session(service_id, 90, None), recorded));
            confirmed = uuid::Uuid::now_v7();
            bodies.push((
                session(confirmed, minutes, Some(service_id)),
                recorded + Duration::hours(1),
            ));
        } else {
            bodies.push((session(service_id, minutes, None), recorded));
        }
        if i + 1 < SERVICE.len() {
            bodies.push((
                EventBody::ServiceConfirmed {
                    service_id: confirmed,
                    instructor_id: instructor,
                },
                recorded + Duration::days(1),
            ));
        }
    }
    store.append_many(bodies)?;
    Ok(())
}
