//! Each learner's progress: steps and lessons completed, where to resume, quiz answers,
//! failed tries and assessment scores.
//!
//! [`Progress`] is built incrementally with [`Progress::apply`] and is `Serialize +
//! Deserialize`, so the kiosk store can snapshot it and continue from the snapshot with
//! only the newer events. Feed every event once, each kiosk's events in `seq` order.
//!
//! Rules:
//! - A lesson is completed once a `LessonCompleted` for it is seen; redoing it later
//!   never makes it incomplete again.
//! - Resume point, per course: take the lesson of the learner's latest learning event in
//!   that course (latest by `seq` within a kiosk; between kiosks the later `at` wins).
//!   If that event was the lesson's `LessonCompleted`, resume at the first step of the
//!   next lesson not completed (after it, else from the start of the course). Otherwise
//!   resume at the step after the last `StepCompleted` of the current run through that
//!   lesson; if every step is done but the lesson was never marked complete (power cut on
//!   the last screen), at its last step. When every lesson is completed there is none.
//! - An assessment attempt is everything answered in a lesson on one kiosk from one
//!   `LessonCompleted` of it there to the next; its score is the share of the lesson's quiz
//!   steps answered right on the first answer within that attempt. The best one counts.
//! - `LearnerErased`: the learner's personal record disappears, and events about them
//!   that arrive later only feed the anonymous counts ([`Progress::course_totals`]),
//!   which are the same whether an event arrives before or after the erasure.
//! - Events of several kiosks may arrive interleaved in any way (each kiosk's own events
//!   in `seq` order): the result is the same. Attempts happen on one kiosk.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::course::{Course, Lesson, StepKind};
use crate::event::{Event, EventBody, KioskId, LearnerId};

/// The projection of learning events for every learner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    learners: BTreeMap<LearnerId, LearnerProgress>,
    /// What the anonymous counts need of an erased learner, and nothing more: per
    /// course they touched, the lessons they completed. Kept per learner (not summed) so
    /// the counts do not depend on whether an event arrives before or after the erasure.
    erased: BTreeMap<LearnerId, BTreeMap<String, BTreeSet<String>>>,
}

