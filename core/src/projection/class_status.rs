//! The instructor's class grid: learners × lessons of the class's course — done, in
//! progress, not started, stuck — and who is calling for help right now.
//!
//! Rules:
//! - Done: the lesson was completed at least once. In progress: any learning event in
//!   it. Not started: none.
//! - The learner's *current step* comes from their latest learning events in the course
//!   (from the kiosk they used last, in `seq` order): after a `StepCompleted` it is the
//!   next step of that lesson (arrived at that event's time); a miss or an answer on
//!   another step moves them there (arrived at that event's time); a `LessonCompleted`,
//!   or completing a lesson's last step, leaves them on no step.
//! - Stuck: on the current step, [`STUCK_TRIES`] or more failed tries (misses and wrong
//!   answers since arriving), or [`STUCK_MINUTES`] or more minutes since arriving. The
//!   time rule only holds while the learner is around: if their latest learning event is
//!   [`AWAY_AFTER_MINUTES`] or more old they have left the kiosk, not got stuck. Stuck
//!   shows on the current step's lesson, even a lesson done before (they are redoing it).
//! - Help: a `HelpRequested` is open until a `HelpAnswered` for the same learner (or, for
//!   a request made before signing in, an anonymous answer) on the same kiosk later in
//!   `seq`, or on another kiosk at a later clock time. Requests older than
//!   [`HELP_EXPIRES_MINUTES`] have lapsed. The grid shows open calls of its learners,
//!   and anonymous calls made on the kiosks where its learners checked in.
//! - Erased learners get no row.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::progress::Progress;
use crate::course::Course;
use crate::event::{Event, EventBody, KioskId, LearnerId};

