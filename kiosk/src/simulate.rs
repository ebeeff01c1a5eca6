//! `kiosk simulate`: a realistic activity history written into the local store, for
//! demos and load tests of sync. Learners register, come to classes a few days a week,
//! check in and out, work through lessons step by step (sometimes missing a gesture,
//! sometimes answering a quiz wrong), and now and then call for help.
//!
//! Generation is a pure function of the course shapes, the plan and the seed, so the
//! same seed gives the same history.

use baeumteo_core::course::{Course, StepKind};
use baeumteo_core::event::{Consent, EventBody, LearnerId, LearnerProfile};
use baeumteo_core::time::kst;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use uuid::Uuid;

/// What a course looks like to the simulator: its lessons and, per step, whether it is a
/// quiz (and how many choices it has).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseShape {
    pub course_id: String,
    pub lessons: Vec<(String, Vec<StepShape>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepShape {
    pub step_id: String,
    /// `Some((choices, answer))` for a quiz.
    pub quiz: Option<(u32, u32)>,
}

impl CourseShape {
    pub fn of(course: &Course) -> CourseShape {
        CourseShape {
            course_id: course.id.clone(),
            lessons: course
                .lessons
                .iter()
                .map(|l| {
                    let steps = l
                        .steps
                        .iter()
                        .map(|s| StepShape {
                            step_id: s.id.clone(),
                            quiz: match &s.kind {
                                StepKind::Quiz {
                                    choices, answer, ..
                                } => Some((choices.len() as u32, *answer as u32)),
                                _ => None,
                            },
                        })
                        .collect();
                    (l.id.clone(), steps)
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimPlan {
    pub learners: u32,
    pub days: u32,
    pub seed: u64,
    /// The last simulated day (KST); the history covers the `days` before and including it.
    pub until: NaiveDate,
}

const SURNAMES: &[&str] = &["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const SYLLABLES: &[&str] = &[
    "순", "자", "영", "숙", "옥", "희", "말", "분", "덕", "춘", "철", "수", "동", "기", "만", "복",
];
const ICONS: &[&str] = &[
    "flower", "tree", "sun", "moon", "bird", "fish", "cat", "dog", "apple", "star",
];

struct Learner {
    id: LearnerId,
    course: usize,
    lesson: usize,
    step: usize,
    /// Chance to come to a given class.
    diligence: f64,
}

/// The events of the simulated history, each with its kiosk time, in order.
pub fn simulate(
    plan: &SimPlan,
    courses: &[CourseShape],
    township: &str,
) -> Vec<(EventBody, DateTime<Utc>)> {
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let mut out = Vec::new();
    let courses: Vec<&CourseShape> = courses.iter().filter(|c| !c.lessons.is_empty()).collect();
    if courses.is_empty() || plan.days == 0 {
        return out;
    }
    let first_day = plan.until - Duration::days(i64::from(plan.days) - 1);
    let at = |day: NaiveDate, minute: i64| -> DateTime<Utc> {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        kst()
            .from_local_datetime(&midnight)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
            + Duration::minutes(minute)
    };

    let instructor_id = Uuid::from_u128(rng.random());
    out.push((
        EventBody::InstructorAdded {
            instructor_id,
            name: name(&mut rng),
            // Not a real PIN hash: a simulated instructor cannot sign in.
            pin_hash: String::new(),
        },
        at(first_day, 9 * 60),
    ));

    let mut learners: Vec<Learner> = Vec::new();
    let mut day = first_day;
    while day <= plan.until {
        // Learners join spread over the first half of the period.
        let joined_by = if plan.days <= 1 {
            plan.learners as usize
        } else {
            let elapsed = (day - first_day).num_days() as usize + 1;
            (plan.learners as usize * elapsed * 2 / plan.days as usize).min(plan.learners as usize)
        };
        let mut minute = 9 * 60 + 30;
        while learners.len() < joined_by {
            let learner = Learner {
                id: Uuid::from_u128(rng.random()),
                course: rng.random_range(0..courses.len()),
                lesson: 0,
                step: 0,
                diligence: rng.random_range(0.4..0.95),
            };
            out.push((
                EventBody::LearnerRegistered {
                    learner_id: learner.id,
                    profile: profile(&mut rng, township),
                },
                at(day, minute),
            ));
            minute += 3;
            learners.push(learner);
        }
        // Classes on weekdays; the center is closed at weekends.
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !learners.is_empty() {
            class(
                &mut rng,
                &mut out,
                &courses,
                &mut learners,
                instructor_id,
                &|m| at(day, m),
            );
        }
        day += Duration::days(1);
    }
    out.sort_by_key(|(_, t)| *t);
    out
}

fn class(
    rng: &mut StdRng,
    out: &mut Vec<(EventBody, DateTime<Utc>)>,
    courses: &[&CourseShape],
    learners: &mut [Learner],
    instructor_id: Uuid,
    at: &dyn Fn(i64) -> DateTime<Utc>,
) {
    let course = rng.random_range(0..courses.len());
    let session_id = Uuid::from_u128(rng.random());
    let start = 10 * 60;
    let end = start + rng.random_range(90..150);
    out.push((
        EventBody::SessionOpened {
            session_id,
            course_id: courses[course].course_id.clone(),
            instructor_id: Some(instructor_id),
        },
        at(start),
    ));
    let mut order: Vec<usize> = (0..learners.len()).collect();
    order.shuffle(rng);
    for i in order {
        let learner = &mut learners[i];
        if !rng.random_bool(learner.diligence) {
            continue;
        }
        let arrive = start + rng.random_range(0..20);
        out.push((
            EventBody::CheckedIn {
                session_id,
                learner_id: learner.id,
            },
            at(arrive),
        ));
        let shape = courses[learner.course];
        let mut minute = arrive + 2;
        let leave = end - rng.random_range(0..15);
        while minute < leave && learner.lesson < shape.lessons.len() {
            let (lesson_id, steps) = &shape.lessons[learner.lesson];
            let Some(step) = steps.get(learner.step) else {
                out.push((
                    EventBody::LessonCompleted {
                        learner_id: learner.id,
                        course_id: shape.course_id.clone(),
                        lesson_id: lesson_id.clone(),
                    },
                    at(minute),
                ));
                learner.lesson += 1;
                learner.step = 0;
                continue;
            };
            let base = (learner.id, &shape.course_id, lesson_id, &step.step_id);
            match step.quiz {
                Some((choices, answer)) => {
                    let correct = rng.random_bool(0.75);
                    let choice = if correct || choices < 2 {
                        answer
                    } else {
                        (answer + rng.random_range(1..choices)) % choices
                    };
                    out.push((
                        EventBody::QuizAnswered {
                            learner_id: base.0,
                            course_id: base.1.clone(),
                            lesson_id: base.2.clone(),
                            step_id: base.3.clone(),
                            choice,
                            correct: choice == answer,
                        },
                        at(minute),
                    ));
                    if choice != answer {
                        minute += 1;
                        continue;
                    }
                }
                None => {
                    if rng.random_bool(0.15) {
                        out.push((
                            EventBody::StepMissed {
                                learner_id: base.0,
                                course_id: base.1.clone(),
                                lesson_id: base.2.clone(),
                                step_id: base.3.clone(),
                            },
                            at(minute),
                        ));
                        minute += 1;
                        if rng.random_bool(0.2) {
                            out.push((
                                EventBody::HelpRequested {
                                    learner_id: Some(base.0),
                                    course_id: Some(base.1.clone()),
                                    lesson_id: Some(base.2.clone()),
                                    step_id: Some(base.3.clone()),
                                },
                                at(minute),
                            ));
                            out.push((
                                EventBody::HelpAnswered {
                                    learner_id: Some(base.0),
                                },
                                at(minute + 2),
                            ));
                            minute += 3;
                        }
                        continue;
                    }
                }
            }
            out.push((
                EventBody::StepCompleted {
                    learner_id: base.0,
                    course_id: base.1.clone(),
                    lesson_id: base.2.clone(),
                    step_id: base.3.clone(),
                },
                at(minute),
            ));
            learner.step += 1;
            minute += rng.random_range(1..4);
        }
        if learner.lesson >= shape.lessons.len() {
            // Finished: on to another course next time.
            learner.course = rng.random_range(0..courses.len());
            learner.lesson = 0;
            learner.step = 0;
        }
        out.push((
            EventBody::CheckedOut {
                session_id,
                learner_id: learner.id,
            },
            at(minute.min(end)),
        ));
    }
    out.push((EventBody::SessionClosed { session_id }, at(end)));
}

fn name(rng: &mut StdRng) -> String {
    let mut s = String::new();
    s.push_str(SURNAMES.choose(rng).copied().unwrap_or("김"));
    for _ in 0..2 {
        s.push_str(SYLLABLES.choose(rng).copied().unwrap_or("순"));
    }
    s
}

fn profile(rng: &mut StdRng, township: &str) -> LearnerProfile {
    let gender_consent = rng.random_bool(0.6);
    let phone_consent = rng.random_bool(0.4);
    LearnerProfile {
        name: name(rng),
        birth_year: rng.random_range(1936..=1961),
        township: township.to_string(),
        gender: gender_consent.then(|| if rng.random_bool(0.65) { "여" } else { "남" }.to_string()),
        phone: phone_consent.then(|| {
            format!(
                "010-{:04}-{:04}",
                rng.random_range(0..10000),
                rng.random_range(0..10000)
            )
        }),
        icon: ICONS.choose(rng).copied().unwrap_or("flower").to_string(),
        pin_hash: None,
        consent: Consent {
            version: "2026-01".into(),
            required: true,
            gender: gender_consent,
            phone: phone_consent,
        },
    }
}

/// `kiosk simulate`: generates and appends the history in one transaction.
pub fn run(
    data_dir: &std::path::Path,
    courses_dir: &std::path::Path,
    learners: u32,
    days: u32,
    seed: u64,
) -> std::process::ExitCode {
    use std::process::ExitCode;
    let set = baeumteo_core::course::load_courses(courses_dir);
    if set.courses.is_empty() {
        eprintln!(
            "kiosk: no usable course in {}; simulate needs courses to study",
            courses_dir.display()
        );
        return ExitCode::FAILURE;
    }
    let shapes: Vec<CourseShape> = set.courses.iter().map(CourseShape::of).collect();
    let mut store = match crate::store::Store::open_in(data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kiosk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let township = store
        .sync_state()
        .ok()
        .and_then(|s| s.center)
        .map(|c| c.township)
        .unwrap_or_default();
    let plan = SimPlan {
        learners,
        days,
        seed,
        until: baeumteo_core::time::kst_date(Utc::now()),
    };
    let history = simulate(&plan, &shapes, &township);
    let count = history.len();
    // The snapshot follows, so the kiosk's next start does not replay the new history.
    match store
        .append_many(history)
        .and_then(|_| store.save_current_projections())
    {
        Ok(()) => {
            println!("wrote {count} events ({learners} learners, {days} days, seed {seed})");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kiosk: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::projection::Projections;

    fn shapes() -> Vec<CourseShape> {
        let steps = |n: usize, quiz_at: usize| {
            (0..n)
                .map(|i| StepShape {
                    step_id: format!("s{i}"),
                    quiz: (i == quiz_at).then_some((3, 1)),
                })
                .collect::<Vec<_>>()
        };
        vec![CourseShape {
            course_id: "smartphone-basics".into(),
            lessons: vec![("touch".into(), steps(5, 4)), ("call".into(), steps(6, 5))],
        }]
    }

    #[test]
    fn the_same_seed_gives_the_same_history_and_it_is_a_sensible_one() {
        let plan = SimPlan {
            learners: 8,
            days: 14,
            seed: 7,
            until: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        };
        let a = simulate(&plan, &shapes(), "입암면");
        let b = simulate(&plan, &shapes(), "입암면");
        assert_eq!(a, b);
        let registered = a
            .iter()
            .filter(|(e, _)| matches!(e, EventBody::LearnerRegistered { .. }))
            .count();
        assert_eq!(registered, 8);
        let opened = a
            .iter()
            .filter(|(e, _)| matches!(e, EventBody::SessionOpened { .. }))
            .count();
        assert_eq!(opened, 10, "ten weekdays in two weeks");
        assert!(a.windows(2).all(|w| w[0].1 <= w[1].1));
        let events: Vec<_> = a
            .iter()
            .enumerate()
            .map(|(i, (body, at))| baeumteo_core::event::Event {
                id: Uuid::from_u128(i as u128 + 1),
                kiosk_id: Uuid::from_u128(99),
                seq: i as u64 + 1,
                at: *at,
                body: body.clone(),
            })
            .collect();
        let p = Projections::from_events(&events);
        assert_ne!(p, Projections::default());
    }
}
