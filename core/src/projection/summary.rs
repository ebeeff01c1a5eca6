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
//! - self-study minutes: time on the course's lesson steps outside class (see
//!   [`super::study`]) ending in that month;
//! - lessons completed: distinct (learner, lesson) pairs completed that month;
//! - certifications: certificates issued for the course that month.
//!
//! These are anonymous counts: erased learners still count. Suppressing small cells for
//! publication is the caller's job (the dashboard), not a rule of the figures.

use std::collections::{BTreeMap, BTreeSet};

use super::attendance::{Attendance, minutes};
use super::month::YearMonth;
use super::study::SelfStudy;
use crate::event::{Event, EventBody, LearnerId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlySummary {
    pub course_id: String,
    pub month: YearMonth,
    pub sessions_held: u32,
    pub learners: u32,
    pub attendance_minutes: u32,
    pub self_study_minutes: u32,
    pub lessons_completed: u32,
    pub certifications: u32,
}

#[derive(Default)]
struct Cell {
    sessions_held: u32,
    learners: BTreeSet<LearnerId>,
    attendance_seconds: i64,
    self_study_seconds: i64,
    lessons: BTreeSet<(LearnerId, String)>,
    certifications: u32,
}

type Cells<G> = BTreeMap<G, BTreeMap<(String, YearMonth), Cell>>;

fn cell_in<'c, G: Ord>(
    cells: &'c mut Cells<G>,
    group: G,
    course_id: &str,
    month: YearMonth,
) -> &'c mut Cell {
    cells
        .entry(group)
        .or_default()
        .entry((course_id.to_string(), month))
        .or_default()
}

/// Figures per course and month, ordered by course then month. Events may come in any
/// order.
pub fn monthly_summary(events: &[Event]) -> Vec<MonthlySummary> {
    monthly_summary_by(events, |_| ())
        .into_values()
        .next()
        .unwrap_or_default()
}

/// The same figures split by a group of learners (an age band, a township): each
/// group's figures count only its learners, and a session counts as held for a group
/// when one of its learners attended. Groups without any figure are absent. For figures
/// per center, pass only that center's kiosks' events.
pub fn monthly_summary_by<G: Ord>(
    events: &[Event],
    group_of: impl Fn(LearnerId) -> G,
) -> BTreeMap<G, Vec<MonthlySummary>> {
    let attendance = Attendance::from_events(events);
    let mut cells: Cells<G> = BTreeMap::new();
    for held in attendance.held_sessions() {
        // Once per group present, however many of its learners came.
        let groups: BTreeSet<G> = held.attendees.iter().map(|l| group_of(*l)).collect();
        for group in groups {
            cell_in(&mut cells, group, held.course_id, held.month).sessions_held += 1;
        }
        // Whoever checked in attended, even for a moment with no minutes to count.
        for l in &held.attendees {
            cell_in(&mut cells, group_of(*l), held.course_id, held.month)
                .learners
                .insert(*l);
        }
    }

    for segment in attendance.course_segments() {
        let Some(course_id) = &segment.course_id else {
            continue;
        };
        for (day, seconds) in segment.seconds_by_kst_day() {
            let c = cell_in(
                &mut cells,
                group_of(segment.learner_id),
                course_id,
                YearMonth::of_date(day),
            );
            c.attendance_seconds += seconds;
            c.learners.insert(segment.learner_id);
        }
    }
    for span in SelfStudy::from_events(events).spans(&attendance) {
        let month = YearMonth::of_instant(span.end);
        let c = cell_in(
            &mut cells,
            group_of(span.learner_id),
            &span.course_id,
            month,
        );
        c.self_study_seconds += (span.end - span.start).num_seconds();
    }
    for e in events {
        let month = YearMonth::of_instant(e.at);
        if let Some((learner_id, course_id)) = e.body.lesson_activity() {
            // Any learning on a lesson makes the learner count for the course.
            cell_in(&mut cells, group_of(learner_id), course_id, month)
                .learners
                .insert(learner_id);
        }
        match &e.body {
            EventBody::LessonCompleted {
                learner_id,
                course_id,
                lesson_id,
            } => {
                cell_in(&mut cells, group_of(*learner_id), course_id, month)
                    .lessons
                    .insert((*learner_id, lesson_id.clone()));
            }
            EventBody::CertificationIssued {
                learner_id,
                course_id,
                ..
            } => {
                cell_in(&mut cells, group_of(*learner_id), course_id, month).certifications += 1;
            }
            _ => {}
        }
    }
    cells
        .into_iter()
        .map(|(group, cells)| {
            let rows = cells
                .into_iter()
                .map(|((course_id, month), cell)| MonthlySummary {
                    course_id,
                    month,
                    sessions_held: cell.sessions_held,
                    learners: cell.learners.len() as u32,
                    attendance_minutes: minutes(cell.attendance_seconds),
                    self_study_minutes: minutes(cell.self_study_seconds),
                    lessons_completed: cell.lessons.len() as u32,
                    certifications: cell.certifications,
                })
                .collect();
            (group, rows)
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
                // Learner 3's two lessons a minute apart, outside any class.
                self_study_minutes: 1,
                lessons_completed: 2,
                certifications: 1,
            }]
        );
    }

    #[test]
    fn self_study_outside_class_is_its_own_figure_never_added_to_attendance() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(9, 10), step_done(learner(1), "touch", "s1"))
            .at(t(9, 14), step_done(learner(1), "touch", "s2"))
            .at(t(10, 0), close(session(1)))
            .at(t(14, 0), step_done(learner(1), "touch", "s3"))
            .at(t(14, 4), step_done(learner(1), "touch", "s4"))
            .at(t(14, 7), lesson_done(learner(1), "touch"));
        let summary = monthly_summary(&log.events);
        assert_eq!(summary.len(), 1);
        assert_eq!(
            (summary[0].attendance_minutes, summary[0].self_study_minutes),
            (60, 7)
        );
    }

    #[test]
    fn a_learner_checked_out_in_the_same_second_still_counts_as_a_learner_of_the_held_session() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(9, 0), close(session(1)));
        let summary = monthly_summary(&log.events);
        assert_eq!(summary.len(), 1);
        assert_eq!(
            (summary[0].sessions_held, summary[0].learners),
            (1, 1),
            "{summary:?}"
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

    #[test]
    fn figures_split_by_group_count_each_groups_learners_and_sessions_it_attended() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 0), check_in(session(1), learner(1)))
            .at(t(9, 0), check_in(session(1), learner(2)))
            .at(t(9, 30), check_out(session(1), learner(2)))
            .at(t(10, 0), close(session(1)))
            .at(t(11, 0), open(session(2), COURSE))
            .at(t(11, 0), check_in(session(2), learner(3)))
            .at(t(11, 10), close(session(2)))
            .at(t(12, 0), lesson_done(learner(3), "touch"));
        // Learners 1 and 2 are in their 70s, learner 3 in their 60s.
        let band = |l: LearnerId| if l == learner(3) { 60 } else { 70 };
        let by_band = monthly_summary_by(&log.events, band);
        let figures = |b: i32| {
            let s = &by_band[&b][0];
            (
                s.sessions_held,
                s.learners,
                s.attendance_minutes,
                s.lessons_completed,
            )
        };
        assert_eq!(figures(70), (1, 2, 90, 0));
        assert_eq!(figures(60), (1, 1, 10, 1));
        assert_eq!(monthly_summary(&log.events)[0].sessions_held, 2);
    }
}