/// Anonymous counts of a course, kept after an erasure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseTotals {
    /// Learners with any learning event in the course.
    pub learners: u32,
    /// (learner, lesson) pairs completed at least once.
    pub lessons_completed: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LearnerProgress {
    courses: BTreeMap<String, CourseProgress>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CourseProgress {
    lessons: BTreeMap<String, LessonProgress>,
    /// The latest learning event of this course on each kiosk.
    touches: BTreeMap<KioskId, Touch>,
}

/// Where a learner last was, as seen by one kiosk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Touch {
    seq: u64,
    at: DateTime<Utc>,
    lesson_id: String,
    /// The event was the lesson's `LessonCompleted`.
    lesson_done: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    steps_completed: BTreeSet<String>,
    completions: u32,
    /// The last `StepCompleted` of the current run through the lesson, per kiosk
    /// (`None` right after a `LessonCompleted`).
    last_step: BTreeMap<KioskId, StepMark>,
    steps: BTreeMap<String, StepRecord>,
    /// First answer (right or not) per quiz step in the attempt under way, per kiosk:
    /// an attempt happens on one kiosk, so kiosks' interleaving cannot mix attempts.
    current_attempt: BTreeMap<KioskId, BTreeMap<String, bool>>,
    /// First answers of each finished attempt, sorted by the kiosk and seq of the
    /// `LessonCompleted` that ended it (an order independent of arrival).
    attempts: Vec<Attempt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Attempt {
    kiosk_id: KioskId,
    seq: u64,
    first_answers: BTreeMap<String, bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StepMark {
    seq: u64,
    at: DateTime<Utc>,
    step_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct StepRecord {
    answers: Vec<QuizAnswer>,
    failed_tries: u32,
}

/// One answer to a quiz step, for the instructor's "tap a cell" view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizAnswer {
    pub choice: u32,
    pub correct: bool,
    pub at: DateTime<Utc>,
    pub kiosk_id: KioskId,
    pub seq: u64,
}

/// Where a learner picks up a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumePoint {
    pub course_id: String,
    pub lesson_id: String,
    pub lesson_index: usize,
    pub step_index: usize,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Replays events in the order given (use [`super::log_order`] for a whole log).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Progress {
        let mut p = Progress::new();
        for e in events {
            p.apply(e);
        }
        p
    }

    pub fn apply(&mut self, event: &Event) {
        use EventBody::*;
        if let LearnerErased { learner_id } = &event.body {
            self.erase(*learner_id);
            return;
        }
        let Some(learner_id) = event.body.learner_id() else {
            return;
        };
        let (course_id, lesson_id, step_id) = match &event.body {
            StepCompleted {
                course_id,
                lesson_id,
                step_id,
                ..
            }
            | StepMissed {
                course_id,
                lesson_id,
                step_id,
                ..
            }
            | QuizAnswered {
                course_id,
                lesson_id,
                step_id,
                ..
            } => (course_id, lesson_id, Some(step_id)),
            LessonCompleted {
                course_id,
                lesson_id,
                ..
            } => (course_id, lesson_id, None),
            _ => return,
        };
        if let Some(counts) = self.erased.get_mut(&learner_id) {
            let lessons = counts.entry(course_id.clone()).or_default();
            if step_id.is_none() {
                lessons.insert(lesson_id.clone());
            }
            return;
        }
        let course = self
            .learners
            .entry(learner_id)
            .or_default()
            .courses
            .entry(course_id.clone())
            .or_default();
        let touch = Touch {
            seq: event.seq,
            at: event.at,
            lesson_id: lesson_id.clone(),
            lesson_done: step_id.is_none(),
        };
        match course.touches.get(&event.kiosk_id) {
            Some(t) if t.seq > event.seq => {}
            _ => {
                course.touches.insert(event.kiosk_id, touch);
            }
        }
        let lesson = course.lessons.entry(lesson_id.clone()).or_default();
        let mark = |step_id: Option<&String>| StepMark {
            seq: event.seq,
            at: event.at,
            step_id: step_id.cloned(),
        };
        match &event.body {
            StepCompleted { step_id, .. } => {
                lesson.steps_completed.insert(step_id.clone());
                lesson.set_last_step(event.kiosk_id, mark(Some(step_id)));
            }
            StepMissed { step_id, .. } => {
                lesson
                    .steps
                    .entry(step_id.clone())
                    .or_default()
                    .failed_tries += 1;
            }
            QuizAnswered {
                step_id,
                choice,
                correct,
                ..
            } => {
                let record = lesson.steps.entry(step_id.clone()).or_default();
                if !correct {
                    record.failed_tries += 1;
                }
                let answer = QuizAnswer {
                    choice: *choice,
                    correct: *correct,
                    at: event.at,
                    kiosk_id: event.kiosk_id,
                    seq: event.seq,
                };
                // Kept in (kiosk, seq) order whatever order kiosks' events arrive in.
                let pos = record
                    .answers
                    .partition_point(|a| (a.kiosk_id, a.seq) < (answer.kiosk_id, answer.seq));
                record.answers.insert(pos, answer);
                lesson
                    .current_attempt
                    .entry(event.kiosk_id)
                    .or_default()
                    .entry(step_id.clone())
                    .or_insert(*correct);
            }
            LessonCompleted { .. } => {
                lesson.completions += 1;
                lesson.set_last_step(event.kiosk_id, mark(None));
                let attempt = lesson
                    .current_attempt
                    .remove(&event.kiosk_id)
                    .unwrap_or_default();
                let pos = lesson
                    .attempts
                    .partition_point(|a| (a.kiosk_id, a.seq) < (event.kiosk_id, event.seq));
                lesson.attempts.insert(
                    pos,
                    Attempt {
                        kiosk_id: event.kiosk_id,
                        seq: event.seq,
                        first_answers: attempt,
                    },
                );
            }
            _ => {}
        }
    }

    fn erase(&mut self, learner_id: LearnerId) {
        let counts = self.erased.entry(learner_id).or_default();
        if let Some(learner) = self.learners.remove(&learner_id) {
            for (course_id, course) in learner.courses {
                counts.entry(course_id).or_default().extend(
                    course
                        .lessons
                        .into_iter()
                        .filter(|(_, l)| l.is_completed())
                        .map(|(id, _)| id),
                );
            }
        }
    }

    pub fn is_erased(&self, learner_id: LearnerId) -> bool {
        self.erased.contains_key(&learner_id)
    }

    /// Learners with a personal record (never the erased ones).
    pub fn learner_ids(&self) -> impl Iterator<Item = LearnerId> + '_ {
        self.learners.keys().copied()
    }

    pub fn learner(&self, learner_id: LearnerId) -> Option<&LearnerProgress> {
        self.learners.get(&learner_id)
    }

    pub fn lesson(
        &self,
        learner_id: LearnerId,
        course_id: &str,
        lesson_id: &str,
    ) -> Option<&LessonProgress> {
        self.learner(learner_id)?
            .course(course_id)?
            .lesson(lesson_id)
    }

    pub fn lesson_completed(
        &self,
        learner_id: LearnerId,
        course_id: &str,
        lesson_id: &str,
    ) -> bool {
        self.lesson(learner_id, course_id, lesson_id)
            .is_some_and(LessonProgress::is_completed)
    }

    /// Anonymous counts of a course, erased learners included.
    pub fn course_totals(&self, course_id: &str) -> CourseTotals {
        let mut totals = CourseTotals::default();
        for lessons in self.erased.values().filter_map(|c| c.get(course_id)) {
            totals.learners += 1;
            totals.lessons_completed += lessons.len() as u32;
        }
        for learner in self.learners.values() {
            if let Some(course) = learner.courses.get(course_id) {
                totals.learners += 1;
                totals.lessons_completed += course.lessons_completed_count();
            }
        }
        totals
    }

    /// Share of the course's steps done, 0–100 (a completed lesson counts all its steps).
    pub fn percent(&self, learner_id: LearnerId, course: &Course) -> u32 {
        let Some(cp) = self.learner(learner_id).and_then(|l| l.course(&course.id)) else {
            return 0;
        };
        let mut total = 0usize;
        let mut done = 0usize;
        for lesson in &course.lessons {
            total += lesson.steps.len();
            done += match cp.lesson(&lesson.id) {
                Some(lp) if lp.is_completed() => lesson.steps.len(),
                Some(lp) => lesson
                    .steps
                    .iter()
                    .filter(|s| lp.steps_completed.contains(&s.id))
                    .count(),
                None => 0,
            };
        }
        if total == 0 {
            let all = course
                .lessons
                .iter()
                .all(|l| cp.lesson(&l.id).is_some_and(LessonProgress::is_completed));
            return if all && !course.lessons.is_empty() {
                100
            } else {
                0
            };
        }
        (done * 100 / total) as u32
    }

    /// Where the learner picks up this course; `None` when every lesson is completed
    /// (or the course has no lessons). A learner who never started gets the first step.
    pub fn resume(&self, learner_id: LearnerId, course: &Course) -> Option<ResumePoint> {
        let cp = self.learner(learner_id).and_then(|l| l.course(&course.id));
        let completed = |i: usize| {
            cp.and_then(|cp| cp.lesson(&course.lessons[i].id))
                .is_some_and(LessonProgress::is_completed)
        };
        let point = |lesson_index: usize, step_index: usize| ResumePoint {
            course_id: course.id.clone(),
            lesson_id: course.lessons[lesson_index].id.clone(),
            lesson_index,
            step_index,
        };
        let first_open_from = |start: usize| {
            (start..course.lessons.len())
                .chain(0..start.min(course.lessons.len()))
                .find(|&i| !completed(i))
                .map(|i| point(i, 0))
        };
        let Some(cp) = cp else {
            return first_open_from(0);
        };
        let Some(touch) = latest(&cp.touches, |t| t.at) else {
            return first_open_from(0);
        };
        let Some(index) = course.lesson_index(&touch.lesson_id) else {
            // The lesson is gone from the course (content changed): first one open.
            return first_open_from(0);
        };
        if touch.lesson_done {
            return first_open_from(index + 1);
        }
        Some(point(index, self.step_to_resume(learner_id, course, index)))
    }

    /// Where to open one lesson of the course for the learner: the step after the last
    /// one completed in the current run through it (0 when none, or when the lesson was
    /// just completed; the last step when all are done but the lesson was not marked
    /// complete). 0 for a lesson index out of range.
    pub fn step_to_resume(
        &self,
        learner_id: LearnerId,
        course: &Course,
        lesson_index: usize,
    ) -> usize {
        let Some(lesson) = course.lessons.get(lesson_index) else {
            return 0;
        };
        self.lesson(learner_id, &course.id, &lesson.id)
            .and_then(|lp| latest(&lp.last_step, |m| m.at))
            .and_then(|m| m.step_id.as_deref())
            .and_then(|step_id| lesson.step_index(step_id))
            .map_or(0, |i| (i + 1).min(lesson.steps.len().saturating_sub(1)))
    }
}

