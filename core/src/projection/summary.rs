//! Monthly figures per course, for the kiosk's monthly report and the server's
//! statistics. The server corrects each event's `at` for the kiosk's clock offset before
//! calling; the kiosk uses its own clock.
//!
//! Per course and Korean (UTC+9) month:
//! - sessions held: sessions opened that month with at least one check-in;
//! - learners: distinct learners who attended a session of the course that month or
//!   recorded a learning event (step, quiz answer, lesson) in it that month;
//! - attendance minutes: the course's attendance minutes (see [`super::attendance`])
//!   falling in that month;
//! - lessons completed: distinct (learner, lesson) pairs completed that month;
//! - certifications: certificates issued for the course that month.
//!
//! These are anonymous counts: erased learners still count. Suppressing small cells for
//! publication is the caller's job (the dashboard), not a rule of the figures.

use std::collections::{BTreeMap, BTreeSet};

use super::attendance::{Attendance, minutes};
use super::month::YearMonth;
use crate::event::{Event, EventBody, LearnerId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlySummary {
    pub course_id: String,
    pub month: YearMonth,
    pub sessions_held: u32,
    pub learners: u32,
    pub attendance_minutes: u32,
    pub lessons_completed: u32,
    pub certifications: u32,
}

#[derive(Default)]
struct Cell {
    sessions_held: u32,
    learners: BTreeSet<LearnerId>,
    attendance_seconds: i64,
    lessons: BTreeSet<(LearnerId, String)>,
    certifications: u32,
}

/// Figures per course and month, ordered by course then month. Events may come in any
/// order.
pub fn monthly_summary(events: &[Event]) -> Vec<MonthlySummary> {
    let attendance = Attendance::from_events(events);
    let mut cells: BTreeMap<(String, YearMonth), Cell> = BTreeMap::new();

    for (course_id, months) in attendance.sessions_held() {
        for (month, n) in months {
            cells
                .entry((course_id.clone(), month))
                .or_default()
                .sessions_held += n;
        }
    }
    for segment in attendance.course_segments() {
        let Some(course_id) = &segment.course_id else {
            continue;
        };
        for (day, seconds) in segment.seconds_by_kst_day() {
            let cell = cells
                .entry((course_id.clone(), YearMonth::of_date(day)))
                .or_default();
            cell.attendance_seconds += seconds;
            cell.learners.insert(segment.learner_id);
        }
    }
    for e in events {
        let month = YearMonth::of_instant(e.at);
        match &e.body {
            EventBody::StepCompleted {
                learner_id,
                course_id,
                ..
            }
            | EventBody::StepMissed {
                learner_id,
                course_id,
                ..
            }
            | EventBody::QuizAnswered {
                learner_id,
                course_id,
                ..
            } => {
                let cell = cells.entry((course_id.clone(), month)).or_default();
                cell.learners.insert(*learner_id);
            }
            EventBody::LessonCompleted {
                learner_id,
                course_id,
                lesson_id,
            } => {
                let cell = cells.entry((course_id.clone(), month)).or_default();
                cell.learners.insert(*learner_id);
                cell.lessons.insert((*learner_id, lesson_id.clone()));
            }
            EventBody::CertificationIssued { course_id, .. } => {
                cells
                    .entry((course_id.clone(), month))
                    .or_default()
                    .certifications += 1;
            }
            _ => {}
        }
    }
    cells
        .into_iter()
        .map(|((course_id, month), cell)| MonthlySummary {
            course_id,
            month,
            sessions_held: cell.sessions_held,
            learners: cell.learners.len() as u32,
            attendance_minutes: minutes(cell.attendance_seconds),
            lessons_completed: cell.lessons.len() as u32,
            certifications: cell.certifications,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::testkit::*;

    #[test]
    fn a_month_of_one_course_counts_sessions_learners_minutes_lessons_and_certificates() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(9, 0), check_in(session(1), learner(2)))
            .at(t(10, 0), close(session(1)))
            // Opened, nobody came: not held.
            .at(t(13, 0), open(session(2), COURSE))
            .at(t(13, 1), close(session(2)))
            .at(t(11, 0), lesson_done(learner(3), "touch"))
            .at(t(11, 1), lesson_done(learner(3), "touch"))
            .at(t(11, 2), lesson_done(learner(1), "touch"))
            .at(t(11, 3), erased(learner(1)))
            .at(
                t(12, 0),
                EventBody::CertificationIssued {
                    certificate_no: "2026-0001".into(),
                    learner_id: learner(2),
                    course_id: COURSE.into(),
                    minutes: 1200,
                    verification_code: "K7Q2".into(),
                    issued_by: None,
                },
            );
        let summary = monthly_summary(&log.events);
        assert_eq!(
            summary,
            vec![MonthlySummary {
                course_id: COURSE.into(),
                month: YearMonth::new(2026, 11).unwrap(),
                sessions_held: 1,
                learners: 3,
                attendance_minutes: 120,
                lessons_completed: 2,
                certifications: 1,
            }]
        );
    }

    #[test]
    fn a_class_across_the_turn_of_the_month_splits_its_minutes_between_the_months() {
        let mut log = Log::new();
        log.at(kst_at(2026, 11, 30, 23, 0), open(session(1), COURSE))
            .at(
                kst_at(2026, 11, 30, 23, 30),
                check_in(session(1), learner(1)),
            )
            .at(kst_at(2026, 12, 1, 1, 0), close(session(1)));
        let summary = monthly_summary(&log.events);
        let figures: Vec<(String, u32, u32, u32)> = summary
            .iter()
            .map(|s| {
                (
                    s.month.to_string(),
                    s.sessions_held,
                    s.learners,
                    s.attendance_minutes,
                )
            })
            .collect();
        assert_eq!(
            figures,
            vec![("2026-11".into(), 1, 1, 30), ("2026-12".into(), 0, 1, 60)]
        );
    }
}