pub const STUCK_TRIES: u32 = 3;
pub const STUCK_MINUTES: i64 = 10;
pub const AWAY_AFTER_MINUTES: i64 = 60;
pub const HELP_EXPIRES_MINUTES: i64 = 120;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassStatus {
    /// One row per learner asked about, in the order given.
    pub rows: Vec<LearnerRow>,
    /// Open help calls, oldest first.
    pub help: Vec<HelpCall>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerRow {
    pub learner_id: LearnerId,
    /// One cell per lesson of the course, in course order.
    pub cells: Vec<LessonCell>,
    pub current: Option<CurrentStep>,
    pub help_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonCell {
    pub lesson_id: String,
    pub state: LessonState,
    /// Steps of the lesson completed (a completed lesson counts all).
    pub steps_done: usize,
    pub steps_total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonState {
    NotStarted,
    InProgress,
    Done,
    Stuck,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentStep {
    pub lesson_id: String,
    pub step_id: String,
    /// Misses and wrong answers since arriving at the step.
    pub failed_tries: u32,
    /// Whole minutes since arriving at the step (0 when the clock went backwards).
    pub minutes_on_step: i64,
    pub stuck: Option<StuckReason>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StuckReason {
    FailedTries(u32),
    Minutes(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpCall {
    /// `None` when pressed before anyone signed in.
    pub learner_id: Option<LearnerId>,
    pub kiosk_id: KioskId,
    pub at: DateTime<Utc>,
    pub course_id: Option<String>,
    pub lesson_id: Option<String>,
    pub step_id: Option<String>,
}

/// The grid for `learners` (usually the session's class list) on `course` at `now`.
pub fn class_status(
    events: &[Event],
    course: &Course,
    learners: &[LearnerId],
    now: DateTime<Utc>,
) -> ClassStatus {
    // Only the class's learners' events and anonymous help calls matter: one pass over
    // the log, then the work is proportional to the class, not to years of history.
    let class: BTreeSet<LearnerId> = learners.iter().copied().collect();
    let mut ordered: Vec<&Event> = events
        .iter()
        .filter(|e| match e.body.learner_id() {
            Some(l) => class.contains(&l),
            None => matches!(
                e.body,
                EventBody::HelpRequested { .. } | EventBody::HelpAnswered { .. }
            ),
        })
        .collect();
    ordered.sort_by_key(|e| (e.kiosk_id, e.seq));
    let progress = Progress::from_events(ordered.iter().copied());
    let help = open_help_calls(&ordered, learners, &progress, now);
    let mut learning: BTreeMap<LearnerId, Vec<&Event>> = BTreeMap::new();
    for e in &ordered {
        if learning_event(e, &course.id)
            && let Some(l) = e.body.learner_id()
        {
            learning.entry(l).or_default().push(e);
        }
    }
    let rows = learners
        .iter()
        .filter(|l| !progress.is_erased(**l))
        .map(|&learner_id| {
            let mine = learning.get(&learner_id).map_or(&[][..], Vec::as_slice);
            let current = current_step(mine, course, now);
            let cells = course
                .lessons
                .iter()
                .map(|lesson| {
                    let lp = progress.lesson(learner_id, &course.id, &lesson.id);
                    let steps_total = lesson.steps.len();
                    let (state, steps_done) = match lp {
                        None => (LessonState::NotStarted, 0),
                        Some(lp) if lp.is_completed() => (LessonState::Done, steps_total),
                        Some(lp) => (
                            LessonState::InProgress,
                            lesson
                                .steps
                                .iter()
                                .filter(|s| lp.is_step_completed(&s.id))
                                .count(),
                        ),
                    };
                    let stuck_here = current
                        .as_ref()
                        .is_some_and(|c| c.stuck.is_some() && c.lesson_id == lesson.id);
                    LessonCell {
                        lesson_id: lesson.id.clone(),
                        state: if stuck_here {
                            LessonState::Stuck
                        } else {
                            state
                        },
                        steps_done,
                        steps_total,
                    }
                })
                .collect();
            LearnerRow {
                learner_id,
                cells,
                current,
                help_open: help.iter().any(|h| h.learner_id == Some(learner_id)),
            }
        })
        .collect();
    ClassStatus { rows, help }
}

/// The learner's current step in the course, with the stuck rule applied, from their
/// learning events in the course in (kiosk, seq) order.
fn current_step(mine: &[&Event], course: &Course, now: DateTime<Utc>) -> Option<CurrentStep> {
    // The kiosk used last: the one whose latest event has the latest clock time.
    let mut last_per_kiosk: BTreeMap<KioskId, &Event> = BTreeMap::new();
    for e in mine {
        last_per_kiosk.insert(e.kiosk_id, e);
    }
    let (&kiosk_id, &last) = last_per_kiosk.iter().max_by_key(|(k, e)| (e.at, **k))?;

    let mut here: Option<(String, String)> = None;
    let mut arrived = last.at;
    let mut fails = 0u32;
    for e in mine.iter().filter(|e| e.kiosk_id == kiosk_id) {
        match &e.body {
            EventBody::StepCompleted {
                lesson_id, step_id, ..
            } => {
                here = course
                    .lesson(lesson_id)
                    .and_then(|l| l.steps.get(l.step_index(step_id)? + 1))
                    .map(|next| (lesson_id.clone(), next.id.clone()));
                arrived = e.at;
                fails = 0;
            }
            EventBody::StepMissed {
                lesson_id, step_id, ..
            }
            | EventBody::QuizAnswered {
                lesson_id, step_id, ..
            } => {
                let step = (lesson_id.clone(), step_id.clone());
                if here.as_ref() != Some(&step) {
                    here = Some(step);
                    arrived = e.at;
                    fails = 0;
                }
                let failed = match e.body {
                    EventBody::QuizAnswered { correct, .. } => !correct,
                    _ => true,
                };
                fails += u32::from(failed);
            }
            EventBody::LessonCompleted { .. } => here = None,
            _ => {}
        }
    }
    let (lesson_id, step_id) = here?;
    let minutes_on_step = (now - arrived).num_minutes().max(0);
    let idle = (now - last.at).num_minutes();
    let stuck = if fails >= STUCK_TRIES {
        Some(StuckReason::FailedTries(fails))
    } else if minutes_on_step >= STUCK_MINUTES && idle < AWAY_AFTER_MINUTES {
        Some(StuckReason::Minutes(minutes_on_step))
    } else {
        None
    };
    Some(CurrentStep {
        lesson_id,
        step_id,
        failed_tries: fails,
        minutes_on_step,
        stuck,
    })
}

fn learning_event(e: &Event, course_id: &str) -> bool {
    match &e.body {
        EventBody::StepCompleted { course_id: c, .. }
        | EventBody::StepMissed { course_id: c, .. }
        | EventBody::QuizAnswered { course_id: c, .. }
        | EventBody::LessonCompleted { course_id: c, .. } => c == course_id,
        _ => false,
    }
}

fn open_help_calls(
    ordered: &[&Event],
    learners: &[LearnerId],
    progress: &Progress,
    now: DateTime<Utc>,
) -> Vec<HelpCall> {
    // Kiosks where the class's learners checked in: anonymous calls there are theirs.
    let class_kiosks: BTreeSet<KioskId> = ordered
        .iter()
        .filter(|e| {
            matches!(&e.body, EventBody::CheckedIn { learner_id, .. } if learners.contains(learner_id))
        })
        .map(|e| e.kiosk_id)
        .collect();
    let mut open: Vec<HelpCall> = Vec::new();
    for e in ordered {
        match &e.body {
            // A second press while waiting keeps the first time.
            EventBody::HelpRequested {
                learner_id,
                course_id,
                lesson_id,
                step_id,
            } if !open
                .iter()
                .any(|h| h.learner_id == *learner_id && h.kiosk_id == e.kiosk_id) =>
            {
                open.push(HelpCall {
                    learner_id: *learner_id,
                    kiosk_id: e.kiosk_id,
                    at: e.at,
                    course_id: course_id.clone(),
                    lesson_id: lesson_id.clone(),
                    step_id: step_id.clone(),
                });
            }
            EventBody::HelpAnswered { learner_id } => {
                // On the same kiosk it answers every call before it in seq.
                open.retain(|h| h.learner_id != *learner_id || h.kiosk_id != e.kiosk_id);
            }
            _ => {}
        }
    }
    // From another kiosk, an answer counts for calls timed before it.
    let answers: Vec<(&Event, Option<LearnerId>)> = ordered
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::HelpAnswered { learner_id } => Some((*e, *learner_id)),
            _ => None,
        })
        .collect();
    open.retain(|h| {
        !answers
            .iter()
            .any(|(e, l)| *l == h.learner_id && e.kiosk_id != h.kiosk_id && e.at >= h.at)
    });
    open.retain(|h| {
        let fresh = (now - h.at).num_minutes() < HELP_EXPIRES_MINUTES;
        let ours = match h.learner_id {
            Some(l) => learners.contains(&l) && !progress.is_erased(l),
            None => class_kiosks.contains(&h.kiosk_id),
        };
        fresh && ours
    });
    open.sort_by_key(|h| (h.at, h.kiosk_id));
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::testkit::*;

    fn status(log: &Log, learners: &[LearnerId], now: DateTime<Utc>) -> ClassStatus {
        class_status(&log.events, &course(), learners, now)
    }

    fn states(row: &LearnerRow) -> Vec<LessonState> {
        row.cells.iter().map(|c| c.state).collect()
    }

    #[test]
    fn lessons_are_done_in_progress_or_not_started() {
        let mut log = Log::new();
        log.at(t(10, 0), lesson_done(learner(1), "touch"))
            .at(t(10, 1), step_done(learner(1), "call", "c1"))
            .at(t(10, 2), lesson_done(learner(1), "call"))
            .at(t(10, 3), step_done(learner(1), "exam", "e1"));
        let s = status(&log, &[learner(1), learner(2)], t(10, 4));
        use LessonState::*;
        assert_eq!(states(&s.rows[0]), vec![Done, Done, InProgress]);
        assert_eq!(states(&s.rows[1]), vec![NotStarted, NotStarted, NotStarted]);
        assert_eq!(s.rows[0].cells[2].steps_done, 1);
        assert_eq!(s.rows[0].cells[2].steps_total, 4);
        let current = s.rows[0].current.as_ref().unwrap();
        assert_eq!(
            (current.lesson_id.as_str(), current.step_id.as_str()),
            ("exam", "e2")
        );
        assert_eq!(current.stuck, None);
    }

    #[test]
    fn three_failed_tries_on_the_current_step_is_stuck() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"))
            .at(t(10, 1), missed(learner(1), "touch", "tap"))
            .at(t(10, 1), missed(learner(1), "touch", "tap"));
        let s = status(&log, &[learner(1)], t(10, 2));
        assert_eq!(s.rows[0].cells[0].state, LessonState::InProgress);
        log.at(t(10, 2), missed(learner(1), "touch", "tap"));
        let s = status(&log, &[learner(1)], t(10, 3));
        assert_eq!(s.rows[0].cells[0].state, LessonState::Stuck);
        let current = s.rows[0].current.as_ref().unwrap();
        assert_eq!(current.stuck, Some(StuckReason::FailedTries(3)));
    }

    #[test]
    fn wrong_quiz_answers_count_as_failed_tries() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "tap"));
        for _ in 0..3 {
            log.at(t(10, 1), answer(learner(1), "touch", "q1", 1, false));
        }
        let s = status(&log, &[learner(1)], t(10, 2));
        assert_eq!(s.rows[0].cells[0].state, LessonState::Stuck);
    }

    #[test]
    fn failed_tries_on_an_earlier_step_do_not_carry_over() {
        let mut log = Log::new();
        for _ in 0..5 {
            log.at(t(10, 0), missed(learner(1), "touch", "tap"));
        }
        log.at(t(10, 1), step_done(learner(1), "touch", "tap"))
            .at(t(10, 2), missed(learner(1), "touch", "q1"));
        let s = status(&log, &[learner(1)], t(10, 3));
        let current = s.rows[0].current.as_ref().unwrap();
        assert_eq!((current.step_id.as_str(), current.failed_tries), ("q1", 1));
        assert_eq!(s.rows[0].cells[0].state, LessonState::InProgress);
    }

    #[test]
    fn ten_minutes_on_one_step_is_stuck() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"));
        let s = status(&log, &[learner(1)], t(10, 9));
        assert_eq!(s.rows[0].cells[0].state, LessonState::InProgress);
        let s = status(&log, &[learner(1)], t(10, 10));
        assert_eq!(s.rows[0].cells[0].state, LessonState::Stuck);
        assert_eq!(
            s.rows[0].current.as_ref().unwrap().stuck,
            Some(StuckReason::Minutes(10))
        );
    }

    #[test]
    fn a_learner_idle_for_an_hour_is_away_not_stuck() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"));
        let s = status(&log, &[learner(1)], t(11, 0));
        assert_eq!(s.rows[0].cells[0].state, LessonState::InProgress);
    }

    #[test]
    fn a_completed_lesson_leaves_the_learner_on_no_step() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "q2"))
            .at(t(10, 0), lesson_done(learner(1), "touch"));
        let s = status(&log, &[learner(1)], t(10, 30));
        assert_eq!(s.rows[0].current, None);
        assert_eq!(s.rows[0].cells[0].state, LessonState::Done);
    }

    #[test]
    fn a_clock_that_went_back_never_makes_minutes_negative() {
        let mut log = Log::new();
        log.at(t(12, 0), step_done(learner(1), "touch", "intro"));
        let s = status(&log, &[learner(1)], t(11, 0));
        let current = s.rows[0].current.as_ref().unwrap();
        assert_eq!(current.minutes_on_step, 0);
        assert_eq!(current.stuck, None);
    }

    #[test]
    fn a_help_request_is_open_until_answered_for_that_learner() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 1), check_in(session(1), learner(1)))
            .at(t(9, 1), check_in(session(1), learner(2)))
            .at(t(10, 0), help(Some(learner(1))))
            .at(t(10, 1), help(Some(learner(2))))
            .at(t(10, 2), helped(Some(learner(2))));
        let s = status(&log, &[learner(1), learner(2)], t(10, 3));
        assert_eq!(s.help.len(), 1);
        assert_eq!(s.help[0].learner_id, Some(learner(1)));
        assert!(s.rows[0].help_open);
        assert!(!s.rows[1].help_open);
        log.at(t(10, 4), helped(Some(learner(1))));
        assert!(status(&log, &[learner(1)], t(10, 5)).help.is_empty());
    }

    #[test]
    fn an_answer_before_the_request_in_seq_does_not_close_it() {
        let mut log = Log::new();
        log.at(t(10, 0), helped(Some(learner(1))))
            // The clock went back, but seq says the request came after the answer.
            .at(t(9, 0), help(Some(learner(1))));
        let s = status(&log, &[learner(1)], t(9, 30));
        assert_eq!(s.help.len(), 1);
    }

    #[test]
    fn an_anonymous_call_on_the_class_kiosk_shows_and_an_old_one_lapses() {
        let mut log = Log::new();
        log.at(t(9, 0), open(session(1), COURSE))
            .at(t(9, 1), check_in(session(1), learner(1)))
            .at(t(10, 0), help(None));
        let mut elsewhere = Log::on(kiosk(2));
        elsewhere.at(t(10, 0), help(None));
        let events = [log.events.clone(), elsewhere.events].concat();
        let s = class_status(&events, &course(), &[learner(1)], t(10, 5));
        assert_eq!(s.help.len(), 1);
        assert_eq!(s.help[0].kiosk_id, kiosk(1));
        let later = t(10, 0) + chrono::Duration::minutes(HELP_EXPIRES_MINUTES);
        assert!(
            class_status(&events, &course(), &[learner(1)], later)
                .help
                .is_empty()
        );
    }

    #[test]
    fn an_erased_learner_has_no_row_and_no_help_call() {
        let mut log = Log::new();
        log.at(t(10, 0), help(Some(learner(1))))
            .at(t(10, 1), erased(learner(1)));
        let s = status(&log, &[learner(1)], t(10, 2));
        assert!(s.rows.is_empty());
        assert!(s.help.is_empty());
    }
}