/// The entry with the latest `at` (ties: the greater kiosk id), over per-kiosk records.
fn latest<T>(per_kiosk: &BTreeMap<KioskId, T>, at: impl Fn(&T) -> DateTime<Utc>) -> Option<&T> {
    per_kiosk
        .iter()
        .max_by_key(|(kiosk, t)| (at(t), **kiosk))
        .map(|(_, t)| t)
}

impl LearnerProgress {
    pub fn course(&self, course_id: &str) -> Option<&CourseProgress> {
        self.courses.get(course_id)
    }

    pub fn course_ids(&self) -> impl Iterator<Item = &str> {
        self.courses.keys().map(String::as_str)
    }

    /// The course of the learner's latest learning event.
    pub fn last_course(&self) -> Option<&str> {
        self.courses
            .iter()
            .filter_map(|(id, c)| latest(&c.touches, |t| t.at).map(|t| (t.at, id)))
            .max()
            .map(|(_, id)| id.as_str())
    }
}

impl CourseProgress {
    pub fn lesson(&self, lesson_id: &str) -> Option<&LessonProgress> {
        self.lessons.get(lesson_id)
    }

    pub fn lessons(&self) -> impl Iterator<Item = (&str, &LessonProgress)> {
        self.lessons.iter().map(|(id, l)| (id.as_str(), l))
    }

    fn lessons_completed_count(&self) -> u32 {
        self.lessons.values().filter(|l| l.is_completed()).count() as u32
    }
}

impl LessonProgress {
    fn set_last_step(&mut self, kiosk_id: KioskId, mark: StepMark) {
        match self.last_step.get(&kiosk_id) {
            Some(m) if m.seq > mark.seq => {}
            _ => {
                self.last_step.insert(kiosk_id, mark);
            }
        }
    }

    pub fn is_completed(&self) -> bool {
        self.completions > 0
    }

    /// How many times the lesson was completed.
    pub fn completions(&self) -> u32 {
        self.completions
    }

    pub fn steps_completed(&self) -> &BTreeSet<String> {
        &self.steps_completed
    }

    pub fn is_step_completed(&self, step_id: &str) -> bool {
        self.steps_completed.contains(step_id)
    }

    /// Every answer given to a quiz step, in (kiosk, seq) order.
    pub fn answers(&self, step_id: &str) -> &[QuizAnswer] {
        self.steps.get(step_id).map_or(&[], |s| &s.answers)
    }

    /// Missed practice tries plus wrong quiz answers on a step, ever.
    pub fn failed_tries(&self, step_id: &str) -> u32 {
        self.steps.get(step_id).map_or(0, |s| s.failed_tries)
    }

    /// Score in percent of each finished attempt, in order; `None` when the lesson has
    /// no quiz steps.
    pub fn attempt_scores(&self, lesson: &Lesson) -> Option<Vec<u32>> {
        let quiz_steps: Vec<&str> = lesson
            .steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Quiz { .. }))
            .map(|s| s.id.as_str())
            .collect();
        if quiz_steps.is_empty() {
            return None;
        }
        let scores = self
            .attempts
            .iter()
            .map(|attempt| {
                let right = quiz_steps
                    .iter()
                    .filter(|id| attempt.first_answers.get(**id).copied().unwrap_or(false))
                    .count();
                (right * 100 / quiz_steps.len()) as u32
            })
            .collect();
        Some(scores)
    }

    /// The best attempt's score in percent, if any attempt was finished.
    pub fn best_score(&self, lesson: &Lesson) -> Option<u32> {
        self.attempt_scores(lesson)?.into_iter().max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::testkit::*;

    fn resume_of(log: &Log) -> Option<(String, usize)> {
        let p = Progress::from_events(&log.events);
        p.resume(learner(1), &course())
            .map(|r| (r.lesson_id, r.step_index))
    }

    #[test]
    fn a_learner_who_never_started_resumes_at_the_first_step_of_the_first_lesson() {
        assert_eq!(resume_of(&Log::new()), Some(("touch".into(), 0)));
    }

    #[test]
    fn resume_is_the_step_after_the_last_completed_one() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"))
            .at(t(10, 1), step_done(learner(1), "touch", "tap"));
        assert_eq!(resume_of(&log), Some(("touch".into(), 2)));
    }

    #[test]
    fn a_miss_after_the_last_completed_step_does_not_move_the_resume_point() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"))
            .at(t(10, 1), missed(learner(1), "touch", "tap"));
        assert_eq!(resume_of(&log), Some(("touch".into(), 1)));
    }

    #[test]
    fn after_a_completed_lesson_resume_is_the_next_lesson_not_completed() {
        let mut log = Log::new();
        log.at(t(9, 0), lesson_done(learner(1), "call"))
            .at(t(10, 0), step_done(learner(1), "touch", "q2"))
            .at(t(10, 1), lesson_done(learner(1), "touch"));
        // "call" (next) is done already, so "exam".
        assert_eq!(resume_of(&log), Some(("exam".into(), 0)));
    }

    #[test]
    fn after_completing_the_last_lesson_resume_wraps_to_the_first_one_not_completed() {
        let mut log = Log::new();
        log.at(t(9, 0), lesson_done(learner(1), "call"))
            .at(t(10, 1), lesson_done(learner(1), "exam"));
        assert_eq!(resume_of(&log), Some(("touch".into(), 0)));
    }

    #[test]
    fn a_course_with_every_lesson_completed_has_no_resume_point() {
        let mut log = Log::new();
        for lesson in ["touch", "call", "exam"] {
            log.at(t(10, 0), lesson_done(learner(1), lesson));
        }
        assert_eq!(resume_of(&log), None);
        let p = Progress::from_events(&log.events);
        assert_eq!(p.percent(learner(1), &course()), 100);
    }

    #[test]
    fn every_step_done_without_lesson_completed_resumes_at_the_last_step() {
        let mut log = Log::new();
        for step in ["intro", "tap", "q1", "q2"] {
            log.at(t(10, 0), step_done(learner(1), "touch", step));
        }
        assert_eq!(resume_of(&log), Some(("touch".into(), 3)));
    }

    #[test]
    fn redoing_a_completed_lesson_resumes_inside_it_from_the_new_run() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "q2"))
            .at(t(10, 1), lesson_done(learner(1), "touch"))
            .at(t(11, 0), missed(learner(1), "touch", "intro"));
        assert_eq!(resume_of(&log), Some(("touch".into(), 0)));
        log.at(t(11, 1), step_done(learner(1), "touch", "intro"));
        assert_eq!(resume_of(&log), Some(("touch".into(), 1)));
    }

    #[test]
    fn resume_follows_seq_not_the_clock_within_a_kiosk() {
        let mut log = Log::new();
        // The clock jumps back an hour between the two events.
        log.at(t(11, 0), step_done(learner(1), "touch", "intro"))
            .at(t(10, 0), step_done(learner(1), "call", "c1"));
        assert_eq!(resume_of(&log), Some(("call".into(), 1)));
    }

    #[test]
    fn between_kiosks_the_later_clock_decides_where_to_resume() {
        let mut a = Log::on(kiosk(1));
        a.at(t(10, 0), step_done(learner(1), "touch", "intro"));
        let mut b = Log::on(kiosk(2));
        b.at(t(12, 0), step_done(learner(1), "call", "c1"));
        for events in [
            [a.events.clone(), b.events.clone()].concat(),
            [b.events.clone(), a.events.clone()].concat(),
        ] {
            let p = Progress::from_events(&events);
            let r = p.resume(learner(1), &course()).unwrap();
            assert_eq!((r.lesson_id.as_str(), r.step_index), ("call", 1));
        }
    }

    #[test]
    fn any_lesson_reopens_where_the_learner_left_it() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"))
            .at(t(10, 1), step_done(learner(1), "touch", "tap"))
            .at(t(10, 2), step_done(learner(1), "call", "c1"))
            .at(t(10, 3), lesson_done(learner(1), "exam"));
        let p = Progress::from_events(&log.events);
        let c = course();
        let steps: Vec<usize> = (0..4)
            .map(|i| p.step_to_resume(learner(1), &c, i))
            .collect();
        // touch after "tap", call after "c1", exam just completed: from the start.
        assert_eq!(steps, vec![2, 1, 0, 0]);
    }

    #[test]
    fn percent_counts_completed_steps_and_whole_completed_lessons() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"))
            .at(t(10, 0), step_done(learner(1), "touch", "unknown-step"))
            .at(t(10, 1), lesson_done(learner(1), "call"));
        let p = Progress::from_events(&log.events);
        // 1 + 2 of 10 steps.
        assert_eq!(p.percent(learner(1), &course()), 30);
        assert_eq!(p.percent(learner(2), &course()), 0);
    }

    #[test]
    fn quiz_answers_and_failed_tries_are_kept_per_step() {
        let mut log = Log::new();
        log.at(t(10, 0), answer(learner(1), "touch", "q1", 1, false))
            .at(t(10, 1), answer(learner(1), "touch", "q1", 0, true))
            .at(t(10, 2), missed(learner(1), "touch", "tap"))
            .at(t(10, 3), missed(learner(1), "touch", "tap"));
        let p = Progress::from_events(&log.events);
        let lp = p.lesson(learner(1), COURSE, "touch").unwrap();
        let choices: Vec<(u32, bool)> = lp
            .answers("q1")
            .iter()
            .map(|a| (a.choice, a.correct))
            .collect();
        assert_eq!(choices, vec![(1, false), (0, true)]);
        assert_eq!(lp.failed_tries("q1"), 1);
        assert_eq!(lp.failed_tries("tap"), 2);
        assert_eq!(lp.failed_tries("intro"), 0);
        assert!(!lp.is_completed());
    }

    #[test]
    fn an_assessment_scores_first_answers_per_attempt_and_keeps_the_best() {
        let c = course();
        let exam = c.lesson("exam").unwrap();
        let mut log = Log::new();
        // Attempt 1: e1 right, e2 wrong then right, e3 right, e4 never answered: 50 %.
        log.at(t(10, 0), answer(learner(1), "exam", "e1", 0, true))
            .at(t(10, 1), answer(learner(1), "exam", "e2", 1, false))
            .at(t(10, 2), answer(learner(1), "exam", "e2", 0, true))
            .at(t(10, 3), answer(learner(1), "exam", "e3", 0, true))
            .at(t(10, 4), lesson_done(learner(1), "exam"));
        // Attempt 2: all four right first time: 100 %. Then an unfinished attempt.
        for step in ["e1", "e2", "e3", "e4"] {
            log.at(t(11, 0), answer(learner(1), "exam", step, 0, true));
        }
        log.at(t(11, 5), lesson_done(learner(1), "exam"))
            .at(t(12, 0), answer(learner(1), "exam", "e1", 1, false));
        let p = Progress::from_events(&log.events);
        let lp = p.lesson(learner(1), COURSE, "exam").unwrap();
        assert_eq!(lp.attempt_scores(exam), Some(vec![50, 100]));
        assert_eq!(lp.best_score(exam), Some(100));
        assert_eq!(lp.completions(), 2);
    }

    #[test]
    fn an_unfinished_attempt_has_no_score() {
        let c = course();
        let mut log = Log::new();
        log.at(t(10, 0), answer(learner(1), "exam", "e1", 0, true));
        let p = Progress::from_events(&log.events);
        let lp = p.lesson(learner(1), COURSE, "exam").unwrap();
        assert_eq!(lp.best_score(c.lesson("exam").unwrap()), None);
    }

    #[test]
    fn a_lesson_without_quiz_steps_has_no_score() {
        let c = course();
        let mut log = Log::new();
        log.at(t(10, 0), lesson_done(learner(1), "touch"));
        let mut lesson = c.lesson("touch").unwrap().clone();
        lesson.steps.retain(|s| s.kind_name() != "quiz");
        let p = Progress::from_events(&log.events);
        let lp = p.lesson(learner(1), COURSE, "touch").unwrap();
        assert_eq!(lp.attempt_scores(&lesson), None);
    }

    #[test]
    fn an_erased_learner_disappears_but_course_counts_stay() {
        let mut log = Log::new();
        log.at(t(10, 0), lesson_done(learner(1), "touch"))
            .at(t(10, 0), lesson_done(learner(2), "touch"))
            .at(t(10, 1), erased(learner(1)))
            .at(t(10, 2), lesson_done(learner(1), "call"));
        let p = Progress::from_events(&log.events);
        assert!(p.learner(learner(1)).is_none());
        assert!(p.lesson(learner(1), COURSE, "call").is_none());
        assert!(p.is_erased(learner(1)));
        assert_eq!(p.learner_ids().collect::<Vec<_>>(), vec![learner(2)]);
        let totals = p.course_totals(COURSE);
        assert_eq!(totals.learners, 2);
        assert_eq!(totals.lessons_completed, 3);
    }

    #[test]
    fn counts_of_an_erased_learner_do_not_depend_on_when_the_erasure_arrived() {
        let mut here = Log::on(kiosk(1));
        here.at(t(10, 0), lesson_done(learner(1), "touch"))
            .at(t(10, 0), lesson_done(learner(1), "touch"))
            .at(t(10, 1), step_done(learner(1), "call", "c1"));
        let mut server = Log::on(kiosk(2));
        server.at(t(11, 0), erased(learner(1)));
        let before = Progress::from_events(server.events.iter().chain(&here.events));
        let after = Progress::from_events(here.events.iter().chain(&server.events));
        assert_eq!(before, after);
        assert_eq!(
            before.course_totals(COURSE),
            CourseTotals {
                learners: 1,
                lessons_completed: 1
            }
        );
    }

    #[test]
    fn a_snapshot_continues_where_it_stopped() {
        let mut log = Log::new();
        log.at(t(10, 0), answer(learner(1), "exam", "e1", 0, true))
            .at(t(10, 1), step_done(learner(1), "exam", "e1"))
            .at(t(10, 2), answer(learner(1), "exam", "e2", 1, false))
            .at(t(10, 3), lesson_done(learner(1), "exam"));
        let whole = Progress::from_events(&log.events);
        let first = Progress::from_events(&log.events[..2]);
        let json = serde_json::to_string(&first).unwrap();
        let mut resumed: Progress = serde_json::from_str(&json).unwrap();
        for e in &log.events[2..] {
            resumed.apply(e);
        }
        assert_eq!(resumed, whole);
    }

    #[test]
    fn the_last_course_is_the_one_of_the_latest_learning_event() {
        let mut log = Log::new();
        log.at(t(10, 0), step_done(learner(1), "touch", "intro"))
            .at(
                t(11, 0),
                EventBody::StepCompleted {
                    learner_id: learner(1),
                    course_id: "kiosk-order".into(),
                    lesson_id: "menu".into(),
                    step_id: "s1".into(),
                },
            );
        let p = Progress::from_events(&log.events);
        assert_eq!(
            p.learner(learner(1)).unwrap().last_course(),
            Some("kiosk-order")
        );
    }
}
